import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Embedded PGlite takes several seconds to start, more when test files start it side by side.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
