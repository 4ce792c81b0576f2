import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Embedded PGlite takes seconds to start (9 s seen on a loaded 2-core machine), and a test that
    // hashes a few passwords with Argon2 takes seconds there too, not Vitest's default 5.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
