import { describe, expect, it } from 'vitest';
import { NotFoundError, type Principal } from '../src/index.js';
import { newUser, useDomain } from './support/domain.js';

const ctx = useDomain();

/** Whether the principal may still act: any operation that takes one will do. */
async function isLive(principal: Principal): Promise<boolean> {
  return ctx.domain.users.getMe(principal).then(
    () => true,
    (error: { code?: string }) => {
      if (error.code !== 'invalid_token') throw error;
      return false;
    },
  );
}

async function signInAgain(email: string, password: string, userAgent = 'second device') {
  const session = await ctx.domain.auth.login({ email, password }, { userAgent });
  return { session, principal: await ctx.domain.auth.authenticate(session.accessToken) };
}

describe('sessions', () => {
  it('record the client of the sign-in, and list the current one as such', async () => {
    const { email, password } = await newUser(ctx.domain);
    const first = await ctx.domain.auth.login(
      { email, password },
      { userAgent: 'Browser/1.0', ipAddress: '203.0.113.7' },
    );
    const principal = await ctx.domain.auth.authenticate(first.accessToken);
    const { data } = await ctx.domain.auth.listSessions(principal);
    // The registration's session, and this one, newest first.
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({
      id: principal.sessionId,
      current: true,
      userAgent: 'Browser/1.0',
      ipAddress: '203.0.113.7',
    });
    expect(data[1]).toMatchObject({ current: false, userAgent: null, ipAddress: null });
    const { createdAt, lastUsedAt, expiresAt } = data[0]!;
    expect(lastUsedAt).toBe(createdAt);
    // The default 90 days.
    expect(Date.parse(expiresAt) - Date.parse(createdAt)).toBe(90 * 24 * 3600 * 1000);
  });

  it('store a long user agent cut to 512 characters, and no address that is not one', async () => {
    const { email, password } = await newUser(ctx.domain);
    const signedIn = await ctx.domain.auth.login(
      { email, password },
      { userAgent: `${'x'.repeat(600)}\0`, ipAddress: 'unknown, 10.0.0.1' },
    );
    const principal = await ctx.domain.auth.authenticate(signedIn.accessToken);
    const [current] = (await ctx.domain.auth.listSessions(principal)).data;
    expect(current).toMatchObject({ userAgent: 'x'.repeat(512), ipAddress: null });
  });

  it('end at logout, access tokens included', async () => {
    const { session, principal } = await newUser(ctx.domain);
    await ctx.domain.auth.logout(session.refreshToken);
    expect(await isLive(principal)).toBe(false);
  });

  it('end when a spent refresh token is reused, access tokens included', async () => {
    const { session } = await newUser(ctx.domain);
    const next = await ctx.domain.auth.refresh(session.refreshToken);
    const rotated = await ctx.domain.auth.authenticate(next.accessToken);
    expect(await isLive(rotated)).toBe(true);
    await expect(ctx.domain.auth.refresh(session.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
    expect(await isLive(rotated)).toBe(false);
  });

  it('end one at a time: the ended one is dead, the others live on', async () => {
    const { email, password, principal } = await newUser(ctx.domain);
    const other = await signInAgain(email, password);
    await ctx.domain.auth.endSession(principal, other.principal.sessionId);
    expect(await isLive(other.principal)).toBe(false);
    await expect(ctx.domain.auth.refresh(other.session.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
    expect(await isLive(principal)).toBe(true);
    // Ended already, or never the caller's: not found either way.
    await expect(
      ctx.domain.auth.endSession(principal, other.principal.sessionId),
    ).rejects.toBeInstanceOf(NotFoundError);
    const stranger = await newUser(ctx.domain);
    await expect(
      ctx.domain.auth.endSession(principal, stranger.principal.sessionId),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await isLive(stranger.principal)).toBe(true);
  });

  it('can end the current one', async () => {
    const { principal } = await newUser(ctx.domain);
    await ctx.domain.auth.endSession(principal, principal.sessionId);
    expect(await isLive(principal)).toBe(false);
  });

  it('end all but the current one on request', async () => {
    const { email, password, principal } = await newUser(ctx.domain);
    const others = [await signInAgain(email, password), await signInAgain(email, password)];
    await ctx.domain.auth.endOtherSessions(principal);
    expect(await Promise.all(others.map((o) => isLive(o.principal)))).toEqual([false, false]);
    expect(await isLive(principal)).toBe(true);
    expect((await ctx.domain.auth.listSessions(principal)).data.map((s) => s.id)).toEqual([
      principal.sessionId,
    ]);
  });

  it('end all but the current one when the password changes', async () => {
    const { email, password, principal } = await newUser(ctx.domain);
    const other = await signInAgain(email, password);
    await ctx.domain.users.updateMe(principal, {
      password: 'a-brand-new-password',
      currentPassword: password,
    });
    expect(await isLive(other.principal)).toBe(false);
    expect(await isLive(principal)).toBe(true);
  });

  it('leave no token alive when a logout races a refresh of the same session', async () => {
    // Before sessions were rows, the logout's UPDATE could not see the token a concurrent rotation
    // was inserting, and that token outlived the logout. Each round races the two once.
    for (let round = 0; round < 10; round++) {
      const { session } = await newUser(ctx.domain);
      const [refreshed] = await Promise.allSettled([
        ctx.domain.auth.refresh(session.refreshToken),
        ctx.domain.auth.logout(session.refreshToken),
      ]);
      if (refreshed.status === 'rejected') continue;
      await expect(
        ctx.domain.auth.refresh(refreshed.value.refreshToken),
        `round ${round}`,
      ).rejects.toMatchObject({ code: 'invalid_refresh_token' });
      const principal = await ctx.domain.auth.authenticate(refreshed.value.accessToken);
      expect(await isLive(principal), `round ${round}`).toBe(false);
    }
  });

  it('leave no token alive when a password change races a refresh in another session', async () => {
    for (let round = 0; round < 10; round++) {
      const { email, password, principal } = await newUser(ctx.domain);
      const other = await signInAgain(email, password);
      const [refreshed] = await Promise.allSettled([
        ctx.domain.auth.refresh(other.session.refreshToken),
        ctx.domain.users.updateMe(principal, {
          password: 'a-brand-new-password',
          currentPassword: password,
        }),
      ]);
      if (refreshed.status === 'rejected') continue;
      const rotated = await ctx.domain.auth.authenticate(refreshed.value.accessToken);
      expect(await isLive(rotated), `round ${round}`).toBe(false);
    }
  });
});
