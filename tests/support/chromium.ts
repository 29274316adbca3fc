/**
 * How the browser tests and bench:ui launch Chromium: Debian's /usr/bin/chromium (or CHROMIUM_PATH) where it
 * exists, else Playwright's own browser where one was installed (`npx playwright install chromium`). Flags: no
 * sandbox (CI runs as root), no GPU, and none of Chromium's background traffic (this network is closed).
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = {
  ...(existsSync(candidate) ? { executablePath: candidate } : {}),
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
