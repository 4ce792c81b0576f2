import { describe, expect, it } from 'vitest';
import { fakeDomain, session } from '@rosetta/test-support';
import { UUID_FORMAT } from '@rosetta/shared-contract';
import { bearer, fromLoopback, json, testApp } from '../support/app.js';

describe('request ids and logs', () => {
  const { app, logs } = testApp(fakeDomain({ auth: { login: async () => session } }));
  const withId = (id: string) => app.request('/health', { headers: { 'X-Request-Id': id } });

  const linesFor = (id: string) =>
    logs.filter((l) => (l.req as { id?: string } | undefined)?.id === id);

  it('echoes a sane incoming X-Request-Id and logs the request under it, once, when it completes', async () => {
    const res = await app.request(
      '/health?probe=1',
      { headers: { 'X-Request-Id': 'edge-42.abc_DEF' } },
      fromLoopback,
    );
    expect(res.headers.get('x-request-id')).toBe('edge-42.abc_DEF');
    const lines = linesFor('edge-42.abc_DEF');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: {
        id: 'edge-42.abc_DEF',
        method: 'GET',
        url: '/health?probe=1',
        remoteAddress: '127.0.0.1',
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    // No headers: the line is the same size whatever the client sends.
    expect(Object.keys(lines[0]!.req as object).sort()).toEqual([
      'id',
      'method',
      'remoteAddress',
      'url',
    ]);
  });

  it('echoes the id on errors too, and logs a 4xx at info', async () => {
    const res = await app.request('/nowhere', { headers: { 'X-Request-Id': 'trace-404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-404');
    const lines = linesFor('trace-404');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, res: { statusCode: 404 } });
  });

  it('echoes the id on a 405 and on a path that cannot be decoded', async () => {
    const put = await app.request('/health', {
      method: 'PUT',
      headers: { 'X-Request-Id': 'trace-405' },
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('x-request-id')).toBe('trace-405');
    const bad = await app.request('/tasks/%ZZ', { headers: { 'X-Request-Id': 'trace-bad-url' } });
    expect(bad.status).toBe(404);
    expect(bad.headers.get('x-request-id')).toBe('trace-bad-url');
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    expect((await app.request('/health')).headers.get('x-request-id')).toMatch(UUID_FORMAT);
    for (const unsafe of ['evil\tid "injected"', 'a'.repeat(129), 'key=value']) {
      expect((await withId(unsafe)).headers.get('x-request-id')).toMatch(UUID_FORMAT);
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
