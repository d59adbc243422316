import { defineConfig } from '@playwright/test';

/** Debian's Chromium, never a downloaded browser. */
export const chromiumPath = process.env.BRAID_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  outputDir: 'test-results',
  reporter: [['list'], ['./tests/support/skip-reporter.ts']],
  forbidOnly: true,
  workers: 1,
  timeout: 30_000,
  projects: [
    {
      name: 'browser-host',
      testDir: 'tests/e2e',
      use: { browserName: 'chromium', launchOptions: { executablePath: chromiumPath, args: chromiumArgs } },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
