import { defineConfig } from '@playwright/test';

// End to end: Playwright's _electron drives the real built app (package.json "main" → out/main/index.js) with a
// temporary profile (TIDINGS_USER_DATA), fed by the loopback SSE test server. Skips with a visible reason when the
// Electron runtime binary is absent (detected without importing 'electron').
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './artifacts/e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
