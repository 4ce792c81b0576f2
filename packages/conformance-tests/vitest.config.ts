import { defineConfig } from 'vitest/config';

// The harness's own unit tests. The conformance suite (test/) needs a target and runs through the CLI.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    allowOnly: false,
  },
});
