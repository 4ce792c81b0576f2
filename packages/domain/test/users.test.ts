import { describe, expect, it } from 'vitest';
import { ADMIN, newUser, useDomain } from './support/domain.js';

const ctx = useDomain();

async function admin() {
  const session = await ctx.domain.auth.login(ADMIN);
  return ctx.domain.auth.authenticate(session.accessToken);
}

describe('updating one’s own account', () => {
  it('changes the password only with the current one', async () => {
    const { principal, email } = await newUser(ctx.domain);
    await expect(
      ctx.domain.users.updateMe(principal, {
        password: 'brand-new-password',
        currentPassword: 'wrong',
      }),
    ).rejects.toMatchObject({ code: 'current_password_incorrect' });
    await ctx.domain.users.updateMe(principal, {
      password: 'brand-new-password',
      currentPassword: 'correct-horse-battery',
    });
    await expect(
      ctx.domain.auth.login({ email, password: 'brand-new-password' }),
    ).resolves.toBeDefined();
  });

  it('signs out every other session on a password change, but not the current one', async () => {
    const { principal, email, password, session } = await newUser(ctx.domain);
    const elsewhere = await ctx.domain.auth.login({ email, password });
    await ctx.domain.users.updateMe(principal, {
      password: 'brand-new-password',
      currentPassword: password,
    });
    await expect(ctx.domain.auth.refresh(elsewhere.refreshToken)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
    await expect(ctx.domain.auth.refresh(session.refreshToken)).resolves.toBeDefined();
  });

  it('deletes the account: its password and its tokens stop working', async () => {
    const { principal, email, password } = await newUser(ctx.domain);
    const { task } = await ctx.domain.tasks.create(principal, { title: 'Goes with the account' });
    await ctx.domain.users.deleteMe(principal);
    await expect(ctx.domain.auth.login({ email, password })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    await expect(ctx.domain.users.get(await admin(), principal.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(ctx.domain.tasks.get(principal, task.id)).rejects.toMatchObject({
      code: 'invalid_token',
    });
  });
});

describe('administration', () => {
  it('is refused to ordinary users', async () => {
    const { principal } = await newUser(ctx.domain);
    await expect(ctx.domain.users.list(principal, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(ctx.domain.users.get(principal, principal.id)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('walks every account page by page, oldest first, without repeats', async () => {
    const actor = await admin();
    for (let i = 0; i < 3; i++) await newUser(ctx.domain);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.domain.users.list(actor, { limit: 2, cursor });
      seen.push(...page.data.map((u) => u.createdAt + u.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
  });

  it('changes roles, but never the admin’s own', async () => {
    const actor = await admin();
    const { principal } = await newUser(ctx.domain);
    await expect(ctx.domain.users.updateRole(actor, principal.id, 'admin')).resolves.toMatchObject({
      role: 'admin',
    });
    await expect(ctx.domain.users.updateRole(actor, actor.id, 'user')).rejects.toMatchObject({
      code: 'cannot_modify_self',
    });
    await expect(ctx.domain.users.remove(actor, actor.id)).rejects.toMatchObject({
      code: 'cannot_modify_self',
    });
  });

  it('reads the role at each call, so a promotion or demotion counts at once', async () => {
    const actor = await admin();
    const { principal } = await newUser(ctx.domain);
    await expect(ctx.domain.users.list(principal, {})).rejects.toMatchObject({ code: 'forbidden' });
    await ctx.domain.users.updateRole(actor, principal.id, 'admin');
    await expect(ctx.domain.users.list(principal, {})).resolves.toBeDefined();
    await ctx.domain.users.updateRole(actor, principal.id, 'user');
    await expect(ctx.domain.users.list(principal, {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('knows the admin’s own id in capitals too', async () => {
    const actor = await admin();
    const shouted = actor.id.toUpperCase();
    await expect(ctx.domain.users.updateRole(actor, shouted, 'user')).rejects.toMatchObject({
      code: 'cannot_modify_self',
    });
    await expect(ctx.domain.users.remove(actor, shouted)).rejects.toMatchObject({
      code: 'cannot_modify_self',
    });
    await expect(ctx.domain.users.getMe(actor)).resolves.toMatchObject({ role: 'admin' });
  });

  it('reports a missing account as not found', async () => {
    const actor = await admin();
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(ctx.domain.users.remove(actor, missing)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(ctx.domain.users.updateRole(actor, missing, 'user')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
