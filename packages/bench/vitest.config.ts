import { defineConfig } from 'vitest/config';

// Unit tests of the bench's pure parts: statistics, ratios, result shaping, arguments, the table.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    allowOnly: false,
    // Fixed work, but a 2-core machine running the whole suite with a core kept busy is slow at it.
    testTimeout: 60_000,
  },
});
