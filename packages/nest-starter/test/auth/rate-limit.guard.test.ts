import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain, session } from '@rosetta/test-support';
import { type TestApp, testApp } from '../support/app.js';

const credentials = { email: 'limited@rosetta.test', password: 'password-1234' };

describe('AuthRateLimitGuard', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(
      fakeDomain({ auth: { login: async () => session, register: async () => session } }),
      { authRateLimit: { max: 2, windowSeconds: 60 }, trustProxy: 'loopback' },
    );
  });
  const from = (ip: string) => ({
    login: () =>
      request(app.server).post('/auth/login').set('X-Forwarded-For', ip).send(credentials),
    register: () =>
      request(app.server)
        .post('/auth/register')
        .set('X-Forwarded-For', ip)
        .send({ ...credentials, name: 'Limited' }),
  });

  it('shares one bucket between login and register, then answers 429 with Retry-After', async () => {
    const client = from('203.0.113.7');
    const first = await client.login();
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('2;w=60');
    const second = await client.register();
    expect(second.status).toBe(201);
    expect(second.headers['ratelimit-remaining']).toBe('0');

    const limited = await client.login();
    expectProblem(limited, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('2');
    expect(limited.headers['cache-control']).toBe('no-store');
  });

  it('counts each client behind a trusted proxy separately', async () => {
    const first = from('203.0.113.8');
    await first.login();
    await first.login();
    expect((await first.login()).status).toBe(429);
    expect((await from('203.0.113.9').login()).status).toBe(200);
  });

  it('does not limit the other endpoints', async () => {
    const res = await request(app.server).get('/health').set('X-Forwarded-For', '203.0.113.7');
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });
});
