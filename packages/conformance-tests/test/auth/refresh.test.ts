import { describe, expect, it } from 'vitest';
import { client, login, registerUser } from '../support/api.js';
import { expectInvalidBody, expectUnauthorized } from '../support/problems.js';

const refresh = (refreshToken: string) =>
  client().post('/auth/refresh', { json: { refreshToken } });

describe('POST /auth/refresh', () => {
  it('returns 200 with a new Bearer token pair whose access token works', async () => {
    const alice = await registerUser('refresh');
    const res = await refresh(alice.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(alice.refreshToken);
    const me = await client({ token: res.body.accessToken }).get('/users/me');
    expect(me.body.id).toBe(alice.user.id);
  });

  it('rotates: a refresh token works once, then answers 401 invalid_refresh_token', async () => {
    const alice = await registerUser('refresh');
    expect((await refresh(alice.refreshToken)).status).toBe(200);
    expectUnauthorized(await refresh(alice.refreshToken), 'invalid_refresh_token');
  });

  it('revokes the token issued from a reused one: reuse ends the whole family', async () => {
    const alice = await registerUser('refresh');
    const second = await refresh(alice.refreshToken);
    expect(second.status).toBe(200);
    expectUnauthorized(await refresh(alice.refreshToken), 'invalid_refresh_token');
    expectUnauthorized(await refresh(second.body.refreshToken), 'invalid_refresh_token');
  });

  it("leaves the user's other sessions working when one family is revoked", async () => {
    const alice = await registerUser('refresh');
    const otherSession = await login(alice.email, alice.password);
    await refresh(alice.refreshToken);
    await refresh(alice.refreshToken);
    expect((await refresh(otherSession.refreshToken)).status).toBe(200);
  });

  it('returns 401 invalid_refresh_token for a token it never issued', async () => {
    expectUnauthorized(await refresh('this-token-was-never-issued'), 'invalid_refresh_token');
  });

  it('returns 401 invalid_refresh_token for an access token, and the session goes on', async () => {
    const alice = await registerUser('refresh');
    expectUnauthorized(await refresh(alice.accessToken), 'invalid_refresh_token');
    expect((await refresh(alice.refreshToken)).status).toBe(200);
  });

  it('returns 422 for an empty refresh token', async () => {
    expectInvalidBody(await refresh(''), '/refreshToken');
  });
});
