import { operations, type User } from '@rosetta/shared-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTask,
  login,
  loginAdmin,
  randomId,
  randomPassword,
  registerUser,
  walk,
  type TestUser,
} from '../support/api.js';
import { ctx } from '../support/context.js';
import { adminOperations, label, pathOf, validBodies } from '../support/operations.js';
import {
  expectInvalidBody,
  expectInvalidParameter,
  expectProblem,
  expectUnauthorized,
} from '../support/problems.js';

describe('admin-only operations', () => {
  it.each(adminOperations.map((id) => [label(id), id] as const))(
    'return 403 forbidden to a plain user for %s',
    async (_, id) => {
      const bob = await registerUser('plain');
      const target = await registerUser('target');
      const res = await bob.api.request(operations[id].method, pathOf(id, target.user.id), {
        json: validBodies[id],
      });
      expectProblem(res, 403, 'forbidden');
      expect((await target.api.get('/users/me')).status, 'the target account is untouched').toBe(
        200,
      );
    },
  );
});

describe.runIf(ctx.admin)('admin-only operations, as the admin', () => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await loginAdmin();
  });

  describe('GET /users', () => {
    it('lists accounts oldest first; walking every page repeats and skips none', async () => {
      const created: User[] = [];
      for (let i = 0; i < 3; i++) created.push((await registerUser('listed')).user);
      const { items, pages } = await walk<User>(admin.api, '/users', { limit: 7 });
      expect(pages).toBeGreaterThan(1);
      const ids = items.map((u) => u.id);
      expect(new Set(ids).size, 'no account appears twice').toBe(ids.length);
      const positions = created.map((u) => ids.indexOf(u.id));
      expect(
        positions.every((p) => p >= 0),
        'every account created before the walk is listed',
      ).toBe(true);
      expect(
        [...positions].sort((a, b) => a - b),
        'in creation order',
      ).toEqual(positions);
      expect(ids).toContain(admin.user.id);
      for (let i = 1; i < items.length; i++) {
        expect(Date.parse(items[i]!.createdAt)).toBeGreaterThanOrEqual(
          Date.parse(items[i - 1]!.createdAt),
        );
      }
    });

    it('returns 20 accounts per page by default, and honours limit 1 and 100', async () => {
      for (let i = 0; i < 2; i++) await registerUser('listed');
      const [byDefault, one, hundred] = await Promise.all([
        admin.api.get('/users'),
        admin.api.get('/users', { query: { limit: 1 } }),
        admin.api.get('/users', { query: { limit: 100 } }),
      ]);
      expect(byDefault.body.data.length).toBeLessThanOrEqual(20);
      expect(one.body.data).toHaveLength(1);
      expect(one.body.nextCursor).toEqual(expect.any(String));
      expect(hundred.body.data.length).toBeLessThanOrEqual(100);
      expect(hundred.body.data.length).toBeGreaterThanOrEqual(
        Math.min(byDefault.body.data.length, 3),
      );
    });

    it('returns 422 naming limit for limit 0 and 101', async () => {
      expectInvalidParameter(await admin.api.get('/users', { query: { limit: 0 } }), 'limit');
      expectInvalidParameter(await admin.api.get('/users', { query: { limit: 101 } }), 'limit');
    });

    it('returns 422 naming cursor for a cursor it never issued', async () => {
      expectInvalidParameter(
        await admin.api.get('/users', { query: { cursor: 'garbage' } }),
        'cursor',
      );
    });
  });

  describe('GET /users/{id}', () => {
    it('returns 200 with any account', async () => {
      const alice = await registerUser('get');
      const res = await admin.api.get(`/users/${alice.user.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(alice.user);
    });

    it('returns 404 not_found for an id no account has', async () => {
      expectProblem(await admin.api.get(`/users/${randomId()}`), 404, 'not_found');
    });

    it('returns 422 naming id for an id that is not a UUID', async () => {
      expectInvalidParameter(await admin.api.get('/users/not-a-uuid'), 'id');
    });
  });

  describe('PATCH /users/{id}', () => {
    // Each update writes only its own columns: none loads the whole account and saves it back.
    it('never loses a role change to a concurrent change of name and password, nor they to it', async () => {
      for (let race = 1; race <= 8; race++) {
        const alice = await registerUser('lost-update');
        const name = `Renamed ${race}`;
        const password = randomPassword();
        const [promoted, renamed, rekeyed] = await Promise.all([
          admin.api.patch(`/users/${alice.user.id}`, { json: { role: 'admin' } }),
          alice.api.patch('/users/me', { json: { name } }),
          alice.api.patch('/users/me', {
            json: { password, currentPassword: alice.password },
          }),
        ]);
        expect([promoted.status, renamed.status, rekeyed.status], `race ${race}`).toEqual([
          200, 200, 200,
        ]);
        expect((await admin.api.get(`/users/${alice.user.id}`)).body, `race ${race}`).toMatchObject(
          { role: 'admin', name },
        );
        expect((await login(alice.email, password)).user.role).toBe('admin');
        await admin.api.patch(`/users/${alice.user.id}`, { json: { role: 'user' } });
      }
    });

    it('returns 200 and changes the role, which then grants or withdraws admin access', async () => {
      const alice = await registerUser('promote');
      const promoted = await admin.api.patch(`/users/${alice.user.id}`, {
        json: { role: 'admin' },
      });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ id: alice.user.id, role: 'admin' });
      // A fresh login, so the check holds whether or not the role travels in the token.
      const asAdmin = await login(alice.email, alice.password);
      expect((await asAdmin.api.get('/users', { query: { limit: 1 } })).status).toBe(200);

      const demoted = await admin.api.patch(`/users/${alice.user.id}`, { json: { role: 'user' } });
      expect(demoted.body.role).toBe('user');
      const asUser = await login(alice.email, alice.password);
      expectProblem(await asUser.api.get('/users'), 403, 'forbidden');
    });

    it("returns 409 cannot_modify_self for the admin's own account, whose role stays admin", async () => {
      expectProblem(
        await admin.api.patch(`/users/${admin.user.id}`, { json: { role: 'user' } }),
        409,
        'cannot_modify_self',
      );
      expect((await admin.api.get('/users/me')).body.role).toBe('admin');
    });

    it('returns 404 not_found for an id no account has', async () => {
      expectProblem(
        await admin.api.patch(`/users/${randomId()}`, { json: { role: 'admin' } }),
        404,
        'not_found',
      );
    });

    it('returns 422 for a role that does not exist, and for any other field', async () => {
      const alice = await registerUser('patch');
      expectInvalidBody(
        await admin.api.patch(`/users/${alice.user.id}`, { json: { role: 'root' } }),
        '/role',
      );
      expectInvalidBody(
        await admin.api.patch(`/users/${alice.user.id}`, {
          json: { role: 'user', email: 'x@conformance.test' },
        }),
        '/email',
      );
    });

    it('returns 422 naming id for an id that is not a UUID', async () => {
      expectInvalidParameter(await admin.api.patch('/users/42', { json: { role: 'user' } }), 'id');
    });
  });

  describe('DELETE /users/{id}', () => {
    it('returns 204 and the account is gone: 404 for the admin, 401 for its token', async () => {
      const alice = await registerUser('delete');
      await createTask(alice);
      expect((await admin.api.delete(`/users/${alice.user.id}`)).status).toBe(204);
      expectProblem(await admin.api.get(`/users/${alice.user.id}`), 404, 'not_found');
      expectUnauthorized(await alice.api.get('/tasks'), 'invalid_token');
      const relogin = await client().post('/auth/login', {
        json: { email: alice.email, password: alice.password },
      });
      expectUnauthorized(relogin, 'invalid_credentials');
    });

    it("returns 409 cannot_modify_self for the admin's own account", async () => {
      expectProblem(await admin.api.delete(`/users/${admin.user.id}`), 409, 'cannot_modify_self');
      expect((await admin.api.get('/users/me')).status).toBe(200);
    });

    it('returns 404 not_found for an id no account has', async () => {
      expectProblem(await admin.api.delete(`/users/${randomId()}`), 404, 'not_found');
    });

    it('returns 422 naming id for an id that is not a UUID', async () => {
      expectInvalidParameter(await admin.api.delete('/users/not-a-uuid'), 'id');
    });
  });
});
