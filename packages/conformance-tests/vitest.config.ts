import { defineConfig } from 'vitest/config';

// The harness's own unit tests. The conformance suite (test/) needs a target and runs through the CLI.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    allowOnly: false,
    // Some start PGlite or real sockets: several seconds each on a busy 2-core machine, not one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
