import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const credentials = { email: 'limited@rosetta.test', password: 'password-1234' };

describe('auth rate limit', () => {
  const { app } = testApp(
    fakeDomain({ auth: { login: async () => session, register: async () => session } }),
    { authRateLimit: { max: 2, windowSeconds: 60 }, trustProxy: 'loopback' },
  );
  const from = (ip: string) => ({
    login: () => request(app).post('/auth/login').set('X-Forwarded-For', ip).send(credentials),
    register: () =>
      request(app)
        .post('/auth/register')
        .set('X-Forwarded-For', ip)
        .send({ ...credentials, name: 'Limited' }),
  });

  it('shares one bucket between login and register, then answers 429 with Retry-After', async () => {
    const client = from('203.0.113.7');
    expect((await client.login()).status).toBe(200);
    const second = await client.register();
    expect(second.status).toBe(201);
    expect(second.headers['ratelimit-remaining']).toBe('0');

    const limited = await client.login();
    expectProblem(limited, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-limit']).toBe('2');
  });

  it('counts each client behind a trusted proxy separately', async () => {
    const first = from('203.0.113.8');
    await first.login();
    await first.login();
    expect((await first.login()).status).toBe(429);
    expect((await from('203.0.113.9').login()).status).toBe(200);
  });

  it('does not limit the other endpoints', async () => {
    const res = await request(app).get('/health').set('X-Forwarded-For', '203.0.113.7');
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  });
});
