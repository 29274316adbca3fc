/** One-off messages to the user from main: a recovered database, "still running in the tray"; in their language. */
import { Notification, dialog, type BrowserWindow } from 'electron';
import type { Translator } from '../core/i18n';
import type { CoreNotice } from '../core/types';

function notify(title: string, body: string): boolean {
  if (!Notification.isSupported()) return false;
  new Notification({ title, body }).show();
  return true;
}

/** The notice in the user's language (core's own `message` is English, for the log and diagnostics). */
export function describeNotice(notice: CoreNotice, t: Translator): { message: string; detail: string } {
  switch (notice.kind) {
    case 'database-recovered':
      return { message: t.notice.databaseRecovered, detail: t.notice.keptAt({ path: notice.path }) };
  }
}

/** Core notices (e.g. the database was unreadable, moved aside and replaced): a dialog over the window when it is
 * visible, else a notification. */
export function tellCoreNotices(notices: readonly CoreNotice[], window: BrowserWindow | null, t: Translator): void {
  for (const notice of notices) {
    const { message, detail } = describeNotice(notice, t);
    if (window && window.isVisible()) {
      void dialog.showMessageBox(window, { type: 'warning', title: t.appName, message, detail });
    } else if (!notify(t.appName, `${message} ${detail}`)) {
      void dialog.showMessageBox({ type: 'warning', title: t.appName, message, detail });
    }
  }
}

export function tellStillRunning(t: Translator): void {
  notify(t.closeHint.title, t.closeHint.body);
}
