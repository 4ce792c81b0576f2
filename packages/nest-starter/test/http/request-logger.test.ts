import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeDomain, session } from '../support/fake-domain.js';
import { type TestApp, testApp } from '../support/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(fakeDomain({ auth: { login: async () => session } }), {
      corsOrigins: ['https://app.example'],
    });
  });

  it('echoes a sane incoming X-Request-Id and logs the request under it', async () => {
    const res = await request(app.server).get('/health').set('X-Request-Id', 'edge-42.abc_DEF');
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    const ids = app.logs.map((l) => (l.req as { id?: string } | undefined)?.id);
    expect(ids).toContain('edge-42.abc_DEF');
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    const absent = await request(app.server).get('/health');
    expect(absent.headers['x-request-id']).toMatch(UUID);
    const unsafe = await request(app.server).get('/health').set('X-Request-Id', 'evil\tid "x"');
    expect(unsafe.headers['x-request-id']).toMatch(UUID);
    const long = await request(app.server).get('/health').set('X-Request-Id', 'a'.repeat(129));
    expect(long.headers['x-request-id']).toMatch(UUID);
  });

  it('tags responses that never reach Nest, such as CORS preflights', async () => {
    const res = await request(app.server)
      .options('/tasks')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('X-Request-Id', 'preflight-1');
    expect(res.status).toBe(204);
    expect(res.headers['x-request-id']).toBe('preflight-1');
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
