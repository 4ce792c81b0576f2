import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    allowOnly: false,
    // Compiling the Kubernetes API's schemas is seconds of CPU: on a busy machine, many more.
    testTimeout: 120_000,
  },
});
