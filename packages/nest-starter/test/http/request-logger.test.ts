import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeDomain, session } from '@rosetta/test-support';
import { UUID_FORMAT } from '@rosetta/shared-contract';
import { type TestApp, testApp } from '../support/app.js';

describe('request ids and logs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(fakeDomain({ auth: { login: async () => session } }), {
      corsOrigins: ['https://app.example'],
    });
  });

  const linesOf = (id: string) =>
    app.logs.filter((l) => (l.req as { id?: string } | undefined)?.id === id);

  it('echoes a sane incoming X-Request-Id and logs the request under it, once, when it completes', async () => {
    const res = await request(app.server)
      .get('/health?probe=1')
      .set('X-Request-Id', 'edge-42.abc_DEF');
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    const lines = linesOf('edge-42.abc_DEF');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/health?probe=1' },
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

  it('logs a 4xx at info', async () => {
    const res = await request(app.server).get('/nowhere').set('X-Request-Id', 'trace-404');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-404');
    expect(linesOf('trace-404')).toMatchObject([{ level: 30, res: { statusCode: 404 } }]);
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    const absent = await request(app.server).get('/health');
    expect(absent.headers['x-request-id']).toMatch(UUID_FORMAT);
    const unsafe = await request(app.server).get('/health').set('X-Request-Id', 'evil\tid "x"');
    expect(unsafe.headers['x-request-id']).toMatch(UUID_FORMAT);
    const long = await request(app.server).get('/health').set('X-Request-Id', 'a'.repeat(129));
    expect(long.headers['x-request-id']).toMatch(UUID_FORMAT);
  });

  it('tags responses that never reach Nest, such as CORS preflights', async () => {
    const res = await request(app.server)
      .options('/tasks')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('X-Request-Id', 'preflight-1');
    expect(res.status).toBe(204);
    expect(res.headers['x-request-id']).toBe('preflight-1');
    expect(linesOf('preflight-1')).toMatchObject([{ req: { method: 'OPTIONS' } }]);
  });

  it('never logs the bearer token or cookies', async () => {
    await request(app.server)
      .get('/users/me')
      .auth('secret-token-value', { type: 'bearer' })
      .set('Cookie', 'sid=cookie-value');
    await request(app.server)
      .post('/auth/login')
      .send({ email: 'a@rosetta.test', password: 'password-value' });
    const text = JSON.stringify(app.logs);
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
