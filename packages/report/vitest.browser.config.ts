import { defineConfig } from 'vitest/config';

// The report in headless Chromium: needs real results and a built package (see README).
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts'],
    allowOnly: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
