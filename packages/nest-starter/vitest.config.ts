import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Closes the Nest apps each test file made.
    setupFiles: ['test/support/setup.ts'],
    // Embedded PGlite takes several seconds to start, more when test files start it side by side.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
