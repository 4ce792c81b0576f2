import { describe, expect, it } from 'vitest';
import { fakeDomain, session } from '@rosetta/test-support';
import { UUID_FORMAT } from '@rosetta/shared-contract';
import { testApp } from '../support/app.js';

describe('request ids and logs', () => {
  const { app, logs } = testApp(fakeDomain({ auth: { login: async () => session } }));

  it('echoes a sane incoming X-Request-Id and logs the request under it, once, when it completes', async () => {
    const res = await app.inject({
      url: '/health?probe=1',
      headers: { 'x-request-id': 'edge-42.abc_DEF' },
    });
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    const lines = logs.filter((l) => l.reqId === 'edge-42.abc_DEF');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'edge-42.abc_DEF', method: 'GET', url: '/health?probe=1' },
      res: { statusCode: 200 },
    });
    expect(lines[0]!.responseTime).toEqual(expect.any(Number));
    // No headers: the line is the same size whatever the client sends.
    expect(Object.keys(lines[0]!.req as object).sort()).toEqual([
      'id',
      'method',
      'remoteAddress',
      'url',
    ]);
  });

  it('echoes the id on errors too, and logs a 4xx at info', async () => {
    const res = await app.inject({ url: '/nowhere', headers: { 'x-request-id': 'trace-404' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-404');
    const lines = logs.filter((l) => l.reqId === 'trace-404');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, res: { statusCode: 404 } });
  });

  it('echoes and logs a path the router rejects before any hook runs', async () => {
    const res = await app.inject({
      url: '/tasks/%ZZ',
      headers: { 'x-request-id': 'trace-bad-url' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-bad-url');
    const lines = logs.filter((l) => l.reqId === 'trace-bad-url');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', res: { statusCode: 404 } });
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    const absent = await app.inject({ url: '/health' });
    expect(absent.headers['x-request-id']).toMatch(UUID_FORMAT);
    const unsafe = await app.inject({
      url: '/health',
      headers: { 'x-request-id': 'evil\tid "injected"' },
    });
    expect(unsafe.headers['x-request-id']).toMatch(UUID_FORMAT);
    const long = await app.inject({ url: '/health', headers: { 'x-request-id': 'a'.repeat(129) } });
    expect(long.headers['x-request-id']).toMatch(UUID_FORMAT);
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
