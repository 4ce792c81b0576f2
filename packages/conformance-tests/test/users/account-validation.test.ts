import { describe, expect, it } from 'vitest';
import { client, randomPassword, registerUser, uniqueEmail } from '../support/api.js';
import { expectInvalidBody } from '../support/problems.js';

const register = (body: Record<string, unknown>) => client().post('/auth/register', { json: body });
const valid = () => ({ email: uniqueEmail('valid'), password: randomPassword(), name: 'Valid' });

describe('POST /auth/register validation', () => {
  it('accepts the shortest password (8) and name (1)', async () => {
    expect((await register({ ...valid(), password: 'p'.repeat(8), name: 'A' })).status).toBe(201);
  });

  it('accepts the longest password (128) and name (100)', async () => {
    expect(
      (await register({ ...valid(), password: 'p'.repeat(128), name: 'n'.repeat(100) })).status,
    ).toBe(201);
  });

  it.each([
    ['a password of 7 characters', { password: 'p'.repeat(7) }, '/password'],
    ['a password of 129 characters', { password: 'p'.repeat(129) }, '/password'],
    ['an empty name', { name: '' }, '/name'],
    ['a whitespace-only name', { name: '   ' }, '/name'],
    ['a name of 101 characters', { name: 'n'.repeat(101) }, '/name'],
    ['an email that is not one', { email: 'not-an-email' }, '/email'],
    ['a numeric email', { email: 12345 }, '/email'],
    ['an unknown property', { nickname: 'x' }, '/nickname'],
  ])('returns 422 for %s', async (_, change, pointer) => {
    expectInvalidBody(await register({ ...valid(), ...change }), pointer);
  });
});

describe('POST /auth/register with input a database may choke on', () => {
  // The contract documents no 500: whatever the server decides, it must be an answer it documents.
  it('answers a NUL character in the name with 201 (kept as sent) or 422, never a server error', async () => {
    const res = await register({ ...valid(), name: 'nul\u0000byte' });
    expect([201, 422]).toContain(res.status);
    if (res.status === 201) expect(res.body.user.name).toBe('nul\u0000byte');
  });
});

describe('PATCH /users/me validation', () => {
  it('accepts a name of 100 characters and rejects one of 101 or only spaces', async () => {
    const alice = await registerUser('validation');
    expect((await alice.api.patch('/users/me', { json: { name: 'n'.repeat(100) } })).status).toBe(
      200,
    );
    expectInvalidBody(
      await alice.api.patch('/users/me', { json: { name: 'n'.repeat(101) } }),
      '/name',
    );
    expectInvalidBody(await alice.api.patch('/users/me', { json: { name: ' ' } }), '/name');
  });

  it('rejects a new password of 7 characters, and a current password without a new one', async () => {
    const alice = await registerUser('validation');
    expectInvalidBody(
      await alice.api.patch('/users/me', {
        json: { password: 'short12', currentPassword: alice.password },
      }),
      '/password',
    );
    expectInvalidBody(
      await alice.api.patch('/users/me', { json: { currentPassword: alice.password } }),
      '/password',
    );
  });
});

describe('POST /auth/login validation', () => {
  it('returns 422 for an empty password rather than checking it', async () => {
    expectInvalidBody(
      await client().post('/auth/login', { json: { email: uniqueEmail(), password: '' } }),
      '/password',
    );
  });
});
