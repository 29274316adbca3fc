/** One-off messages to the user from main: a recovered database, "still running in the tray"; in their language. */
import { Notification, dialog, type BrowserWindow } from 'electron';
import type { Translator } from '../core/i18n';
import type { CoreNotice } from '../core/types';
import type { CloseChoice, CloseHintKind } from './window';

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

/** After the first close: where Tidings went and how to get the window back. */
export function tellStillRunning(t: Translator, kind: CloseHintKind = 'tray'): void {
  const body = { tray: t.closeHint.body, minimised: t.closeHint.bodyMinimised, reopen: t.closeHint.bodyReopen }[kind];
  notify(t.closeHint.title, body);
}

/** The first close where there may be no tray: keep running in the background, or quit? */
export async function askKeepRunning(window: BrowserWindow | null, t: Translator): Promise<CloseChoice> {
  const options = {
    type: 'question' as const,
    title: t.appName,
    message: t.closeAsk.message,
    detail: t.closeAsk.detail,
    buttons: [t.closeAsk.keep, t.closeAsk.quit],
    defaultId: 0,
    cancelId: 0,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 1 ? 'quit' : 'background';
}
