import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    allowOnly: false,
    // Compiling every operation's schemas under strict Ajv is a fixed amount of work that took 5.7 s
    // on a 2-core machine running the whole suite with one core kept busy: past Vitest's default 5 s.
    testTimeout: 60_000,
  },
});
