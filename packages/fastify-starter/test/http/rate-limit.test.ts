import { describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const credentials = { email: 'limited@rosetta.test', password: 'password-1234' };

describe('auth rate limit', () => {
  const { app } = testApp(
    fakeDomain({
      auth: {
        login: async () => session,
        register: async () => session,
        refresh: async () => session,
      },
    }),
    { authRateLimit: { max: 2, windowSeconds: 60 }, trustProxy: 'loopback' },
  );
  const from = (ip: string) => ({
    login: () =>
      app.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { 'x-forwarded-for': ip },
        payload: credentials,
      }),
    register: () =>
      app.inject({
        method: 'POST',
        url: '/auth/register',
        headers: { 'x-forwarded-for': ip },
        payload: { ...credentials, name: 'Limited' },
      }),
  });

  it('shares one bucket between login and register, then answers 429 with Retry-After', async () => {
    const client = from('203.0.113.7');
    expect((await client.login()).statusCode).toBe(200);
    const second = await client.register();
    expect(second.statusCode).toBe(201);
    expect(second.headers['ratelimit-remaining']).toBe('0');
    expect(second.headers['ratelimit-policy']).toBe('2;w=60');

    const limited = await client.login();
    expectProblem(limited, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('2');
  });

  it('counts each client behind a trusted proxy separately', async () => {
    const first = from('203.0.113.8');
    await first.login();
    await first.login();
    expect((await first.login()).statusCode).toBe(429);
    expect((await from('203.0.113.9').login()).statusCode).toBe(200);
  });

  it('does not limit the other endpoints, in /auth or elsewhere', async () => {
    const client = from('203.0.113.10');
    await client.login();
    await client.login();
    const refresh = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { 'x-forwarded-for': '203.0.113.10' },
      payload: { refreshToken: 'fake-refresh-token' },
    });
    expect(refresh.statusCode).toBe(200);
    expect(refresh.headers['ratelimit-limit']).toBeUndefined();
    const res = await app.inject({
      url: '/health',
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });
});

describe('TRUST_PROXY as a hop count', () => {
  it('trusts that many proxies, as Express does, so clients behind one count separately', async () => {
    const { app } = testApp(fakeDomain({ auth: { login: async () => session } }), {
      authRateLimit: { max: 1, windowSeconds: 60 },
      trustProxy: 1,
    });
    for (const ip of ['203.0.113.20', '203.0.113.21']) {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { 'x-forwarded-for': ip },
        payload: credentials,
      });
      expect(res.statusCode).toBe(200);
    }
  });
});
