import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';

// Starting with ADMIN_EMAIL set to an address someone already registered needs instances of its own.
describe.runIf(capabilities.bootable)('ADMIN_EMAIL naming an account that already exists', () => {
  let db: OwnDatabase;
  const email = uniqueEmail('claimed');
  const password = randomPassword();

  /** Boots an instance, signs in as the account, reads its role, and stops the instance again. */
  async function roleOf(server: BootedServer): Promise<string> {
    try {
      const res = await instanceClient(server.baseUrl).post('/auth/login', {
        json: { email, password },
      });
      expect(res.status).toBe(200);
      return res.body.user.role;
    } finally {
      await server.stop();
    }
  }

  beforeAll(async () => {
    db = await ownDatabase('admin_bootstrap');
    // Someone registers the address before the operator first starts with it as ADMIN_EMAIL.
    const server = await bootInstance(db.database.url, 'admin-bootstrap');
    try {
      const res = await instanceClient(server.baseUrl).post('/auth/register', {
        json: { email, password, name: 'Early bird' },
      });
      expect(res.status).toBe(201);
      expect(res.body.user.role).toBe('user');
    } finally {
      await server.stop();
    }
    // Booting on PGlite with a core kept busy: the same deadline as the starters' own server tests.
  }, 240_000);
  afterAll(async () => {
    await db?.release();
  }, 60_000);

  it(
    'is not promoted with a password that is not its own: the server refuses to start',
    { timeout: 240_000 },
    async () => {
      await expect(
        bootInstance(db.database.url, 'admin-bootstrap-refused', {
          ADMIN_EMAIL: email,
          ADMIN_PASSWORD: randomPassword(),
        }),
      ).rejects.toThrow(/exited during start-up[\s\S]*ADMIN_PASSWORD is not its password/);
      expect(await roleOf(await bootInstance(db.database.url, 'admin-bootstrap-after'))).toBe(
        'user',
      );
    },
  );

  it('is promoted when ADMIN_PASSWORD is its password', { timeout: 240_000 }, async () => {
    const server = await bootInstance(db.database.url, 'admin-bootstrap-promoted', {
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
    });
    expect(await roleOf(server)).toBe('admin');
  });
});
