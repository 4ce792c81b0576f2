import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis } from '@rosetta/domain';
import { closedRedisUrl, fakeDomain, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const credentials = { email: 'limited@rosetta.test', password: 'password-1234' };
const domain = fakeDomain({ auth: { login: async () => session } });
const limit = { authRateLimit: { max: 2, windowSeconds: 60 }, trustProxy: 'loopback' } as const;
const silent = { info: () => undefined, warn: () => undefined };
/** A client address of this run only, so counters left in a shared Redis by other runs never count. */
const randomIp = () => `10.${[...randomBytes(3)].join('.')}`;
const login = (app: FastifyInstance, ip: string) =>
  app.inject({
    method: 'POST',
    url: '/auth/login',
    headers: { 'x-forwarded-for': ip },
    payload: credentials,
  });

describe.runIf(process.env.TEST_REDIS_URL)('auth rate limit in Redis (REDIS_URL)', () => {
  const clients: Redis[] = [];
  afterAll(() => Promise.all(clients.map((c) => c.quit())));

  it('holds across two apps sharing one Redis', async () => {
    clients.push(await connectRedis(process.env.TEST_REDIS_URL!, silent));
    clients.push(await connectRedis(process.env.TEST_REDIS_URL!, silent));
    const [one, two] = clients.map((redis) => testApp(domain, limit, redis).app);
    const ip = randomIp();
    expect((await login(one!, ip)).statusCode).toBe(200);
    expect((await login(two!, ip)).statusCode).toBe(200);
    expect((await login(one!, ip)).statusCode).toBe(429);
    expect((await login(two!, ip)).statusCode).toBe(429);
  });
});

describe('auth rate limit with Redis down', () => {
  it('counts in this process instead: the limit still holds, and the outage is logged once', async () => {
    const warnings: string[] = [];
    const redis = await connectRedis(await closedRedisUrl(), {
      info: () => undefined,
      warn: (message) => warnings.push(message),
    });
    try {
      const { app } = testApp(domain, limit, redis);
      const ip = randomIp();
      expect((await login(app, ip)).statusCode).toBe(200);
      expect((await login(app, ip)).statusCode).toBe(200);
      const limited = await login(app, ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another client still has its own budget.
      expect((await login(app, randomIp())).statusCode).toBe(200);
      expect(warnings).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  });
});
