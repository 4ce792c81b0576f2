import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, type BootedServer, type StopResult } from '../../src/boot.js';
import type { ApiClient } from '../../src/client.js';
import { recordFigures } from '../../src/figures.js';
import { randomPassword, uniqueEmail, walk } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import { holdRequest, type HeldResponse } from '../support/held-request.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';

const HELD_CREATES = 4;
const HELD_REGISTERS = 2;
/** Fired together, with SIGTERM amid them: each must be answered in full or never accepted. */
const BURST_CREATES = 20;
/**
 * The instance's drain budget. Everything in flight at SIGTERM (the held requests, two of them Argon2
 * hashes, and the burst) must finish within it; that took 0.4 s with one core busy, so 30 s leaves a
 * busy machine room, and a server that drains costs nothing: it exits as soon as it is done.
 */
const SHUTDOWN_TIMEOUT_MS = 30_000;
/** Polling for the refusal ends well inside the drain budget, so the held requests are released in it. */
const REFUSAL_TIMEOUT_MS = 10_000;

interface Outcome {
  title: string;
  status?: number;
  id?: string;
  /** Why no response came: the connection was refused or reset. */
  error?: string;
}

/**
 * SIGTERM while requests are in flight, against a second instance of the target. Requests are held
 * in flight with `Expect: 100-continue` (the server has them and waits for their bodies), then SIGTERM;
 * the test checks that new connections are refused while those requests still run, lets them finish,
 * and reads everything back through a fresh instance on the same database.
 */
describe.runIf(capabilities.bootable)('graceful shutdown', () => {
  let own: OwnDatabase;
  let server: BootedServer;
  let after: BootedServer | undefined;
  const run = {
    owner: { email: uniqueEmail('shutdown'), password: randomPassword() },
    registers: [] as { email: string; password: string }[],
    held: [] as (Outcome & { kind: 'create' | 'register' })[],
    heldErrors: [] as string[],
    burst: [] as Outcome[],
    refusedAfterMs: undefined as number | undefined,
    lastProbeError: undefined as string | undefined,
    exit: undefined as StopResult | undefined,
    exitError: undefined as string | undefined,
  };

  beforeAll(async () => {
    own = await ownDatabase('shutdown');
    // info, for the shutdown's own log lines.
    server = await bootInstance(own.database.url, 'shutdown', {
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    const api = instanceClient(server.baseUrl);
    const registered = await api.post('/auth/register', { json: { ...run.owner, name: 'Owner' } });
    expect(registered.status, 'registering the owner').toBe(201);
    const auth = { authorization: `Bearer ${registered.body.accessToken}` };
    const tag = Date.now().toString(36);

    const held = await Promise.all([
      ...Array.from({ length: HELD_CREATES }, async (_, i) => {
        const title = `held ${i} ${tag}`;
        const request = await holdRequest(server.baseUrl, {
          method: 'POST',
          path: '/tasks',
          headers: { ...auth, 'x-forwarded-for': api.ip },
          json: { title },
        });
        return { kind: 'create' as const, title, request };
      }),
      ...Array.from({ length: HELD_REGISTERS }, async (_, i) => {
        const account = { email: uniqueEmail(`shutdown-held-${i}`), password: randomPassword() };
        run.registers.push(account);
        const request = await holdRequest(server.baseUrl, {
          method: 'POST',
          path: '/auth/register',
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
          json: { ...account, name: 'Held' },
        });
        return { kind: 'register' as const, title: account.email, request };
      }),
    ]);

    const burst = Array.from({ length: BURST_CREATES }, (_, i) => {
      const title = `burst ${i} ${tag}`;
      return api.post('/tasks', { json: { title }, token: registered.body.accessToken }).then(
        (res): Outcome => ({ title, status: res.status, id: res.body?.id }),
        (error: Error): Outcome => ({ title, error: String(error.cause ?? error.message) }),
      );
    });
    // SIGTERM once the server is busy with them: some answered, some in flight, some not yet accepted.
    await Promise.race(burst);
    server.terminate();
    const sent = Date.now();

    // While the held requests still run, a new connection must be refused.
    while (Date.now() - sent < REFUSAL_TIMEOUT_MS) {
      const probe = await tryConnect(server.baseUrl);
      run.lastProbeError = probe;
      if (probe === 'ECONNREFUSED') {
        run.refusedAfterMs = Date.now() - sent;
        break;
      }
      await sleep(20);
    }

    const released = await Promise.allSettled(held.map((h) => h.request.release()));
    released.forEach((result, i) => {
      const { kind, title } = held[i]!;
      if (result.status === 'fulfilled') {
        const res: HeldResponse = result.value;
        run.held.push({ kind, title, status: res.status, id: res.body?.id ?? res.body?.user?.id });
      } else {
        run.held.push({ kind, title, error: String(result.reason) });
      }
    });
    run.burst = await Promise.all(burst);
    try {
      run.exit = await server.stop();
    } catch (error) {
      run.exitError = (error as Error).message;
    }

    const acknowledged = run.burst.filter((b) => b.status !== undefined).length;
    recordFigures(ctx.runDir, 'graceful-shutdown', {
      inFlightHeld: held.length,
      inFlightCompleted: run.held.filter((h) => h.status === 201).length,
      burstSent: BURST_CREATES,
      burstAnswered: acknowledged,
      burstNotAccepted: BURST_CREATES - acknowledged,
      ...(run.refusedAfterMs !== undefined && { newConnectionRefusedAfterMs: run.refusedAfterMs }),
      ...(run.exit && { exitCode: run.exit.exitCode ?? -1, exitAfterMs: run.exit.durationMs }),
      gracePeriodMs: server.gracePeriodMs,
    });
    // Booting (up to a minute), then the drain and exit (up to the grace period), with room to spare.
  }, 180_000);

  afterAll(async () => {
    await after?.stop();
    await server?.stop().catch(() => undefined);
    await own?.release();
  }, 30_000);

  it('completes every in-flight request with its normal status', () => {
    expect(run.held).toHaveLength(HELD_CREATES + HELD_REGISTERS);
    for (const outcome of run.held) {
      expect(outcome.error, `${outcome.kind} "${outcome.title}"`).toBeUndefined();
      expect(outcome.status, `${outcome.kind} "${outcome.title}"`).toBe(201);
    }
  });

  it('refuses new connections once SIGTERM has arrived, while requests are still in flight', () => {
    expect(run.refusedAfterMs, `last probe: ${run.lastProbeError}`).toBeDefined();
  });

  it('answers requests sent around SIGTERM in full or not at all', () => {
    for (const outcome of run.burst) {
      // A response is the normal one; anything else is a connection that was never accepted.
      if (outcome.status !== undefined) expect(outcome.status, outcome.title).toBe(201);
      else
        expect(outcome.error, outcome.title).toMatch(
          /ECONNREFUSED|ECONNRESET|other side closed|socket/i,
        );
    }
  });

  it('exits with code 0 within the grace period', () => {
    expect(run.exitError).toBeUndefined();
    expect(run.exit?.exitCode).toBe(0);
    expect(run.exit!.durationMs).toBeLessThanOrEqual(server.gracePeriodMs);
  });

  it('closes the database pool before exiting', () => {
    const messages = readFileSync(server.logFile, 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          return [String((JSON.parse(line) as { msg?: unknown }).msg)];
        } catch {
          return [];
        }
      });
    const draining = messages.findIndex((m) => m.startsWith('shutting down'));
    expect(draining, 'the log says the shutdown started').toBeGreaterThanOrEqual(0);
    expect(messages.indexOf('database closed', draining)).toBeGreaterThan(draining);
  });

  it('keeps every acknowledged write, whole, and nothing that was not acknowledged', async () => {
    after = await bootInstance(own.database.url, 'shutdown-after');
    const api = instanceClient(after.baseUrl);
    const owner = await login(api, run.owner);
    const { items } = await walk<{ id: string; title: string }>(owner, '/tasks', { limit: 100 });
    const stored = new Map(items.map((task) => [task.title, task.id]));
    expect(items).toHaveLength(stored.size);

    const creates = [...run.held.filter((h) => h.kind === 'create'), ...run.burst];
    for (const outcome of creates) {
      if (outcome.status === 201) expect(stored.get(outcome.title), outcome.title).toBe(outcome.id);
      else expect(stored.has(outcome.title), `${outcome.title} was never acknowledged`).toBe(false);
    }
    expect(stored.size).toBe(creates.filter((c) => c.status === 201).length);

    // A held registration wrote the account, its password hash and its session together.
    for (const [i, account] of run.registers.entries()) {
      const outcome = run.held.find((h) => h.title === account.email)!;
      const session = await api.post('/auth/login', {
        json: account,
        headers: { 'x-forwarded-for': `198.51.100.${i + 101}` },
      });
      expect(session.status, account.email).toBe(200);
      expect(session.body.user.id).toBe(outcome.id);
    }
  }, 90_000);
});

async function login(api: ApiClient, account: { email: string; password: string }) {
  const res = await api.post('/auth/login', { json: account });
  expect(res.status, 'signing in again after the restart').toBe(200);
  return api.withToken(res.body.accessToken);
}

/** Connects and hangs up; resolves 'connected' or the error code. */
function tryConnect(baseUrl: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
