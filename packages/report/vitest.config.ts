import { defineConfig } from 'vitest/config';

// The fast unit tests: counting, shaping, HTML from fixtures. The browser test has its own config.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.browser.test.ts'],
    allowOnly: false,
    // Fixed work, but a 2-core machine running the whole suite with a core kept busy is slow at it.
    testTimeout: 60_000,
  },
});
