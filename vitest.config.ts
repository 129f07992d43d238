import { defineConfig } from 'vitest/config';

/**
 * Three projects, one runner: `unit` (pure code and components, beside the code), `integration` (real Aedes and
 * Mosquitto brokers, feeds, history service, in Node) and `e2e` (the built app in Debian Chromium through
 * playwright-core). `npm test` runs all three through tests/run-all.mjs, which prints the closing "N passed, N failed".
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'mock-feeds/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
