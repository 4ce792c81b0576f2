import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDomain, type Domain, type Principal } from '../../src/index.js';
import { freshDatabase } from './test-database.js';

export const JWT_SECRET = 'test-secret-that-is-long-enough-to-be-real';
export const ADMIN = { email: 'admin@rosetta.test', password: 'admin-password-1' };

/** Boots one domain on a fresh database for the calling test file and tears it down afterwards. */
export function useDomain(): { readonly domain: Domain; readonly url: string | undefined } {
  const state: { domain?: Domain; url?: string | undefined; drop?: () => Promise<void> } = {};
  beforeAll(async () => {
    const db = await freshDatabase();
    state.url = db.url;
    state.drop = db.drop;
    state.domain = await createDomain({
      databaseUrl: db.url,
      embeddedDataDir: 'memory://',
      jwtSecret: JWT_SECRET,
      admin: ADMIN,
    });
    // Starting PGlite alone took 9 s on a loaded 2-core machine; migrating and the admin's hash follow.
  }, 120_000);
  afterAll(async () => {
    await state.domain?.close();
    await state.drop?.();
  });
  return {
    get domain() {
      if (!state.domain) throw new Error('The domain is not ready yet');
      return state.domain;
    },
    get url() {
      return state.url;
    },
  };
}

/** Registers a new user with a unique email and returns its session and principal. */
export async function newUser(domain: Domain, name = 'Test User') {
  const email = `user-${randomUUID()}@rosetta.test`;
  const password = 'correct-horse-battery';
  const session = await domain.auth.register({ email, password, name });
  const principal: Principal = await domain.auth.authenticate(session.accessToken);
  return { email, password, session, principal };
}
