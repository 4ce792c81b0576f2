import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import { recordFigures } from '../../src/figures.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { rssMiB, sampleRss } from '../support/rss.js';

const ACCOUNTS = 20;
/**
 * Create, list, update, delete rounds per login. A login costs an Argon2 hash (tens of ms of CPU), so a
 * login on every round would make the soak a test of the hash alone.
 */
const CRUD_ROUNDS = 4;
/** A request that takes this long counts as a timeout (and fails the group): far past any queueing. */
const REQUEST_TIMEOUT_SECONDS = 20;
/**
 * RSS swings by tens of MiB from one sample to the next under this load (Argon2 takes 19 MiB per hash
 * in flight; V8 collects when it likes), so single samples prove nothing. What a leak raises is the
 * floor: the lowest sample in a window. Growth is the floor of the last quarter of the run minus the
 * floor of the second quarter (the first is warm-up: pools, JIT, heap sizing).
 */
const WINDOWS = { warm: [0.25, 0.5], end: [0.75, 1] } as const;
/**
 * Generous on purpose. A healthy server's floor climbs while V8 sizes its heap up under load, then
 * levels off: Nest, whose heap is the largest, went from 159 to 299 MiB in a 10 s quick run, yet from
 * 258 to 260 MiB between the second and last quarters of a 60 s full run. The quick profile is nearly
 * all warm-up, so the bound must allow for that. A leak is growth that does not stop: half the run's
 * requests fall between the two windows, so a server that keeps ~30 kB of every request (a body, a
 * socket, a listener) crosses this in the full profile. It catches gross leaks; slow ones need longer
 * runs than a test suite can afford.
 */
const RSS_GROWTH_BOUND_MIB = 192;

type Step = 'login' | 'create' | 'list' | 'update' | 'delete';
const EXPECTED: Record<Step, number> = {
  login: 200,
  create: 201,
  list: 200,
  update: 200,
  delete: 204,
};

interface Context {
  token?: string;
  taskId?: string;
}

/**
 * A mixed workload against a second instance of the target (rate limit lifted): every connection loops
 * a login, then create → list → update → delete a few times, as one of a few accounts, for `soakSeconds` over
 * `soakConnections` connections (the reliability profile). Every response must be the step's normal
 * one; no errors, no timeouts; the server's memory must level off.
 */
describe.runIf(capabilities.bootable)('soak', () => {
  let own: OwnDatabase;
  let server: BootedServer;
  const accounts: { email: string; password: string }[] = [];

  beforeAll(async () => {
    own = await ownDatabase('soak');
    server = await bootInstance(own.database.url, 'soak', { AUTH_RATE_LIMIT_MAX: '1000000000' });
    const api = instanceClient(server.baseUrl);
    for (let i = 0; i < ACCOUNTS; i++) {
      const account = { email: uniqueEmail(`soak-${i}`), password: randomPassword() };
      const res = await api.post('/auth/register', { json: { ...account, name: `Soak ${i}` } });
      expect(res.status, 'registering a soak account').toBe(201);
      accounts.push(account);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await own?.release();
  }, 30_000);

  it(
    'serves a mixed workload without an error, a timeout or an unexpected status, and memory levels off',
    async () => {
      const { soakSeconds, soakConnections } = ctx.reliability;
      const statuses: Record<string, number> = {};
      const tally = (step: Step, status: number) => {
        const key = `${step} ${status}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
      };
      const json = { 'content-type': 'application/json' };
      const bearer = (context: Context) => ({ authorization: `Bearer ${context.token}` });
      const parse = (body: string) => JSON.parse(body) as Record<string, unknown>;

      const login: autocannon.Request = {
        method: 'POST',
        path: '/auth/login',
        setupRequest: (request) => {
          const account = accounts[Math.floor(Math.random() * accounts.length)]!;
          return { ...request, headers: json, body: JSON.stringify(account) };
        },
        onResponse: (status, body, context: Context) => {
          tally('login', status);
          if (status === 200) context.token = parse(body).accessToken as string;
        },
      };
      const crud: autocannon.Request[] = [
        {
          method: 'POST',
          path: '/tasks',
          setupRequest: (request, context: Context) => ({
            ...request,
            headers: { ...json, ...bearer(context) },
            body: JSON.stringify({ title: `soak ${Math.random().toString(36).slice(2)}` }),
          }),
          onResponse: (status, body, context: Context) => {
            tally('create', status);
            if (status === 201) context.taskId = parse(body).id as string;
          },
        },
        {
          method: 'GET',
          setupRequest: (request, context: Context) => ({
            ...request,
            path: '/tasks?limit=20&sort=-createdAt',
            headers: bearer(context),
          }),
          onResponse: (status) => tally('list', status),
        },
        {
          method: 'PATCH',
          setupRequest: (request, context: Context) => ({
            ...request,
            path: `/tasks/${context.taskId}`,
            headers: { ...json, ...bearer(context) },
            body: JSON.stringify({ status: 'done' }),
          }),
          onResponse: (status) => tally('update', status),
        },
        {
          method: 'DELETE',
          setupRequest: (request, context: Context) => ({
            ...request,
            path: `/tasks/${context.taskId}`,
            headers: bearer(context),
          }),
          onResponse: (status) => tally('delete', status),
        },
      ];

      const rssBefore = rssMiB(server.pid);
      const rss = sampleRss(server.pid);
      const result = await autocannon({
        url: server.baseUrl,
        connections: soakConnections,
        duration: soakSeconds,
        timeout: REQUEST_TIMEOUT_SECONDS,
        requests: [login, ...Array.from({ length: CRUD_ROUNDS }, () => crud).flat()],
      });
      const samples = rss.stop();
      const rssAfter = rssMiB(server.pid);

      const loadedMs = result.duration * 1000;
      const loaded = samples.filter((s) => s.atMs <= loadedMs);
      const floor = ([from, to]: readonly [number, number]) => {
        const window = loaded.filter((s) => s.atMs >= from * loadedMs && s.atMs <= to * loadedMs);
        return window.length > 0 ? Math.min(...window.map((s) => s.mib)) : undefined;
      };
      const warmFloor = floor(WINDOWS.warm);
      const endFloor = floor(WINDOWS.end);
      const byStatus = Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
      );
      const unexpected = Object.fromEntries(
        Object.entries(statuses).filter(([key]) => {
          const [step, status] = key.split(' ') as [Step, string];
          return Number(status) !== EXPECTED[step];
        }),
      );
      const growth =
        warmFloor !== undefined && endFloor !== undefined
          ? Math.round((endFloor - warmFloor) * 10) / 10
          : undefined;
      recordFigures(ctx.runDir, 'soak', {
        seconds: result.duration,
        connections: soakConnections,
        requests: result.requests.total,
        requestsPerSecond: Math.round(result.requests.total / result.duration),
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        byStatus,
        byStep: statuses,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        ...(rssBefore !== undefined && { rssStartMiB: rssBefore }),
        ...(loaded.length > 0 && { rssEndMiB: loaded.at(-1)!.mib }),
        ...(warmFloor !== undefined && { rssWarmFloorMiB: warmFloor }),
        ...(endFloor !== undefined && { rssEndFloorMiB: endFloor }),
        ...(growth !== undefined && { rssGrowthMiB: growth }),
        ...(loaded.length > 0 && { rssPeakMiB: Math.max(...loaded.map((s) => s.mib)) }),
        ...(rssAfter !== undefined && { rssAfterMiB: rssAfter }),
        rssGrowthBoundMiB: RSS_GROWTH_BOUND_MIB,
      });

      expect(result.requests.total, 'requests answered').toBeGreaterThan(0);
      expect(result.errors, 'connection errors').toBe(0);
      expect(result.timeouts, 'timeouts').toBe(0);
      expect(result.non2xx, `non-2xx responses: ${JSON.stringify(byStatus)}`).toBe(0);
      expect(unexpected, 'responses other than each step’s normal status').toEqual({});
      // Every step ran: the loop got all the way round.
      for (const step of Object.keys(EXPECTED) as Step[]) {
        expect(statuses[`${step} ${EXPECTED[step]}`] ?? 0, step).toBeGreaterThan(0);
      }
      // /proc exists wherever the harness runs the starters (Linux); elsewhere there is nothing to read.
      if (growth !== undefined)
        expect(growth, 'RSS floor growth, MiB').toBeLessThanOrEqual(RSS_GROWTH_BOUND_MIB);
    },
    (ctx.reliability.soakSeconds + 90) * 1000,
  );
});
