import { describe, expect, it } from 'vitest';
import { fakeDomain, session } from '../support/fake-domain.js';
import { bearer, fromLoopback, json, testApp } from '../support/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  const { app, logs } = testApp(fakeDomain({ auth: { login: async () => session } }));
  const withId = (id: string) => app.request('/health', { headers: { 'X-Request-Id': id } });

  it('echoes a sane incoming X-Request-Id and logs the request under it', async () => {
    const res = await withId('edge-42.abc_DEF');
    expect(res.headers.get('x-request-id')).toBe('edge-42.abc_DEF');
    const line = logs.find((l) => (l.req as { id?: string } | undefined)?.id === 'edge-42.abc_DEF');
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/health' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
  });

  it('echoes the id on errors too', async () => {
    const res = await app.request('/nowhere', { headers: { 'X-Request-Id': 'trace-404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-404');
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    expect((await app.request('/health')).headers.get('x-request-id')).toMatch(UUID);
    for (const unsafe of ['evil\tid "injected"', 'a'.repeat(129), 'key=value']) {
      expect((await withId(unsafe)).headers.get('x-request-id')).toMatch(UUID);
    }
    expect((await withId('a'.repeat(128))).headers.get('x-request-id')).toBe('a'.repeat(128));
  });

  it('never logs the bearer token or cookies', async () => {
    await app.request('/users/me', {
      headers: { ...bearer('secret-token-value'), Cookie: 'sid=cookie-value' },
    });
    await app.request(
      '/auth/login',
      json('POST', { email: 'a@rosetta.test', password: 'password-value' }),
      fromLoopback,
    );
    const text = JSON.stringify(logs);
    for (const secret of [
      'secret-token-value',
      'cookie-value',
      'password-value',
      'fake-refresh-token',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
