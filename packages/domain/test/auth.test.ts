import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ConflictError, type Principal, UnauthorizedError } from '../src/index.js';
import { JWT_SECRET, newUser, useDomain } from './support/domain.js';

const ctx = useDomain();

describe('register', () => {
  it('stores the email lower-cased and refuses the same address in another case', async () => {
    const { email } = await newUser(ctx.domain);
    const shouted = email.toUpperCase();
    await expect(
      ctx.domain.auth.register({ email: shouted, password: 'another-password', name: 'Other' }),
    ).rejects.toMatchObject({ constructor: ConflictError, code: 'email_taken' });
  });

  it('lets exactly one of two simultaneous registrations of an email win', async () => {
    const email = `race-${Date.now()}@rosetta.test`;
    const attempts = await Promise.allSettled([
      ctx.domain.auth.register({ email, password: 'password-one', name: 'One' }),
      ctx.domain.auth.register({ email, password: 'password-two', name: 'Two' }),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const failure = attempts.find((a) => a.status === 'rejected');
    expect(failure?.reason).toBeInstanceOf(ConflictError);
  });
});

describe('login', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const { email, password } = await newUser(ctx.domain);
    const session = await ctx.domain.auth.login({ email: email.toUpperCase(), password });
    expect(session.user.email).toBe(email);
  });

  it('gives the same error for a wrong password and an unknown email', async () => {
    const { email } = await newUser(ctx.domain);
    const wrongPassword = await ctx.domain.auth
      .login({ email, password: 'wrong-password' })
      .catch((e) => e);
    const unknownEmail = await ctx.domain.auth
      .login({ email: `nobody-${Date.now()}@rosetta.test`, password: 'wrong-password' })
      .catch((e) => e);
    expect(wrongPassword).toBeInstanceOf(UnauthorizedError);
    expect(unknownEmail).toBeInstanceOf(UnauthorizedError);
    expect([wrongPassword.code, wrongPassword.message]).toEqual([
      unknownEmail.code,
      unknownEmail.message,
    ]);
  });
});

describe('access tokens', () => {
  it('carry the pinned algorithm, issuer, audience and a 15-minute lifetime', async () => {
    const { session, principal } = await newUser(ctx.domain);
    const header = jwt.decode(session.accessToken, { complete: true });
    expect(header?.header.alg).toBe('HS256');
    expect(header?.payload).toMatchObject({
      sub: principal.id,
      iss: 'rosetta',
      aud: 'rosetta-api',
    });
    const { exp, iat } = header?.payload as { exp: number; iat: number };
    expect(exp - iat).toBe(900);
    expect(session.expiresIn).toBe(900);
  });

  it.each([
    [
      'signed with another secret',
      (sub: string) => sign({ sub, sid: sub }, 'another-secret-of-sufficient-length!!'),
    ],
    ['expired', (sub: string) => sign({ sub, sid: sub, exp: Math.floor(Date.now() / 1000) - 10 })],
    [
      'for another audience',
      (sub: string) => sign({ sub, sid: sub }, JWT_SECRET, { audience: 'elsewhere' }),
    ],
    [
      'from another issuer',
      (sub: string) => sign({ sub, sid: sub }, JWT_SECRET, { issuer: 'elsewhere' }),
    ],
    [
      'unsigned (alg none)',
      (sub: string) => unsigned({ sub, sid: sub, iss: 'rosetta', aud: 'rosetta-api' }),
    ],
    ['garbage', () => 'not.a.jwt'],
    [
      'well signed but naming no possible user',
      () => sign({ sub: "'; DROP TABLE users; --", sid: 'not-a-session' }),
    ],
  ])('are refused when %s', async (_, forge) => {
    const { principal } = await newUser(ctx.domain);
    await expect(ctx.domain.auth.authenticate(forge(principal.id))).rejects.toMatchObject({
      code: 'invalid_token',
    });
  });

  it('stop working in every operation once the account is deleted', async () => {
    const { session, principal } = await newUser(ctx.domain);
    const { task } = await ctx.domain.tasks.create(principal, { title: 'Soon gone' });
    await ctx.domain.users.deleteMe(principal);
    // The token itself is still well signed; each operation finds its account gone, whether or not
    // the task it names exists.
    const stale = await ctx.domain.auth.authenticate(session.accessToken);
    await expectDeadEverywhere(stale, task.id);
  });

  it('stop working in every operation once their session has ended', async () => {
    const { session, principal } = await newUser(ctx.domain);
    const { task } = await ctx.domain.tasks.create(principal, { title: 'Signed out' });
    await ctx.domain.auth.logout(session.refreshToken);
    const stale = await ctx.domain.auth.authenticate(session.accessToken);
    await expectDeadEverywhere(stale, task.id);
  });
});

/** Every operation that takes a principal refuses `stale` with invalid_token. */
async function expectDeadEverywhere(stale: Principal, taskId: string): Promise<void> {
  const { auth, tasks, users } = ctx.domain;
  const missing = '00000000-0000-4000-8000-000000000000';
  const operations: [string, () => Promise<unknown>][] = [
    ['tasks.create', () => tasks.create(stale, { title: 'Ghost' })],
    ['tasks.list', () => tasks.list(stale, {})],
    ['tasks.list, filtered', () => tasks.list(stale, { status: 'todo', sort: 'dueDate' })],
    ['tasks.get', () => tasks.get(stale, taskId)],
    ['tasks.get, no such task', () => tasks.get(stale, missing)],
    ['tasks.update', () => tasks.update(stale, taskId, { title: 'Ghost' })],
    ['tasks.update, If-Match', () => tasks.update(stale, missing, { title: 'Ghost' }, [1])],
    ['tasks.remove', () => tasks.remove(stale, missing)],
    ['users.getMe', () => users.getMe(stale)],
    ['users.updateMe', () => users.updateMe(stale, { name: 'Ghost' })],
    [
      'users.updateMe, password',
      () => users.updateMe(stale, { password: 'ghost-password', currentPassword: 'x' }),
    ],
    ['users.deleteMe', () => users.deleteMe(stale)],
    ['users.list', () => users.list(stale, {})],
    ['users.get', () => users.get(stale, missing)],
    ['users.updateRole', () => users.updateRole(stale, missing, 'admin')],
    ['users.remove', () => users.remove(stale, missing)],
    ['auth.listSessions', () => auth.listSessions(stale)],
    ['auth.endSession', () => auth.endSession(stale, stale.sessionId)],
    ['auth.endOtherSessions', () => auth.endOtherSessions(stale)],
  ];
  for (const [name, operation] of operations) {
    await expect(operation(), name).rejects.toMatchObject({ code: 'invalid_token' });
  }
}

describe('refresh tokens', () => {
  it('rotate: each works once and yields a working access token', async () => {
    const { session, principal } = await newUser(ctx.domain);
    const next = await ctx.domain.auth.refresh(session.refreshToken);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect((await ctx.domain.auth.authenticate(next.accessToken)).id).toBe(principal.id);
  });

  it('end the session when a spent token is reused', async () => {
    const { session } = await newUser(ctx.domain);
    const next = await ctx.domain.auth.refresh(session.refreshToken);
    await expect(ctx.domain.auth.refresh(session.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
    await expect(ctx.domain.auth.refresh(next.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
  });

  it('let exactly one of two concurrent refreshes with the same token succeed', async () => {
    const { session } = await newUser(ctx.domain);
    const results = await Promise.allSettled([
      ctx.domain.auth.refresh(session.refreshToken),
      ctx.domain.auth.refresh(session.refreshToken),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'invalid_refresh_token' });
  });

  it("count the loser of a refresh race as reuse: the winner's new token is revoked too", async () => {
    const { session } = await newUser(ctx.domain);
    const results = await Promise.allSettled([
      ctx.domain.auth.refresh(session.refreshToken),
      ctx.domain.auth.refresh(session.refreshToken),
    ]);
    const won = results.find((r) => r.status === 'fulfilled');
    expect(won).toBeDefined();
    await expect(ctx.domain.auth.refresh(won!.value.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
  });

  it('stop working after logout, which is idempotent', async () => {
    const { session } = await newUser(ctx.domain);
    await ctx.domain.auth.logout(session.refreshToken);
    await ctx.domain.auth.logout(session.refreshToken);
    await ctx.domain.auth.logout('never-issued');
    await expect(ctx.domain.auth.refresh(session.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
  });

  it('leave other sessions untouched by a logout', async () => {
    const { email, password, session } = await newUser(ctx.domain);
    const other = await ctx.domain.auth.login({ email, password });
    await ctx.domain.auth.logout(session.refreshToken);
    await expect(ctx.domain.auth.refresh(other.refreshToken)).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });
});

function sign(payload: object, secret = JWT_SECRET, options: jwt.SignOptions = {}): string {
  const { sub, ...claims } = payload as { sub: string };
  return jwt.sign(claims, secret, {
    issuer: 'rosetta',
    audience: 'rosetta-api',
    subject: sub,
    ...options,
  });
}

function unsigned(payload: object): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...payload, iat: now, exp: now + 900 })}.`;
}
