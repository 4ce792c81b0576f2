import { describe, expect, it } from 'vitest';
import { client, createTask, login, randomPassword, registerUser } from '../support/api.js';
import { expectInvalidBody, expectProblem, expectUnauthorized } from '../support/problems.js';

const refresh = (refreshToken: string) =>
  client().post('/auth/refresh', { json: { refreshToken } });
const tryLogin = (email: string, password: string) =>
  client().post('/auth/login', { json: { email, password } });

describe('GET /users/me', () => {
  it("returns 200 with the caller's own account", async () => {
    const alice = await registerUser('me');
    const res = await alice.api.get('/users/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: alice.user.id, email: alice.email, role: 'user' });
  });
});

describe('PATCH /users/me', () => {
  it('returns 200 with the new name and a later updatedAt', async () => {
    const alice = await registerUser('me');
    const res = await alice.api.patch('/users/me', { json: { name: 'Alice Renamed' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: alice.user.id,
      name: 'Alice Renamed',
      createdAt: alice.user.createdAt,
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(alice.user.updatedAt));
    expect((await alice.api.get('/users/me')).body.name).toBe('Alice Renamed');
  });

  it('returns 422 for an empty body', async () => {
    const alice = await registerUser('me');
    const res = await alice.api.patch('/users/me', { json: {} });
    expectProblem(res, 422, 'validation_failed');
  });

  it('returns 422 for a new password without the current one', async () => {
    const alice = await registerUser('me');
    expectInvalidBody(
      await alice.api.patch('/users/me', { json: { password: randomPassword() } }),
      '/currentPassword',
    );
  });

  it('returns 403 current_password_incorrect for a wrong current password, and keeps the old one', async () => {
    const alice = await registerUser('me');
    const res = await alice.api.patch('/users/me', {
      json: { password: randomPassword(), currentPassword: `${alice.password}-wrong` },
    });
    expectProblem(res, 403, 'current_password_incorrect');
    expect((await tryLogin(alice.email, alice.password)).status).toBe(200);
  });

  it('changes the password with the right current one: the old stops working, the new works', async () => {
    const alice = await registerUser('me');
    const password = randomPassword();
    const res = await alice.api.patch('/users/me', {
      json: { password, currentPassword: alice.password },
    });
    expect(res.status).toBe(200);
    expectUnauthorized(await tryLogin(alice.email, alice.password), 'invalid_credentials');
    expect((await tryLogin(alice.email, password)).status).toBe(200);
  });

  it("signs out the user's other sessions on a password change, but not the one that made it", async () => {
    const alice = await registerUser('me');
    const other = await login(alice.email, alice.password);
    const res = await alice.api.patch('/users/me', {
      json: { password: randomPassword(), currentPassword: alice.password },
    });
    expect(res.status).toBe(200);
    expectUnauthorized(await refresh(other.refreshToken), 'invalid_refresh_token');
    expect((await refresh(alice.refreshToken)).status).toBe(200);
  });

  it('returns 422 for a role in the body, and the role stays user', async () => {
    const alice = await registerUser('me');
    expectInvalidBody(await alice.api.patch('/users/me', { json: { role: 'admin' } }), '/role');
    expectInvalidBody(
      await alice.api.patch('/users/me', { json: { name: 'A', role: 'admin' } }),
      '/role',
    );
    expect((await alice.api.get('/users/me')).body.role).toBe('user');
  });

  it('returns 422 for an email in the body: the account email cannot be changed here', async () => {
    const alice = await registerUser('me');
    expectInvalidBody(
      await alice.api.patch('/users/me', { json: { email: 'new@conformance.test' } }),
      '/email',
    );
  });
});

describe('DELETE /users/me', () => {
  it('returns 204; then its token answers 401 invalid_token and its password no longer signs in', async () => {
    const alice = await registerUser('me');
    expect((await alice.api.delete('/users/me')).status).toBe(204);
    expectUnauthorized(await alice.api.get('/users/me'), 'invalid_token');
    expectUnauthorized(await tryLogin(alice.email, alice.password), 'invalid_credentials');
    expectUnauthorized(await refresh(alice.refreshToken), 'invalid_refresh_token');
  });

  it('takes the tasks with it: the email registers afresh with no tasks, and the old ones are gone', async () => {
    const alice = await registerUser('me');
    const { task } = await createTask(alice, { title: 'Left behind' });
    expect((await alice.api.delete('/users/me')).status).toBe(204);

    const again = await client().post('/auth/register', {
      json: { email: alice.email, password: randomPassword(), name: 'Alice again' },
    });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(alice.user.id);
    const api = client({ token: again.body.accessToken });
    expect((await api.get('/tasks')).body.data).toEqual([]);
    expectProblem(await api.get(`/tasks/${task.id}`), 404, 'not_found');
  });
});
