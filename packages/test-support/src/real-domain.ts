import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createDomain, type Domain } from '@rosetta/domain';

/**
 * A real domain on in-memory PGlite, opened once for the calling test file and closed after it, for
 * wiring tests that need what only a database does. Signs tokens with `jwtSecret`.
 */
export function useRealDomain(jwtSecret: string): { readonly domain: Domain } {
  const holder = {} as { domain: Domain };
  // PGlite starts from WASM and runs every migration: a second or two alone, but a busy machine ran
  // it past a minute (one core spun, npm test's other tasks and a load test beside it).
  beforeAll(async () => {
    holder.domain = await createDomain({ embeddedDataDir: 'memory://', jwtSecret });
  }, 240_000);
  afterAll(async () => {
    await holder.domain?.close();
  });
  return holder;
}

/** Registration input that no other test, run or database row shares; `label` names who made it. */
export function uniqueAccount(label: string) {
  return {
    email: `${label.toLowerCase()}-${randomUUID()}@rosetta.test`,
    password: 'a-long-password',
    name: `${label} Test`,
  };
}
