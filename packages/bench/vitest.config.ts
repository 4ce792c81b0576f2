import { defineConfig } from 'vitest/config';

// Unit tests of the bench's pure parts: statistics, ratios, result shaping, arguments, the table.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    allowOnly: false,
  },
});
