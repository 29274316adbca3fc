// Builds the app (out/) before the Electron tests — only when there is an Electron to run it; otherwise the
// tests skip with a visible reason and building would only cost time.
import { spawnSync } from 'node:child_process';
import { findElectronRuntime, projectRoot } from './electron-runtime';

export default function globalSetup(): void {
  if (!findElectronRuntime().executable) return;
  if (process.env.TIDINGS_E2E_SKIP_BUILD === '1') return;
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}
