/**
 * Finds the Electron runtime binary WITHOUT importing 'electron' (its index.js tries to download the binary when
 * it is missing). The npm package writes node_modules/electron/path.txt and unpacks the binary under dist/ in its
 * postinstall; either may be absent on machines that cannot reach GitHub.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '../..');

export interface ElectronRuntime {
  /** Absolute path of the executable, or null when it is not installed. */
  executable: string | null;
  /** Why it is missing (empty when present). */
  reason: string;
}

export const MISSING_REASON =
  'Electron runtime binary not installed (node_modules/electron/dist missing; it downloads from GitHub on first `npm start`)';

export function findElectronRuntime(root = projectRoot): ElectronRuntime {
  const pkg = join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let relative: string | null;
  try {
    relative = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  if (override) {
    const executable = join(override, relative || 'electron');
    return existsSync(executable) ? { executable, reason: '' } : { executable: null, reason: MISSING_REASON };
  }
  if (!relative) return { executable: null, reason: MISSING_REASON };
  const executable = join(pkg, 'dist', relative);
  return existsSync(executable) ? { executable, reason: '' } : { executable: null, reason: MISSING_REASON };
}
