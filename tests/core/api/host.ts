import type { Settings } from '../../../shared/domain';
import type { HostServices } from '../../../electron/main/core/types';

/** A recording HostServices: the Electron-side services core calls out to. */
export function recordingHost(): HostServices & {
  opened: string[];
  logsOpened: number;
  applied: Settings[];
} {
  const host = {
    opened: [] as string[],
    logsOpened: 0,
    applied: [] as Settings[],
    async openExternal(url: string) {
      host.opened.push(url);
    },
    async openLogsFolder() {
      host.logsOpened++;
    },
    describe: () => ({ Electron: 'test', OS: 'test-os 1.0' }),
    systemLocale: () => 'en-GB',
    applySettings(settings: Settings) {
      host.applied.push(settings);
    },
  };
  return host;
}

/** Polls until `check` passes (bounded). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
