/**
 * English texts the main process shows (tray, native notifications, notices, dialogs). A typed function table:
 * parameters are checked by the compiler, and English plurals come from Intl.PluralRules.
 */

/** Every text main shows. zh-CN must provide the same entries (the compiler and tests/core/i18n check it). */
export interface MainStrings {
  appName: string;
  tray: {
    open: string;
    pauseAll: string;
    resumeAll: string;
    dnd: string;
    dndHour: string;
    dndTomorrow: string;
    dndOff: string;
    reconnectAll: string;
    openLogs: string;
    copyDiagnostics: string;
    quit: string;
  };
  tooltip: {
    paused: string;
    dnd: string;
    failing(p: { count: number }): string;
    unread(p: { count: number }): string;
    noUnread: string;
    /** The app name followed by the parts of the state, e.g. "Tidings — paused · 3 unread". */
    compose(p: { parts: readonly string[] }): string;
  };
  notify: {
    /** A burst from one feed collapsed into one notification. */
    digestBody(p: { count: number; feed: string }): string;
    /** Events replayed after a resume. */
    backfillBody(p: { count: number }): string;
  };
  closeHint: {
    title: string;
    /** Hidden to the tray. */
    body: string;
    /** No tray on this desktop: minimised instead. */
    bodyMinimised: string;
    /** Hidden, and there may be no tray: how to get the window back. */
    bodyReopen: string;
  };
  /** The first close where it cannot be told whether the desktop shows tray icons. */
  closeAsk: { message: string; detail: string; keep: string; quit: string };
  notice: {
    databaseRecovered: string;
    keptAt(p: { path: string }): string;
  };
  startupFailed: string;
}

const plural = new Intl.PluralRules('en');
const number = new Intl.NumberFormat('en');
/** "1 message", "2 messages", "1,024 messages". */
const counted = (count: number, one: string, other: string): string =>
  `${number.format(count)} ${plural.select(count) === 'one' ? one : other}`;

export const en: MainStrings = {
  appName: 'Tidings',
  tray: {
    open: 'Open Tidings',
    pauseAll: 'Pause all',
    resumeAll: 'Resume all',
    dnd: 'Do not disturb',
    dndHour: 'For 1 hour',
    dndTomorrow: 'Until tomorrow morning',
    dndOff: 'Off',
    reconnectAll: 'Reconnect all',
    openLogs: 'Open logs folder',
    copyDiagnostics: 'Copy diagnostics',
    quit: 'Quit Tidings',
  },
  tooltip: {
    paused: 'paused',
    dnd: 'do not disturb',
    failing: ({ count }) => `${counted(count, 'feed', 'feeds')} failing`,
    unread: ({ count }) => `${number.format(count)} unread`,
    noUnread: 'no unread messages',
    compose: ({ parts }) => `Tidings — ${parts.join(' · ')}`,
  },
  notify: {
    digestBody: ({ count, feed }) => `${counted(count, 'new message', 'new messages')} from ${feed}`,
    backfillBody: ({ count }) => `${counted(count, 'message', 'messages')} while you were away`,
  },
  closeHint: {
    title: 'Tidings is still running',
    body: 'Your feeds stay connected in the background. Use the tray icon to open Tidings or quit.',
    bodyMinimised:
      'This desktop shows no tray icons, so the window was minimised: your feeds stay connected. Turn off ' +
      '“Close to tray” in Settings to quit when you close the window.',
    bodyReopen:
      'Your feeds stay connected in the background. To open the window again, start Tidings again ' +
      '(from your applications menu, or run `tidings`).',
  },
  closeAsk: {
    message: 'Keep Tidings running in the background?',
    detail:
      'Your feeds stay connected and notifications keep coming. If your desktop shows no Tidings icon in the ' +
      'tray, start Tidings again to reopen the window.',
    keep: 'Keep running',
    quit: 'Quit',
  },
  notice: {
    databaseRecovered: 'The message database could not be read, so Tidings started a new one.',
    keptAt: ({ path }) => `The old file was kept at:\n${path}`,
  },
  startupFailed: 'Tidings could not start',
};
