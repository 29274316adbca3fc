/**
 * `npm run lint` checks formatting too (Prettier, `.prettierrc.json`): a planted unformatted file makes the
 * `lint` script exit non-zero, and the same file once formatted passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(root, 'electron/main/core/.format-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function prettierCheck(file: string): number | null {
  const bin = join(root, 'node_modules/.bin/prettier');
  return spawnSync(bin, ['--check', file], { cwd: root, stdio: 'ignore' }).status;
}

describe('formatting is part of lint', () => {
  it('the lint script runs prettier --check over the tree', async () => {
    const pkg = (await import('../../package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toMatch(/prettier --check \./);
  });

  it('rejects unformatted code and accepts it once formatted', () => {
    const file = join(dir, 'planted.ts');
    writeFileSync(file, 'export const  a = {b:1,\n c:"two"}\n');
    expect(prettierCheck(file)).toBe(1);
    writeFileSync(file, "export const a = { b: 1, c: 'two' };\n");
    expect(prettierCheck(file)).toBe(0);
  });
});
