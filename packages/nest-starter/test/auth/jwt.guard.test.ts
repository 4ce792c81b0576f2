import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '@rosetta/domain';
import { expectProblem, fakeDomain, principal, session } from '@rosetta/test-support';
import { type TestApp, testApp } from '../support/app.js';

describe('JwtGuard', () => {
  let caller: Principal | undefined;
  const getMe = async (actor: Principal) => {
    caller = actor;
    return session.user;
  };
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(fakeDomain({ users: { getMe } }));
  });

  it('answers 401 unauthorized with WWW-Authenticate: Bearer when no token is sent', async () => {
    const res = await request(app.server).get('/users/me');
    expectProblem(res, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('treats credentials in another scheme as no token', async () => {
    const res = await request(app.server)
      .get('/users/me')
      .set('Authorization', 'Basic dXNlcjpwYXNz');
    expectProblem(res, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 invalid_token, saying so in WWW-Authenticate, when the domain rejects the token', async () => {
    const res = await request(app.server).get('/users/me').auth('forged', { type: 'bearer' });
    expectProblem(res, 'invalid_token');
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('hands the authenticated principal to the domain', async () => {
    const res = await request(app.server).get('/users/me').set('Authorization', 'bearer valid');
    expect(res.status).toBe(200);
    expect(caller).toEqual(principal);
  });

  it('authenticates before reading the body', async () => {
    const res = await request(app.server)
      .post('/tasks')
      .set('Content-Type', 'application/json')
      .send('{"title":');
    expectProblem(res, 'unauthorized');
  });

  it('lets @Public() routes through without a token', async () => {
    expect((await request(app.server).get('/health')).status).toBe(200);
  });
});
