import { operations } from '@rosetta/shared-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, createTask, randomId, registerUser, type TestUser } from '../support/api.js';
import { ctx } from '../support/context.js';
import { authenticatedOperations, label, pathOf, validBodies } from '../support/operations.js';
import { expectProblem, expectUnauthorized } from '../support/problems.js';
import { expiredClaims, reissue, unsigned } from '../support/tokens.js';

const me = (token: string) => client({ token }).get('/users/me');

describe('Bearer authentication', () => {
  it.each(authenticatedOperations.map((id) => [label(id), id] as const))(
    'returns 401 unauthorized with WWW-Authenticate: Bearer to %s without a token',
    async (_, id) => {
      const { method } = operations[id];
      const res = await client().request(method, pathOf(id), { json: validBodies[id] });
      expectUnauthorized(res, 'unauthorized');
    },
  );

  it('returns 401 invalid_token for a bearer token that is not a JWT', async () => {
    expectUnauthorized(await me('not-a-jwt'), 'invalid_token');
  });

  it('returns 401 invalid_token for a refresh token sent as a bearer token', async () => {
    const alice = await registerUser('refresh-as-bearer');
    expectUnauthorized(await me(alice.refreshToken), 'invalid_token');
  });

  it('returns 401 for credentials in another scheme', async () => {
    const res = await client().get('/users/me', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expectProblem(res, 401, res.body.code === 'invalid_token' ? 'invalid_token' : 'unauthorized');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  // Two ways a well-signed, unexpired token dies at once: its account is deleted, or its session ends.
  const endings: [string, (user: TestUser) => Promise<void>][] = [
    [
      'an account that was deleted',
      async (user) => expect((await user.api.delete('/users/me')).status).toBe(204),
    ],
    [
      'a session that was signed out',
      async (user) =>
        expect(
          (await client().post('/auth/logout', { json: { refreshToken: user.refreshToken } }))
            .status,
        ).toBe(204),
    ],
  ];
  describe.each(endings)('with the token of %s', (_, end) => {
    let gone: TestUser;
    let taskId: string;
    beforeAll(async () => {
      gone = await registerUser('ended');
      taskId = (await createTask(gone)).task.id;
      await end(gone);
    });

    // Every operation, not only the first one a starter checks: the token is still well signed, so
    // only the database can refuse it, and it must, before any task, session or role is looked at.
    it.each(authenticatedOperations.map((id) => [label(id), id] as const))(
      'returns 401 invalid_token to %s',
      async (_, id) => {
        const res = await gone.api.request(operations[id].method, pathOf(id, taskId), {
          json: validBodies[id],
        });
        expectUnauthorized(res, 'invalid_token');
      },
    );
  });
});

describe.runIf(ctx.jwtSecret)('Bearer authentication, with tokens the suite re-signs', () => {
  let alice: TestUser;
  beforeAll(async () => {
    alice = await registerUser('tokens');
  });

  it("accepts the server's own token re-signed unchanged (so each case below changes one thing only)", async () => {
    const res = await me(reissue(alice.accessToken));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(alice.user.id);
  });

  it('returns 401 invalid_token for an expired token', async () => {
    expectUnauthorized(
      await me(reissue(alice.accessToken, { claims: expiredClaims() })),
      'invalid_token',
    );
  });

  it('returns 401 invalid_token for a token without an expiry', async () => {
    expectUnauthorized(
      await me(reissue(alice.accessToken, { claims: { exp: undefined } })),
      'invalid_token',
    );
  });

  it.each([
    ['JWT', 'JWT'],
    ['no', undefined],
  ])(
    'returns 401 invalid_token for a token with %s typ in its header (a JWT made for another purpose)',
    async (_, typ) => {
      expectUnauthorized(await me(reissue(alice.accessToken, { typ })), 'invalid_token');
    },
  );

  it('returns 401 invalid_token for a token signed with another secret', async () => {
    const token = reissue(alice.accessToken, { secret: 'another-secret-another-secret-another' });
    expectUnauthorized(await me(token), 'invalid_token');
  });

  it('returns 401 invalid_token for an unsigned token (alg none)', async () => {
    expectUnauthorized(await me(unsigned(alice.accessToken)), 'invalid_token');
  });

  it('returns 401 invalid_token for a token signed with another HMAC algorithm than HS256', async () => {
    expectUnauthorized(
      await me(reissue(alice.accessToken, { algorithm: 'HS512' })),
      'invalid_token',
    );
  });

  it('returns 401 invalid_token for a token from another issuer', async () => {
    expectUnauthorized(
      await me(reissue(alice.accessToken, { claims: { iss: 'someone-else' } })),
      'invalid_token',
    );
  });

  it('returns 401 invalid_token for a token meant for another audience', async () => {
    expectUnauthorized(
      await me(reissue(alice.accessToken, { claims: { aud: 'another-api' } })),
      'invalid_token',
    );
  });

  it('returns 401 invalid_token for a well-signed token about a user that does not exist', async () => {
    expectUnauthorized(
      await me(reissue(alice.accessToken, { claims: { sub: randomId() } })),
      'invalid_token',
    );
  });

  it('returns 401 invalid_token, not a server error, for a subject that is not a user id', async () => {
    const token = reissue(alice.accessToken, { claims: { sub: "'; DROP TABLE users; --" } });
    expectUnauthorized(await me(token), 'invalid_token');
  });
});
