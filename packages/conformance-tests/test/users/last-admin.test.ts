import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import type { ApiClient } from '../../src/client.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectProblem } from '../support/problems.js';

/** An admin account, signed in from an address of its own. */
interface Admin {
  id: string;
  api: ApiClient;
}

/** How many times each race is run: one run may miss the moment in which unsafe code loses. */
const RACES = 8;

const byNumber = (a: number, b: number) => a - b;

// Counting admins needs a database in which only this file makes and removes them.
describe.runIf(capabilities.bootable)('the last admin', () => {
  let db: OwnDatabase;
  let server: BootedServer;
  /** The admin the instance was started with; every race begins and ends with it the only one. */
  let founder: Admin;

  /** An account registered from an address of its own (so no rate limit is shared), made admin. */
  async function newAdmin(): Promise<Admin> {
    const res = await instanceClient(server.baseUrl).post('/auth/register', {
      json: { email: uniqueEmail('admin'), password: randomPassword(), name: 'Admin' },
    });
    expect(res.status).toBe(201);
    const promoted = await founder.api.patch(`/users/${res.body.user.id}`, {
      json: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    return {
      id: res.body.user.id,
      api: instanceClient(server.baseUrl, { token: res.body.accessToken }),
    };
  }

  /** The admins there are now, as `viewer` (an admin) lists them. */
  async function adminsAs(viewer: Admin): Promise<string[]> {
    const res = await viewer.api.get('/users', { query: { limit: 100 } });
    expect(res.status).toBe(200);
    return (res.body.data as { id: string; role: string }[])
      .filter((u) => u.role === 'admin')
      .map((u) => u.id);
  }

  beforeAll(async () => {
    db = await ownDatabase('last_admin');
    server = await bootInstance(db.database.url, 'last-admin');
    const res = await instanceClient(server.baseUrl).post('/auth/login', { json: server.admin });
    expect(res.status).toBe(200);
    founder = {
      id: res.body.user.id,
      api: instanceClient(server.baseUrl, { token: res.body.accessToken }),
    };
    // Booting on PGlite with a core kept busy: the same deadline as the starters' own server tests.
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await db?.release();
  }, 60_000);

  it('cannot delete their own account: 409 last_admin, and the account stays', async () => {
    expectProblem(await founder.api.delete('/users/me'), 409, 'last_admin');
    expect(await adminsAs(founder)).toEqual([founder.id]);
  });

  it('is never demoted away when two admins demote each other at once', async () => {
    for (let race = 1; race <= RACES; race++) {
      const other = await newAdmin();
      const [byFounder, byOther] = await Promise.all([
        founder.api.patch(`/users/${other.id}`, { json: { role: 'user' } }),
        other.api.patch(`/users/${founder.id}`, { json: { role: 'user' } }),
      ]);
      // One demotion wins; the other caller is no longer an admin by the time its own is decided.
      expect([byFounder.status, byOther.status].sort(byNumber), `race ${race}`).toEqual([200, 403]);
      const winner = byFounder.status === 200 ? founder : other;
      expect(await adminsAs(winner), `race ${race}: the admins left`).toEqual([winner.id]);
      if (winner === other) {
        const restored = await other.api.patch(`/users/${founder.id}`, { json: { role: 'admin' } });
        expect(restored.status).toBe(200);
        const stepped = await founder.api.patch(`/users/${other.id}`, { json: { role: 'user' } });
        expect(stepped.status).toBe(200);
      }
      expect(await adminsAs(founder)).toEqual([founder.id]);
    }
  });

  it('is never deleted away when the last two admins delete their own accounts at once', async () => {
    for (let race = 1; race <= RACES; race++) {
      const [a, b] = [await newAdmin(), await newAdmin()];
      // The founder steps down, so that a and b are the only admins.
      expect((await a.api.patch(`/users/${founder.id}`, { json: { role: 'user' } })).status).toBe(
        200,
      );
      const results = await Promise.all([a.api.delete('/users/me'), b.api.delete('/users/me')]);
      expect(results.map((r) => r.status).sort(byNumber), `race ${race}`).toEqual([204, 409]);
      const refused = results.findIndex((r) => r.status === 409);
      expectProblem(results[refused]!, 409, 'last_admin');
      // The survivor hands admin back to the founder, who takes it from the survivor.
      const survivor = refused === 0 ? a : b;
      const restored = await survivor.api.patch(`/users/${founder.id}`, {
        json: { role: 'admin' },
      });
      expect(restored.status).toBe(200);
      const stepped = await founder.api.patch(`/users/${survivor.id}`, { json: { role: 'user' } });
      expect(stepped.status).toBe(200);
      expect(await adminsAs(founder)).toEqual([founder.id]);
    }
  });
});
