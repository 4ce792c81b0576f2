import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_RATE_LIMIT_MAX, randomSecrets, sleep, type BootedServer } from '../../src/boot.js';
import { randomIp } from '../../src/client.js';
import { recordFigures } from '../../src/figures.js';
import { loadBalancer, type LoadBalancer } from '../../src/load-balancer.js';
import { TcpProxy, throughProxy } from '../../src/proxy.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectProblem, expectUnauthorized } from '../support/problems.js';

const INSTANCES = 2;
/** Refresh races to run: one could be won by chance ordering; several show the outcome is enforced. */
const RACES = 5;
const GROUP = 'scale-out';
const REDIS_RECOVERY_TIMEOUT_MS = 30_000;

/**
 * Two instances of the target on one database and one Redis, behind a load balancer (HAProxy with the
 * compose stack's config where it is installed, else the harness's own round-robin one): what a
 * deployment with more than one process needs to stay correct. Only a target the harness boots can be
 * scaled out, and the instances need a Redis to share; otherwise these tests show n/a. The instances
 * reach Redis through a TCP proxy the test can cut.
 */
describe.runIf(capabilities.bootable && ctx.redisUrl !== undefined)('scale-out', () => {
  let own: OwnDatabase;
  let servers: BootedServer[] = [];
  let balancer: LoadBalancer;
  let baseUrl: string;
  let redisProxy: TcpProxy;
  /** A client of the balancer, or of one instance, with its own address unless given one. */
  const through = (url = baseUrl, options: { ip?: string; token?: string } = {}) =>
    instanceClient(url, options);

  /** Failed logins from one new address (through the balancer unless given an instance): max, then one more. */
  async function spendBudget(url = baseUrl) {
    // One of 16 million addresses, so counters other runs left in the shared Redis never count here.
    const api = through(url, { ip: randomIp() });
    const attempt = () =>
      api.post('/auth/login', {
        json: { email: uniqueEmail('scale'), password: randomPassword() },
      });
    const statuses: number[] = [];
    // One at a time, so the balancer alternates and each instance sees half of the attempts.
    for (let i = 1; i <= AUTH_RATE_LIMIT_MAX; i++) statuses.push((await attempt()).status);
    return { statuses, extra: await attempt() };
  }

  beforeAll(async () => {
    own = await ownDatabase('scale');
    const redis = new URL(ctx.redisUrl!);
    redisProxy = new TcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const redisUrl = throughProxy(ctx.redisUrl!, await redisProxy.listen());
    const secrets = randomSecrets();
    const boot = (n: number) =>
      bootInstance(
        own.database.url,
        `scale-${n}`,
        // A long window, so that a slow machine cannot see it end in the middle of a test.
        { REDIS_URL: redisUrl, AUTH_RATE_LIMIT_WINDOW_SECONDS: '300' },
        secrets,
      );
    // The first alone, so that it alone migrates the fresh database.
    servers.push(await boot(1));
    servers.push(
      ...(await Promise.all(Array.from({ length: INSTANCES - 1 }, (_, i) => boot(i + 2)))),
    );
    balancer = loadBalancer(
      servers.map((server) => server.baseUrl),
      join(ctx.runDir, `balancer-${GROUP}.log`),
    );
    baseUrl = await balancer.listen();
  }, 120_000);

  afterAll(async () => {
    redisProxy?.restore();
    await balancer?.close();
    await Promise.allSettled(servers.map((server) => server.stop()));
    await redisProxy?.close();
    servers = [];
    await own?.release();
  }, 60_000);

  it('holds the auth rate limit across instances: attempt max + 1, spread over both, gets 429', async () => {
    const before = await balancer.requestsPerInstance();
    const { statuses, extra: limited } = await spendBudget();
    const spread = (await balancer.requestsPerInstance()).map((count, i) => count - before[i]!);
    recordFigures(ctx.runDir, GROUP, {
      instances: INSTANCES,
      attemptsPerInstance: Object.fromEntries(
        spread.map((count, i) => [`instance${i + 1}`, count]),
      ),
      rateLimitMax: AUTH_RATE_LIMIT_MAX,
      firstRateLimitedAttempt: limited.status === 429 ? AUTH_RATE_LIMIT_MAX + 1 : 0,
    });
    expect(statuses).toEqual(Array(AUTH_RATE_LIMIT_MAX).fill(401));
    expect(spread.every((count) => count >= Math.floor(AUTH_RATE_LIMIT_MAX / INSTANCES))).toBe(
      true,
    );
    expectProblem(limited, 429, 'rate_limited');
  });

  it('lets exactly one of two concurrent refreshes through different instances succeed', async () => {
    const [one, two] = servers.map((server) => server.baseUrl);
    const outcome = { races: 0, succeeded: 0, rejected401: 0, other: 0 };
    for (let race = 0; race < RACES; race++) {
      const registered = await through(one).post('/auth/register', {
        json: { email: uniqueEmail('race'), password: randomPassword(), name: 'Race' },
      });
      expect(registered.status).toBe(201);
      const refreshToken = registered.body.refreshToken as string;
      const answers = await Promise.all(
        [one, two].map((url) => through(url).post('/auth/refresh', { json: { refreshToken } })),
      );
      outcome.races++;
      for (const res of answers) {
        if (res.status === 200) outcome.succeeded++;
        else if (res.status === 401) outcome.rejected401++;
        else outcome.other++;
      }
      expect(answers.map((res) => res.status).sort()).toEqual([200, 401]);
      expectUnauthorized(
        answers.find((res) => res.status === 401)!,
        'invalid_refresh_token',
      );
      // The loser counts as reuse, so the family is revoked: the winner's new token is spent too.
      const winner = answers.find((res) => res.status === 200)!;
      expectUnauthorized(
        await through(two).post('/auth/refresh', {
          json: { refreshToken: winner.body.refreshToken },
        }),
        'invalid_refresh_token',
      );
    }
    recordFigures(ctx.runDir, GROUP, { refreshRace: outcome });
  });

  it('reads on one instance what was written on the other, with a token the other issued', async () => {
    const [one, two] = servers.map((server) => server.baseUrl);
    const registered = await through(one).post('/auth/register', {
      json: { email: uniqueEmail('scale'), password: randomPassword(), name: 'Scale' },
    });
    expect(registered.status).toBe(201);
    const token = registered.body.accessToken as string;
    const title = `written on one ${randomBytes(4).toString('hex')}`;
    const created = await through(one, { token }).post('/tasks', { json: { title } });
    expect(created.status).toBe(201);

    const read = await through(two, { token }).get(`/tasks/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe(title);
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));

    const updated = await through(two, { token }).patch(`/tasks/${created.body.id}`, {
      json: { title: `${title}, changed on two` },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(updated.status).toBe(200);
    const reread = await through(one, { token }).get(`/tasks/${created.body.id}`);
    expect(reread.body.title).toBe(`${title}, changed on two`);
  });

  it('counts per instance while Redis is down (never a 500), and shares the count again once it is back', async () => {
    redisProxy.cut();
    let during: Awaited<ReturnType<typeof spendBudget>>;
    try {
      // Straight to one instance: it now counts in its own memory, so the limit holds there alone.
      during = await spendBudget(servers[0]!.baseUrl);
    } finally {
      redisProxy.restore();
    }
    expect(during.statuses).toEqual(Array(AUTH_RATE_LIMIT_MAX).fill(401));
    expectProblem(during.extra, 429, 'rate_limited');
    const restoredAt = Date.now();
    let after = await spendBudget();
    while (after.extra.status !== 429 && Date.now() - restoredAt < REDIS_RECOVERY_TIMEOUT_MS) {
      await sleep(500);
      after = await spendBudget();
    }
    recordFigures(ctx.runDir, GROUP, { limitBackAfterRedisRestoredMs: Date.now() - restoredAt });
    expectProblem(after.extra, 429, 'rate_limited');
  }, 90_000);
});
