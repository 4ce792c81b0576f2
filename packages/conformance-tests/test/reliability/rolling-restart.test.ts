import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSecrets, sleep, type BootedServer } from '../../src/boot.js';
import type { ApiClient } from '../../src/client.js';
import { recordFigures } from '../../src/figures.js';
import { Haproxy, haproxyVersion } from '../../src/haproxy.js';
import { haproxyConfig } from '../../src/targets.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';

const GROUP = 'rolling-restart';
/** Clients writing and reading all through the restarts, each one request at a time. */
const CLIENTS = 4;
/** How long the instance's drained slot may take to finish what it had in progress. */
const DRAIN_TIMEOUT_MS = 30_000;

interface Failure {
  what: string;
  status?: number;
  error?: string;
}

/**
 * Two instances behind HAProxy (the compose stack's config) under steady load, restarted one after
 * the other as a deployment does it: the instance's slot is drained (no new requests; what it has in
 * progress finishes), it gets SIGTERM and must exit 0, a replacement boots at an address of its own,
 * and once HAProxy's health checks find it ready it takes traffic again. Not one request may fail,
 * and every write that was acknowledged must be there afterwards. HAProxy only: the harness's own
 * balancer has no health checks to take an instance back by, so without HAProxy this is n/a.
 */
describe.runIf(
  capabilities.bootable && ctx.redisUrl !== undefined && haproxyConfig && haproxyVersion(),
)('rolling restart', () => {
  let own: OwnDatabase;
  let haproxy: Haproxy;
  let baseUrl: string;
  const servers: BootedServer[] = [];
  const secrets = randomSecrets();
  const boot = (n: number) =>
    bootInstance(own.database.url, `rolling-${n}`, { REDIS_URL: ctx.redisUrl! }, secrets);

  beforeAll(async () => {
    own = await ownDatabase('rolling');
    // The first alone, so that it alone migrates the fresh database.
    servers.push(await boot(1));
    servers.push(await boot(2));
    haproxy = new Haproxy(
      servers.map((server) => server.baseUrl),
      { configFile: haproxyConfig!, logFile: join(ctx.runDir, `balancer-${GROUP}.log`) },
    );
    baseUrl = await haproxy.listen();
  }, 180_000);

  afterAll(async () => {
    await haproxy?.close();
    await Promise.allSettled(servers.map((server) => server.stop()));
    await own?.release();
  }, 60_000);

  it('fails no request and loses no acknowledged write while each instance in turn is restarted', async () => {
    const failures: Failure[] = [];
    /** Each client's acknowledged writes (id → title), read back with its token afterwards. */
    const writers: { api: ApiClient; acknowledged: Map<string, string> }[] = [];
    /** When each answer came, to show the load ran on while an instance was down. */
    const answeredAt: number[] = [];
    let stopping = false;

    async function client(): Promise<void> {
      const anonymous = instanceClient(baseUrl);
      const registered = await anonymous.post('/auth/register', {
        json: { email: uniqueEmail('rolling'), password: randomPassword(), name: 'Rolling' },
      });
      if (registered.status !== 201) {
        failures.push({ what: 'register', status: registered.status });
        return;
      }
      const api: ApiClient = anonymous.withToken(registered.body.accessToken);
      const acknowledged = new Map<string, string>();
      writers.push({ api, acknowledged });
      while (!stopping) {
        const title = `rolling ${randomBytes(6).toString('hex')}`;
        try {
          const created = await api.post('/tasks', { json: { title } });
          answeredAt.push(performance.now());
          if (created.status !== 201) {
            failures.push({ what: 'create', status: created.status });
            continue;
          }
          acknowledged.set(created.body.id, title);
          const read = await api.get(`/tasks/${created.body.id}`);
          answeredAt.push(performance.now());
          if (read.status !== 200) failures.push({ what: 'read', status: read.status });
        } catch (error) {
          failures.push({ what: 'request', error: (error as Error).message });
        }
      }
    }

    const load = Array.from({ length: CLIENTS }, () => client());
    const windows: { from: number; to: number; exitMs: number }[] = [];
    try {
      for (let i = 0; i < servers.length; i++) {
        await haproxy.setState(i, 'drain');
        const drainDeadline = performance.now() + DRAIN_TIMEOUT_MS;
        while ((await haproxy.currentRequests(i)) > 0 && performance.now() < drainDeadline) {
          await sleep(50);
        }
        const from = performance.now();
        const exit = await servers[i]!.stop();
        const replacement = await boot(servers.length + i + 1);
        servers[i] = replacement;
        await haproxy.setAddress(i, replacement.baseUrl);
        await haproxy.setState(i, 'ready');
        await haproxy.waitForStatus(i, 'UP');
        windows.push({ from, to: performance.now(), exitMs: exit.durationMs });
      }
    } finally {
      stopping = true;
      await Promise.all(load);
    }

    const servedDuring = windows.map(
      ({ from, to }) => answeredAt.filter((t) => t >= from && t <= to).length,
    );
    recordFigures(ctx.runDir, GROUP, {
      clients: CLIENTS,
      requests: answeredAt.length,
      failed: failures.length,
      acknowledgedWrites: writers.reduce((n, w) => n + w.acknowledged.size, 0),
      servedWhileInstanceDown: Object.fromEntries(
        servedDuring.map((count, i) => [`instance${i + 1}`, count]),
      ),
      exitAfterSigtermMs: Object.fromEntries(
        windows.map((w, i) => [`instance${i + 1}`, Math.round(w.exitMs)]),
      ),
    });
    expect(failures).toEqual([]);
    // The other instance carried the load while each was away: the restarts happened under it.
    for (const [i, count] of servedDuring.entries()) {
      expect(count, `requests answered while instance ${i + 1} was down`).toBeGreaterThan(0);
    }

    // Every acknowledged write is there, as written, whichever instance took it.
    const lost = await Promise.all(
      writers.map(async ({ api, acknowledged }) => {
        const missing: string[] = [];
        for (const [id, title] of acknowledged) {
          const read = await api.get(`/tasks/${id}`);
          if (read.status !== 200 || read.body.title !== title) missing.push(id);
        }
        return missing;
      }),
    );
    expect(lost.flat()).toEqual([]);
  }, 300_000);
});
