#!/usr/bin/env node
// `npm test`: every check, in order, with one closing line `tests: N passed, N failed, N skipped`.
// lint → type-check → build → vitest (core, shared, main adapters, lint rules) → Playwright in Chromium (renderer)
// → Playwright _electron (end to end; skips with a visible reason when the Electron binary is absent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const reports = join(root, 'tests/artifacts/reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const okay = result.status === 0;
  console.log(`=== ${name}: ${okay ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`);
  if (!okay) failedSteps.push(name);
  return okay;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const npx = (bin) => join(root, 'node_modules/.bin', bin);
const hasXvfb = () => spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;

// Static checks count as one test each, so a lint or type error is a visible failure in the closing line.
for (const [name, script] of [
  ['lint', 'lint'],
  ['typecheck', 'typecheck'],
  ['build', 'build'],
]) {
  if (run(name, 'npm', ['run', '--silent', script])) totals.passed += 1;
  else totals.failed += 1;
}

const vitestReport = join(reports, 'vitest.json');
run('vitest', npx('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const v = readJson(vitestReport);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else if (!failedSteps.includes('vitest')) failedSteps.push('vitest (no report)');

for (const [name, config] of [
  ['renderer (Chromium)', 'tests/playwright.renderer.config.ts'],
  ['e2e (Electron)', 'tests/playwright.e2e.config.ts'],
]) {
  if (!existsSync(join(root, config))) {
    console.log(`\n=== ${name}: ${config} missing`);
    failedSteps.push(`${name} (config missing)`);
    totals.failed += 1;
    continue;
  }
  const out = join(reports, `${name.split(' ')[0]}.json`);
  const args = ['test', '-c', config, '--reporter=list,json'];
  const env = { PLAYWRIGHT_JSON_OUTPUT_NAME: out };
  // A real Electron window needs a display: on a headless Linux machine, run the e2e suite under xvfb-run.
  if (
    name.startsWith('e2e') &&
    process.platform === 'linux' &&
    !process.env.DISPLAY &&
    !process.env.WAYLAND_DISPLAY &&
    hasXvfb()
  ) {
    run(name, 'xvfb-run', ['-a', npx('playwright'), ...args], env);
  } else run(name, npx('playwright'), args, env);
  const p = readJson(out);
  if (p?.stats) {
    totals.passed += p.stats.expected + (p.stats.flaky ?? 0);
    totals.failed += p.stats.unexpected;
    totals.skipped += p.stats.skipped;
    // Say why tests were skipped, so a skip is never silent.
    const reasons = new Set();
    const walk = (suite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? [])
          for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) reasons.add(a.description);
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const s of p.suites ?? []) walk(s);
    for (const reason of reasons) console.log(`=== ${name}: skipped — ${reason}`);
  } else if (!failedSteps.includes(name)) failedSteps.push(`${name} (no report)`);
}

console.log('');
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
