import { describe, expect, it } from 'vitest';
import { client, login, registerUser } from '../support/api.js';
import { expectInvalidBody, expectUnauthorized } from '../support/problems.js';

const logout = (refreshToken: string) => client().post('/auth/logout', { json: { refreshToken } });
const refresh = (refreshToken: string) =>
  client().post('/auth/refresh', { json: { refreshToken } });

describe('POST /auth/logout', () => {
  it('returns 204, after which the refresh token no longer works', async () => {
    const alice = await registerUser('logout');
    expect((await logout(alice.refreshToken)).status).toBe(204);
    expectUnauthorized(await refresh(alice.refreshToken), 'invalid_refresh_token');
  });

  it('revokes the whole family: logging out with a rotated-away token also ends its successor', async () => {
    const alice = await registerUser('logout');
    const rotated = await refresh(alice.refreshToken);
    expect(rotated.status).toBe(200);
    expect((await logout(alice.refreshToken)).status).toBe(204);
    expectUnauthorized(await refresh(rotated.body.refreshToken), 'invalid_refresh_token');
  });

  it('leaves the same user signed in elsewhere', async () => {
    const alice = await registerUser('logout');
    const elsewhere = await login(alice.email, alice.password);
    expect((await logout(alice.refreshToken)).status).toBe(204);
    expect((await refresh(elsewhere.refreshToken)).status).toBe(200);
  });

  it('returns 204 for a token it never issued', async () => {
    expect((await logout('never-issued-token')).status).toBe(204);
  });

  it('returns 204 when logging out twice', async () => {
    const alice = await registerUser('logout');
    expect((await logout(alice.refreshToken)).status).toBe(204);
    expect((await logout(alice.refreshToken)).status).toBe(204);
  });

  it('returns 422 without a refreshToken', async () => {
    expectInvalidBody(await client().post('/auth/logout', { json: {} }), '/refreshToken');
  });
});
