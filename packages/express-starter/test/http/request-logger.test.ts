import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fakeDomain, session } from '@rosetta/test-support';
import { UUID_FORMAT } from '@rosetta/shared-contract';
import { testApp } from '../support/app.js';

describe('request ids and logs', () => {
  const { app, logs } = testApp(fakeDomain({ auth: { login: async () => session } }));

  const linesFor = (id: string) =>
    logs.filter((l) => (l.req as { id?: string } | undefined)?.id === id);

  it('echoes a sane incoming X-Request-Id and logs the request under it, once, when it completes', async () => {
    const res = await request(app).get('/health?probe=1').set('X-Request-Id', 'edge-42.abc_DEF');
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    const lines = linesFor('edge-42.abc_DEF');
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
    expect(Object.keys(lines[0]!.res as object)).toEqual(['statusCode']);
  });

  it('logs the URL the client asked for, not the one a router saw', async () => {
    await request(app).get('/tasks/not-a-uuid').set('X-Request-Id', 'trace-router');
    expect(linesFor('trace-router')[0]).toMatchObject({ req: { url: '/tasks/not-a-uuid' } });
  });

  it('echoes the id on errors too, and logs a 4xx at info', async () => {
    const res = await request(app).get('/nowhere').set('X-Request-Id', 'trace-404');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-404');
    const lines = linesFor('trace-404');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, res: { statusCode: 404 } });
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    const absent = await request(app).get('/health');
    expect(absent.headers['x-request-id']).toMatch(UUID_FORMAT);
    const unsafe = await request(app).get('/health').set('X-Request-Id', 'evil\tid "injected"');
    expect(unsafe.headers['x-request-id']).toMatch(UUID_FORMAT);
    const long = await request(app).get('/health').set('X-Request-Id', 'a'.repeat(129));
    expect(long.headers['x-request-id']).toMatch(UUID_FORMAT);
  });

  it('never logs the bearer token or cookies', async () => {
    await request(app)
      .get('/users/me')
      .auth('secret-token-value', { type: 'bearer' })
      .set('Cookie', 'sid=cookie-value');
    await request(app)
      .post('/auth/login')
      .send({ email: 'a@rosetta.test', password: 'password-value' });
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
