/** One-off messages to the user from main: a recovered database, "still running in the tray". */
import { Notification, dialog, type BrowserWindow } from 'electron';
import type { CoreNotice } from '../core/types';

function notify(title: string, body: string): boolean {
  if (!Notification.isSupported()) return false;
  new Notification({ title, body }).show();
  return true;
}

/** Core notices (e.g. the database was unreadable, moved aside and replaced): a dialog over the window when it is
 * visible, else a notification. */
export function tellCoreNotices(notices: readonly CoreNotice[], window: BrowserWindow | null): void {
  for (const notice of notices) {
    const detail = `The old file was kept at:\n${notice.path}`;
    if (window && window.isVisible()) {
      void dialog.showMessageBox(window, { type: 'warning', title: 'Tidings', message: notice.message, detail });
    } else if (!notify('Tidings', `${notice.message} ${detail}`)) {
      void dialog.showMessageBox({ type: 'warning', title: 'Tidings', message: notice.message, detail });
    }
  }
}

export function tellStillRunning(): void {
  notify(
    'Tidings is still running',
    'Your feeds stay connected in the background. Use the tray icon to open Tidings or quit.',
  );
}
