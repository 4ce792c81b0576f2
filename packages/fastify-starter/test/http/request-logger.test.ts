import { describe, expect, it } from 'vitest';
import { fakeDomain, session } from '../support/fake-domain.js';
import { testApp } from '../support/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  const { app, logs } = testApp(fakeDomain({ auth: { login: async () => session } }));

  it('echoes a sane incoming X-Request-Id and logs the request under it', async () => {
    const res = await app.inject({
      url: '/health',
      headers: { 'x-request-id': 'edge-42.abc_DEF' },
    });
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    const lines = logs.filter((l) => l.reqId === 'edge-42.abc_DEF');
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('echoes the id on errors too', async () => {
    const res = await app.inject({ url: '/nowhere', headers: { 'x-request-id': 'trace-404' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-404');
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    const absent = await app.inject({ url: '/health' });
    expect(absent.headers['x-request-id']).toMatch(UUID);
    const unsafe = await app.inject({
      url: '/health',
      headers: { 'x-request-id': 'evil\tid "injected"' },
    });
    expect(unsafe.headers['x-request-id']).toMatch(UUID);
    const long = await app.inject({ url: '/health', headers: { 'x-request-id': 'a'.repeat(129) } });
    expect(long.headers['x-request-id']).toMatch(UUID);
  });

  it('never logs the bearer token or cookies', async () => {
    await app.inject({
      url: '/users/me',
      headers: { authorization: 'Bearer secret-token-value', cookie: 'sid=cookie-value' },
    });
    await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'a@rosetta.test', password: 'password-value' },
    });
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
