import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { connectRedis } from '@rosetta/domain';
import { closedRedisUrl, fakeDomain, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const credentials = { email: 'limited@rosetta.test', password: 'password-1234' };
const domain = fakeDomain({ auth: { login: async () => session } });
const limit = { authRateLimit: { max: 2, windowSeconds: 60 }, trustProxy: 'loopback' } as const;
const silent = { info: () => undefined, warn: () => undefined };
/** A client address of this run only, so counters left in a shared Redis by other runs never count. */
const randomIp = () => `10.${[...randomBytes(3)].join('.')}`;
const login = (server: Server, ip: string) =>
  request(server).post('/auth/login').set('X-Forwarded-For', ip).send(credentials);

// Each app owns its Redis client from here on: closing the app (after each file) quits it.
describe.runIf(process.env.TEST_REDIS_URL)('RedisThrottlerStorage (REDIS_URL)', () => {
  it('holds the limit across two apps sharing one Redis, with Retry-After', async () => {
    const apps = await Promise.all(
      [0, 1].map(async () =>
        testApp(
          domain,
          limit,
          (module) => module,
          await connectRedis(process.env.TEST_REDIS_URL!, silent),
        ),
      ),
    );
    const [one, two] = apps.map((app) => app.server);
    const ip = randomIp();
    expect((await login(one!, ip)).status).toBe(200);
    expect((await login(two!, ip)).status).toBe(200);
    const limited = await login(one!, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(two!, ip)).status).toBe(429);
  });
});

describe('RedisThrottlerStorage with Redis down', () => {
  it('counts in this process instead: the limit still holds, and the outage is logged once', async () => {
    const warnings: string[] = [];
    const redis = await connectRedis(await closedRedisUrl(), {
      info: () => undefined,
      warn: (message) => warnings.push(message),
    });
    const { server } = await testApp(domain, limit, (module) => module, redis);
    const ip = randomIp();
    expect((await login(server, ip)).status).toBe(200);
    expect((await login(server, ip)).status).toBe(200);
    const limited = await login(server, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client still has its own budget.
    expect((await login(server, randomIp())).status).toBe(200);
    expect(warnings).toHaveLength(1);
  });
});
