import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests: Debian's Chromium drives the built renderer,
 * served by the test bridge (src-main/bridge) over a real workspace.
 * Run `npm run build` first (npm test does).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-output/e2e-results',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
});
