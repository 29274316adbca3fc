import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MISSING_REASON, findElectronRuntime } from '../e2e/electron-runtime';

let root: string;
const savedOverride = process.env.ELECTRON_OVERRIDE_DIST_PATH;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tidings-runtime-'));
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  if (savedOverride === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = savedOverride;
});

describe('Electron runtime detection for the e2e tests (no import of electron)', () => {
  it('reports missing when path.txt is absent, or names a file that dist/ does not have', () => {
    expect(findElectronRuntime(root)).toEqual({ executable: null, reason: MISSING_REASON });
    writeFileSync(join(root, 'node_modules/electron/path.txt'), 'electron');
    expect(findElectronRuntime(root).executable).toBeNull();
  });

  it('finds dist/<path.txt> when it exists', () => {
    writeFileSync(join(root, 'node_modules/electron/path.txt'), 'electron');
    mkdirSync(join(root, 'node_modules/electron/dist'));
    writeFileSync(join(root, 'node_modules/electron/dist/electron'), '');
    expect(findElectronRuntime(root)).toEqual({
      executable: join(root, 'node_modules/electron/dist/electron'),
      reason: '',
    });
  });

  it('this checkout: matches whether the binary is really there', () => {
    const found = findElectronRuntime();
    expect(found.executable === null).toBe(found.reason === MISSING_REASON);
  });
});
