import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDomain, type Domain } from '@rosetta/domain';
import { TEST_JWT_SECRET } from './app.js';

/** A real domain on in-memory PGlite, opened once for the calling test file and closed after it. */
export function useRealDomain(): { readonly domain: Domain } {
  const holder = {} as { domain: Domain };
  beforeAll(async () => {
    holder.domain = await createDomain({
      embeddedDataDir: 'memory://',
      jwtSecret: TEST_JWT_SECRET,
    });
  });
  afterAll(async () => {
    await holder.domain?.close();
  });
  return holder;
}

/** Registration input that no other test, run or database row shares. */
export function uniqueAccount() {
  return {
    email: `nest-${randomUUID()}@rosetta.test`,
    password: 'a-long-password',
    name: 'Nest Test',
  };
}
