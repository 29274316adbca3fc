import { defineConfig } from 'vitest/config';

// Plain-Node tests: core against real loopback servers and real SQLite files, shared contract, platform adapters
// with a mocked 'electron', and the lint rules. Browser and Electron tests are Playwright's (tests/*.config.ts).
export default defineConfig({
  test: {
    include: ['tests/{core,listen,shared,main,lint,packaging}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
