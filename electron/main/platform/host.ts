/** HostServices for core: the browser, the logs folder, facts about the system, settings that live in the OS. */
import { release, type as osType } from 'node:os';
import { app, clipboard, Notification, shell } from 'electron';
import { invoke } from '../../../shared/ipc/channels';
import type { ApiHandlers } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/domain';
import type { HostServices, Logger } from '../core/types';
import { isSafeExternalUrl } from './external';
import { systemLocale } from './locale';

export interface HostDeps {
  logsDir: string;
  /** The notifications' icon (as the notification service shows them). */
  iconPath?: string;
  applyStartAtLogin(enabled: boolean): void;
  logger: Logger;
  /** The save dialog (platform/save-dialog.ts) attachments are downloaded through. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
}

export function createHostServices(deps: HostDeps): HostServices {
  let startAtLogin: boolean | null = null;
  const shown = new Set<Notification>();
  return {
    async openExternal(url: string): Promise<void> {
      // Core validated it already; check again at the boundary where it would leave the app.
      if (!isSafeExternalUrl(url)) throw new Error('Only http and https links can be opened.');
      await shell.openExternal(url);
    },
    async openLogsFolder(): Promise<void> {
      const problem = await shell.openPath(deps.logsDir);
      if (problem) throw new Error(problem);
    },
    describe(): Record<string, string> {
      return {
        app: app.getVersion(),
        electron: process.versions.electron ?? 'unknown',
        chrome: process.versions.chrome ?? 'unknown',
        node: process.versions.node,
        os: `${osType()} ${release()} (${process.platform}/${process.arch})`,
        locale: app.getLocale(),
        packaged: String(app.isPackaged),
      };
    },
    systemLocale,
    showNotification({ title, body, silent }): boolean {
      // d.ts: `Notification.isSupported()` — "Whether or not desktop notifications are supported on the current system".
      if (!Notification.isSupported()) return false;
      const options =
        deps.iconPath === undefined ? { title, body, silent } : { title, body, silent, icon: deps.iconPath };
      const notification = new Notification(options);
      // Kept until closed, so it is not collected (and its events lost) while on screen.
      shown.add(notification);
      notification.once('close', () => shown.delete(notification));
      notification.show();
      return true;
    },
    ...(deps.chooseSavePath ? { chooseSavePath: deps.chooseSavePath } : {}),
    applySettings(settings: Settings): void {
      if (settings.startAtLogin === startAtLogin) return;
      try {
        deps.applyStartAtLogin(settings.startAtLogin);
        startAtLogin = settings.startAtLogin;
      } catch (error) {
        deps.logger.error('could not change start at login', error);
      }
    },
  };
}

/** "Copy diagnostics" from the tray: the same text the renderer gets, onto the clipboard. */
export async function copyDiagnostics(handlers: Pick<ApiHandlers, typeof invoke.appDiagnostics>): Promise<boolean> {
  const result = await handlers[invoke.appDiagnostics](undefined);
  if (!result.ok) return false;
  clipboard.writeText(result.data);
  return true;
}
