import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'tests/servers/**/*.test.ts', 'tests/support/**/*.test.ts'],
    // One local Bluesky network (PLC + PDS + AppView on PostgreSQL) for the whole run, started
    // on first use: see tests/support/bluesky-global-setup.ts.
    globalSetup: ['tests/support/bluesky-global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
