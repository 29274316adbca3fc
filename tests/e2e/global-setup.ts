// Before the Electron tests — only when there is an Electron to run them; otherwise they skip with a visible
// reason and this does nothing:
// - builds the app (out/);
// - on Linux, starts a desktop session for the app: a private D-Bus session bus with a notification daemon, a tray
//   (StatusNotifierWatcher) and dbus-monitor recording Notify calls (tests/e2e/desktop-session.ts). The app and the
//   tests find it through DBUS_SESSION_BUS_ADDRESS and TIDINGS_E2E_NOTIFY_LOG.
import { spawnSync } from 'node:child_process';
import { desktopSessionProblem, startDesktopSession } from './desktop-session';
import { findElectronRuntime, projectRoot } from './electron-runtime';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (!findElectronRuntime().executable) return undefined;
  if (process.env.TIDINGS_E2E_SKIP_BUILD !== '1') {
    const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
  }
  const problem = desktopSessionProblem();
  if (problem) {
    process.env.TIDINGS_E2E_NO_SESSION = `no desktop session for notification tests: ${problem}`;
    return undefined;
  }
  const session = await startDesktopSession();
  process.env.DBUS_SESSION_BUS_ADDRESS = session.address;
  process.env.TIDINGS_E2E_NOTIFY_LOG = session.monitorLog;
  console.log(`e2e: desktop session on ${session.address} (notification daemon: ${session.daemon})`);
  return () => session.close();
}
