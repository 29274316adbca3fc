import { defineConfig } from 'vitest/config';

// Plain-Node tests: core against real loopback servers and real SQLite files, shared contract, platform adapters
// with a mocked 'electron', the lint rules, and the renderer's store and text helpers (tests/renderer/*.test.ts,
// no DOM). Browser and Electron tests are Playwright's (tests/*.config.ts, tests/renderer/*.spec.ts).
export default defineConfig({
  test: {
    include: ['tests/{core,listen,shared,main,lint,packaging,renderer}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
