import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import type { ApiClient, ApiResponse } from '../../src/client.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectProblem } from '../support/problems.js';

const MAX = 3;

function expectRateLimited(res: ApiResponse): void {
  expectProblem(res, 429, 'rate_limited');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

// A small per-account budget, and a window no slow machine outlasts, need an instance of their own.
// Every request comes from a client (an address) of its own, so the per-client limit never bites.
describe.runIf(capabilities.bootable)('the per-account limit', () => {
  let db: OwnDatabase;

  /** Boots an instance with the small budget; `env` adds to its settings. */
  function boot(label: string, env: Record<string, string> = {}): Promise<BootedServer> {
    return bootInstance(db.database.url, label, {
      ACCOUNT_RATE_LIMIT_MAX: String(MAX),
      ACCOUNT_RATE_LIMIT_WINDOW_SECONDS: '600',
      ...env,
    });
  }

  async function register(server: BootedServer) {
    const email = uniqueEmail('account-limit');
    const password = randomPassword();
    const res = await instanceClient(server.baseUrl).post('/auth/register', {
      json: { email, password, name: 'Limited' },
    });
    expect(res.status).toBe(201);
    const api: ApiClient = instanceClient(server.baseUrl, { token: res.body.accessToken });
    return { email, password, api };
  }

  const login = (server: BootedServer, email: string, password: string) =>
    instanceClient(server.baseUrl).post('/auth/login', { json: { email, password } });

  beforeAll(async () => {
    db = await ownDatabase('account_limit');
  }, 60_000);
  afterAll(async () => {
    await db?.release();
  }, 60_000);

  describe('with counts in memory', () => {
    let server: BootedServer;
    beforeAll(async () => {
      server = await boot('account-limit');
      // Booting on PGlite with a core kept busy: the same deadline as the starters' own server tests.
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
    }, 60_000);

    it('answers 429 to sign-ins at one email from every client once it has failed too often', async () => {
      const victim = await register(server);
      for (let i = 0; i < MAX; i++) {
        expect((await login(server, victim.email, 'wrong-password')).status).toBe(401);
      }
      // Even the right password, from yet another address: the account is closed for the window.
      expectRateLimited(await login(server, victim.email, victim.password));
      // Another account is not.
      const other = await register(server);
      expect((await login(server, other.email, other.password)).status).toBe(200);
    });

    it('starts the count again after a successful sign-in', async () => {
      const user = await register(server);
      for (let i = 0; i < MAX - 1; i++) {
        expect((await login(server, user.email, 'wrong-password')).status).toBe(401);
      }
      expect((await login(server, user.email, user.password)).status).toBe(200);
      for (let i = 0; i < MAX; i++) {
        expect((await login(server, user.email, 'wrong-password')).status).toBe(401);
      }
      expectRateLimited(await login(server, user.email, user.password));
    });

    it('answers 429 to PATCH /users/me once the current password was wrong too often, and keeps the old one', async () => {
      const user = await register(server);
      const change = (currentPassword: string) =>
        user.api.patch('/users/me', { json: { password: randomPassword(), currentPassword } });
      for (let i = 0; i < MAX; i++) {
        expectProblem(await change('wrong-password'), 403, 'current_password_incorrect');
      }
      expectRateLimited(await change(user.password));
      expect((await login(server, user.email, user.password)).status).toBe(200);
    });
  });

  // Nothing listens on port 1 of loopback: Redis is configured, and down for the whole test.
  describe('with REDIS_URL set and Redis down', () => {
    let server: BootedServer;
    beforeAll(async () => {
      server = await boot('account-limit-no-redis', { REDIS_URL: 'redis://127.0.0.1:1' });
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
    }, 60_000);

    it('still holds, counting in memory', async () => {
      const victim = await register(server);
      for (let i = 0; i < MAX; i++) {
        expect((await login(server, victim.email, 'wrong-password')).status).toBe(401);
      }
      expectRateLimited(await login(server, victim.email, victim.password));
    });
  });
});
