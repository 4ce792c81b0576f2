import { describe, expect, it } from 'vitest';
import { client, registerUser, uniqueEmail } from '../support/api.js';
import { expectInvalidBody, expectUnauthorized } from '../support/problems.js';

describe('POST /auth/login', () => {
  it('returns 200 with the user and a fresh session for the right password', async () => {
    const alice = await registerUser('login');
    const res = await client().post('/auth/login', {
      json: { email: alice.email, password: alice.password },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(alice.user);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(alice.refreshToken);
    expect((await client({ token: res.body.accessToken }).get('/users/me')).status).toBe(200);
  });

  it('returns 401 invalid_credentials with WWW-Authenticate for a wrong password', async () => {
    const alice = await registerUser('login');
    const res = await client().post('/auth/login', {
      json: { email: alice.email, password: `${alice.password}x` },
    });
    expectUnauthorized(res, 'invalid_credentials');
  });

  it('answers an unknown email exactly like a wrong password, so accounts cannot be discovered', async () => {
    const alice = await registerUser('login');
    const api = client();
    const wrongPassword = await api.post('/auth/login', {
      json: { email: alice.email, password: 'wrong-password' },
    });
    const unknownEmail = await api.post('/auth/login', {
      json: { email: uniqueEmail('nobody'), password: 'wrong-password' },
    });
    expectUnauthorized(unknownEmail, 'invalid_credentials');
    const { type, title, status, detail, code } = wrongPassword.body;
    expect(unknownEmail.body).toMatchObject({ type, title, status, detail, code });
    expect(unknownEmail.headers.get('www-authenticate')).toBe(
      wrongPassword.headers.get('www-authenticate'),
    );
  });

  it('returns 422 when the password is missing', async () => {
    expectInvalidBody(
      await client().post('/auth/login', { json: { email: uniqueEmail() } }),
      '/password',
    );
  });

  it('returns 422 for an email that is not an email', async () => {
    expectInvalidBody(
      await client().post('/auth/login', {
        json: { email: 'not-an-email', password: 'whatever1' },
      }),
      '/email',
    );
  });
});
