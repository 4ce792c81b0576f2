import { describe, expect, it } from 'vitest';
import type { Principal } from '@rosetta/domain';
import { expectProblemResponse, fakeDomain, principal, session } from '@rosetta/test-support';
import { bearer, testApp } from '../support/app.js';

describe('authenticate', () => {
  let caller: Principal | undefined;
  const getMe = async (actor: Principal) => {
    caller = actor;
    return session.user;
  };
  const { app } = testApp(fakeDomain({ users: { getMe } }));

  it('answers 401 unauthorized with WWW-Authenticate: Bearer when no token is sent', async () => {
    const res = await app.request('/users/me');
    await expectProblemResponse(res, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('treats credentials in another scheme as no token', async () => {
    const res = await app.request('/users/me', {
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    await expectProblemResponse(res, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers 401 invalid_token, saying so in WWW-Authenticate, when the domain rejects the token', async () => {
    const res = await app.request('/users/me', { headers: bearer('forged') });
    await expectProblemResponse(res, 'invalid_token');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('hands the authenticated principal to the domain', async () => {
    const res = await app.request('/users/me', { headers: { Authorization: 'bearer valid' } });
    expect(res.status).toBe(200);
    expect(caller).toEqual(principal);
  });
});
