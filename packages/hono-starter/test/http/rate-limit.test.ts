import { describe, expect, it } from 'vitest';
import { expectProblemResponse, fakeDomain, session } from '@rosetta/test-support';
import { fromLoopback, json, testApp } from '../support/app.js';

const credentials = { email: 'limited@rosetta.test', password: 'password-1234' };

describe('auth rate limit', () => {
  const { app } = testApp(
    fakeDomain({ auth: { login: async () => session, register: async () => session } }),
    { authRateLimit: { max: 2, windowSeconds: 60 }, trustProxy: 'loopback' },
  );
  const from = (ip: string) => ({
    login: () =>
      app.request(
        '/auth/login',
        json('POST', credentials, { 'X-Forwarded-For': ip }),
        fromLoopback,
      ),
    register: () =>
      app.request(
        '/auth/register',
        json('POST', { ...credentials, name: 'Limited' }, { 'X-Forwarded-For': ip }),
        fromLoopback,
      ),
  });

  it('shares one bucket between login and register, then answers 429 with Retry-After', async () => {
    const client = from('203.0.113.7');
    expect((await client.login()).status).toBe(200);
    const second = await client.register();
    expect(second.status).toBe(201);
    expect(second.headers.get('ratelimit-remaining')).toBe('0');

    const limited = await client.login();
    await expectProblemResponse(limited, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-limit')).toBe('2');
    expect(limited.headers.get('cache-control')).toBe('no-store');
  });

  it('counts each client behind a trusted proxy separately', async () => {
    const first = from('203.0.113.8');
    await first.login();
    await first.login();
    expect((await first.login()).status).toBe(429);
    expect((await from('203.0.113.9').login()).status).toBe(200);
  });

  it('counts the addresses of one IPv6 /56 network as one client', async () => {
    await from('2001:db8:1:100::1').login();
    await from('2001:db8:1:1ff:ffff::2').login();
    expect((await from('2001:db8:1:1aa::3').login()).status).toBe(429);
    expect((await from('2001:db8:1:200::1').login()).status).toBe(200);
  });

  it('does not limit the other endpoints', async () => {
    const res = await app.request('/health', { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();
  });
});
