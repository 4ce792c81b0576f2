import { describe, expect, it } from 'vitest';
import type { Principal } from '@rosetta/domain';
import { expectProblem, fakeDomain, principal, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

describe('authenticate', () => {
  let caller: Principal | undefined;
  const getMe = async (actor: Principal) => {
    caller = actor;
    return session.user;
  };
  const { app } = testApp(fakeDomain({ users: { getMe } }));

  it('answers 401 unauthorized with WWW-Authenticate: Bearer when no token is sent', async () => {
    const res = await app.inject({ url: '/users/me' });
    expectProblem(res, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('treats credentials in another scheme as no token', async () => {
    const res = await app.inject({
      url: '/users/me',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expectProblem(res, 'unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 invalid_token, saying so in WWW-Authenticate, when the domain rejects the token', async () => {
    const res = await app.inject({ url: '/users/me', headers: { authorization: 'Bearer forged' } });
    expectProblem(res, 'invalid_token');
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('hands the authenticated principal to the domain', async () => {
    const res = await app.inject({ url: '/users/me', headers: { authorization: 'bearer valid' } });
    expect(res.statusCode).toBe(200);
    expect(caller).toEqual(principal);
  });

  it('runs before the body is read: no token and a broken body is still a 401', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/users/me',
      headers: { 'content-type': 'text/plain' },
      payload: 'not json',
    });
    expectProblem(res, 'unauthorized');
  });
});
