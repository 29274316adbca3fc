import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium';

// The built renderer (npm run build → out/renderer) in Debian's Chromium, its window.api bound to the real core
// through the web harness (tests/support/web-harness), fed by the loopback SSE test server.
export default defineConfig({
  testDir: './renderer',
  testMatch: '**/*.spec.ts',
  outputDir: './artifacts/renderer',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
