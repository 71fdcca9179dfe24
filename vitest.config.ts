import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

// Vitest's projects: "unit" (pure domain, editor and server units), "data" (src/data's modules
// as the app runs them, against a local stack), "contract" (server/ driven through supabase-js)
// and "faults" (`npm run test:faults`: the server killed, restarted and cut off from its database
// under a stream of saves).
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.{ts,tsx}', 'server/**/*.unit.test.ts', 'scripts/**/*.test.ts'],
            exclude: ['src/data/**'],
            environment: 'node',
            // Some hooks boot an embedded Postgres; on a busy machine that alone can take seconds.
            hookTimeout: 60_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'data',
            include: ['src/data/**/*.test.ts'],
            environment: 'node',
            // One stack for the project, as the contract suite starts it; each file signs in its own users.
            globalSetup: ['server/test/global-setup.ts'],
            setupFiles: ['src/data/test-setup.ts'],
            testTimeout: 30_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
        {
          extends: true,
          test: {
            name: 'contract',
            include: ['server/test/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['server/test/global-setup.ts'],
            testTimeout: 30_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
        {
          extends: true,
          test: {
            name: 'faults',
            include: ['server/faults/**/*.test.ts'],
            environment: 'node',
            testTimeout: 600_000,
            hookTimeout: 300_000,
            fileParallelism: false,
          },
        },
      ],
    },
  }),
);
