import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { client, randomPassword, registerUser, uniqueEmail } from '../support/api.js';
import { ctx } from '../support/context.js';
import { expectInvalidBody, expectProblem } from '../support/problems.js';
import { AUDIENCE, ISSUER } from '../support/tokens.js';

describe('POST /auth/register', () => {
  it('returns 201 with the new user, signed in with a Bearer session of 900 seconds', async () => {
    const email = uniqueEmail('register');
    const res = await client().post('/auth/register', {
      json: { email, password: randomPassword(), name: 'Ada Lovelace' },
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: 'Ada Lovelace', role: 'user' });
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(res.body.accessToken);
  });

  it('signs the user in: the access token works for GET /users/me', async () => {
    const alice = await registerUser('register');
    const me = await alice.api.get('/users/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(alice.user);
  });

  it('issues an HS256 JWT from issuer rosetta for audience rosetta-api, living 15 minutes, about the user', async () => {
    const alice = await registerUser('register');
    const decoded = jwt.decode(alice.accessToken, { complete: true });
    expect(decoded?.header.alg).toBe('HS256');
    const payload = decoded?.payload as jwt.JwtPayload;
    expect(payload).toMatchObject({ sub: alice.user.id, iss: ISSUER });
    expect([payload.aud].flat()).toContain(AUDIENCE);
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(120);
  });

  it.runIf(ctx.jwtSecret)('signs access tokens with the configured JWT_SECRET', async () => {
    const alice = await registerUser('register');
    expect(() =>
      jwt.verify(alice.accessToken, ctx.jwtSecret!, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }),
    ).not.toThrow();
  });

  it('returns 409 email_taken for an email that already has an account', async () => {
    const alice = await registerUser('register');
    const res = await client().post('/auth/register', {
      json: { email: alice.email, password: randomPassword(), name: 'Impostor' },
    });
    expectProblem(res, 409, 'email_taken');
  });

  it('returns 409 email_taken for the same email in other letter case', async () => {
    const alice = await registerUser('register');
    const res = await client().post('/auth/register', {
      json: { email: alice.email.toUpperCase(), password: randomPassword(), name: 'Impostor' },
    });
    expectProblem(res, 409, 'email_taken');
  });

  it('returns 422 for a role in the body, so nobody can register as an admin', async () => {
    const email = uniqueEmail('register');
    const password = randomPassword();
    const res = await client().post('/auth/register', {
      json: { email, password, name: 'Mallory', role: 'admin' },
    });
    expectInvalidBody(res, '/role');
    const login = await client().post('/auth/login', { json: { email, password } });
    expect(login.status, 'no account was created').toBe(401);
  });

  it('refuses a __proto__ member with 422 naming it, and grants no admin', async () => {
    const email = uniqueEmail('register');
    const password = randomPassword();
    const body = `{"email":"${email}","password":"${password}","name":"Proto","__proto__":{"role":"admin"}}`;
    const res = await client().post('/auth/register', { body, contentType: 'application/json' });
    expectInvalidBody(res, '/__proto__');
    const login = await client().post('/auth/login', { json: { email, password } });
    expect(login.status, 'no account was created').toBe(401);
  });

  it('returns 422 naming every missing field', async () => {
    expectInvalidBody(
      await client().post('/auth/register', { json: {} }),
      '/email',
      '/password',
      '/name',
    );
  });
});
