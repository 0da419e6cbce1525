import { defineConfig } from 'vitest/config';

// Three projects: fast pure tests, tests against real processes/files/sockets,
// and browser end-to-end tests in headless Chromium. `npm test` runs them all.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 10_000, interval: 50 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A page reacting to a key press on a loaded 2-core CI machine can take over the
          // 1 s default; polls still end as soon as the page is right.
          expect: { poll: { timeout: 10_000, interval: 100 } },
        },
      },
    ],
  },
});
