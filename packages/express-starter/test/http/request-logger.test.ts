import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { fakeDomain, session } from '../support/fake-domain.js';
import { testApp } from '../support/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  const { app, logs } = testApp(fakeDomain({ auth: { login: async () => session } }));

  it('echoes a sane incoming X-Request-Id and logs the request under it', async () => {
    const res = await request(app).get('/health').set('X-Request-Id', 'edge-42.abc_DEF');
    expect(res.headers['x-request-id']).toBe('edge-42.abc_DEF');
    expect(logs.some((l) => (l.req as { id?: string } | undefined)?.id === 'edge-42.abc_DEF')).toBe(
      true,
    );
  });

  it('generates a UUID when the incoming id is absent or unsafe', async () => {
    const absent = await request(app).get('/health');
    expect(absent.headers['x-request-id']).toMatch(UUID);
    const unsafe = await request(app).get('/health').set('X-Request-Id', 'evil\tid "injected"');
    expect(unsafe.headers['x-request-id']).toMatch(UUID);
    const long = await request(app).get('/health').set('X-Request-Id', 'a'.repeat(129));
    expect(long.headers['x-request-id']).toMatch(UUID);
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
