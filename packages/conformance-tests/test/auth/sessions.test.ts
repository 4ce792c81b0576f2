import type { Session } from '@rosetta/shared-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import {
  client,
  login,
  randomId,
  randomPassword,
  registerUser,
  type TestUser,
} from '../support/api.js';
import { capabilities } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectInvalidParameter, expectProblem, expectUnauthorized } from '../support/problems.js';

const refresh = (refreshToken: string, api = client()) =>
  api.post('/auth/refresh', { json: { refreshToken } });
const logout = (refreshToken: string) => client().post('/auth/logout', { json: { refreshToken } });

/** Whether an access token still works, asked of an operation that only needs a live token. */
async function isLive(user: Pick<TestUser, 'accessToken'>): Promise<boolean> {
  const res = await client({ token: user.accessToken }).get('/users/me');
  if (res.status === 401) {
    expectUnauthorized(res, 'invalid_token');
    return false;
  }
  expect(res.status).toBe(200);
  return true;
}

async function sessionsOf(user: TestUser): Promise<Session[]> {
  const res = await user.api.get('/auth/sessions');
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('GET /auth/sessions', () => {
  it("lists the caller's sessions newest first, the current one marked, with the client as given", async () => {
    const alice = await registerUser('sessions');
    const ip = '198.51.100.23';
    const res = await client({ ip }).post('/auth/login', {
      json: { email: alice.email, password: alice.password },
      headers: { 'user-agent': 'Conformance/1.0 (sessions)' },
    });
    expect(res.status).toBe(200);
    const phone = { ...alice, api: alice.api.withToken(res.body.accessToken) };
    await registerUser('someone-else');

    const [newest, oldest, ...more] = await sessionsOf(phone);
    expect(more).toEqual([]);
    expect(newest).toMatchObject({ current: true, userAgent: 'Conformance/1.0 (sessions)' });
    // The harness tells a starter to trust the loopback proxy, so the address is the client's own.
    if (capabilities.bootable) expect(newest!.ipAddress).toBe(ip);
    expect(oldest).toMatchObject({ current: false });
    expect(Date.parse(newest!.createdAt)).toBeGreaterThanOrEqual(Date.parse(oldest!.createdAt));
    // From the other session, the marks swap.
    expect((await sessionsOf(alice)).map((s) => [s.id, s.current])).toEqual([
      [newest!.id, false],
      [oldest!.id, true],
    ]);
  });
});

describe('DELETE /auth/sessions/{id}', () => {
  it('ends that session at once, access token included, and leaves the caller signed in', async () => {
    const alice = await registerUser('sessions');
    const laptop = await login(alice.email, alice.password);
    const [laptops, alices] = await sessionsOf(alice);
    expect([laptops!.current, alices!.current]).toEqual([false, true]);

    expect((await alice.api.delete(`/auth/sessions/${laptops!.id}`)).status).toBe(204);
    expect(await isLive(laptop)).toBe(false);
    expectUnauthorized(await refresh(laptop.refreshToken), 'invalid_refresh_token');
    expect(await isLive(alice)).toBe(true);
    expect((await sessionsOf(alice)).map((s) => s.id)).toEqual([alices!.id]);
  });

  it('returns 404 for a session that has ended, or that is not the caller’s', async () => {
    const alice = await registerUser('sessions');
    const bob = await registerUser('sessions');
    const [bobs] = await sessionsOf(bob);
    expectProblem(await alice.api.delete(`/auth/sessions/${bobs!.id}`), 404, 'not_found');
    expect(await isLive(bob)).toBe(true);
    expectProblem(await alice.api.delete(`/auth/sessions/${randomId()}`), 404, 'not_found');

    const laptop = await login(alice.email, alice.password);
    const [laptops] = await sessionsOf(laptop);
    expect((await alice.api.delete(`/auth/sessions/${laptops!.id}`)).status).toBe(204);
    expectProblem(await alice.api.delete(`/auth/sessions/${laptops!.id}`), 404, 'not_found');
  });

  it('can end the current session', async () => {
    const alice = await registerUser('sessions');
    const [current] = await sessionsOf(alice);
    expect((await alice.api.delete(`/auth/sessions/${current!.id}`)).status).toBe(204);
    expect(await isLive(alice)).toBe(false);
  });

  it('returns 422 for an id that is not a UUID', async () => {
    const alice = await registerUser('sessions');
    expectInvalidParameter(await alice.api.delete('/auth/sessions/not-a-uuid'), 'id');
  });
});

describe('DELETE /auth/sessions', () => {
  it('ends every other session at once and keeps the current one', async () => {
    const alice = await registerUser('sessions');
    const others = [
      await login(alice.email, alice.password),
      await login(alice.email, alice.password),
    ];
    expect((await alice.api.delete('/auth/sessions')).status).toBe(204);
    for (const other of others) {
      expect(await isLive(other)).toBe(false);
      expectUnauthorized(await refresh(other.refreshToken), 'invalid_refresh_token');
    }
    expect(await isLive(alice)).toBe(true);
    expect(await sessionsOf(alice)).toHaveLength(1);
  });
});

describe('ending a session stops its access tokens at once', () => {
  it('on logout', async () => {
    const alice = await registerUser('sessions');
    expect((await logout(alice.refreshToken)).status).toBe(204);
    expect(await isLive(alice)).toBe(false);
  });

  it("on a password change, for every other session and not the changer's own", async () => {
    const alice = await registerUser('sessions');
    const laptop = await login(alice.email, alice.password);
    const res = await alice.api.patch('/users/me', {
      json: { password: randomPassword(), currentPassword: alice.password },
    });
    expect(res.status).toBe(200);
    expect(await isLive(laptop)).toBe(false);
    expect(await isLive(alice)).toBe(true);
  });

  it('on reuse of a spent refresh token, for the token that replaced it', async () => {
    const alice = await registerUser('sessions');
    const rotated = await refresh(alice.refreshToken);
    expect(rotated.status).toBe(200);
    expect(await isLive(rotated.body)).toBe(true);
    expectUnauthorized(await refresh(alice.refreshToken), 'invalid_refresh_token');
    expect(await isLive(rotated.body)).toBe(false);
  });

  it('when a logout races a refresh of the same session: no token outlives the logout', async () => {
    // Each round sends both at once; whichever the server runs first, nothing may be left alive.
    for (let round = 0; round < 10; round++) {
      const alice = await registerUser('sessions');
      const [refreshed, loggedOut] = await Promise.all([
        refresh(alice.refreshToken),
        logout(alice.refreshToken),
      ]);
      expect(loggedOut.status, `round ${round}`).toBe(204);
      if (refreshed.status !== 200) {
        expectUnauthorized(refreshed, 'invalid_refresh_token');
        continue;
      }
      expect(await isLive(refreshed.body), `round ${round}`).toBe(false);
      expectUnauthorized(await refresh(refreshed.body.refreshToken), 'invalid_refresh_token');
    }
  });
});

// A short SESSION_MAX_AGE_SECONDS needs an instance of its own.
describe.runIf(capabilities.bootable)('a session past SESSION_MAX_AGE_SECONDS', () => {
  const MAX_AGE_SECONDS = 10;
  let db: OwnDatabase;
  let server: BootedServer;
  beforeAll(async () => {
    db = await ownDatabase('session_age');
    server = await bootInstance(db.database.url, 'session-age', {
      SESSION_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS),
    });
    // Booting on PGlite with a core kept busy: the same deadline as the starters' own server tests.
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await db?.release();
  }, 60_000);

  // Waits out the 10 s on purpose; the deadline is that and room for a busy machine.
  it('ends however recently it was refreshed', { timeout: 120_000 }, async () => {
    const api = instanceClient(server.baseUrl);
    const registered = await api.post('/auth/register', {
      json: {
        email: `age-${randomId()}@conformance.test`,
        password: randomPassword(),
        name: 'Age',
      },
    });
    expect(registered.status).toBe(201);
    const rotated = await refresh(registered.body.refreshToken, api);
    expect(rotated.status).toBe(200);

    // The end is fixed at sign-in: the rotation did not move it.
    const listed = await api.withToken(rotated.body.accessToken).get('/auth/sessions');
    expect(listed.status).toBe(200);
    const [session] = listed.body.data as Session[];
    const end = Date.parse(session!.expiresAt);
    expect(end - Date.parse(session!.createdAt)).toBe(MAX_AGE_SECONDS * 1000);

    // The server and this process share a clock; a second's margin covers its millisecond rounding.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - Date.now() + 1000)));
    expectUnauthorized(await refresh(rotated.body.refreshToken, api), 'invalid_refresh_token');
    expectUnauthorized(
      await api.withToken(rotated.body.accessToken).get('/users/me'),
      'invalid_token',
    );
  });
});
