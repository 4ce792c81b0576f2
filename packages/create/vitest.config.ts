import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each generated project installs from the registry, builds, and runs its whole test suite.
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
    // Two generated projects at once use both cores of a small machine without starving either.
    maxConcurrency: 2,
  },
});
