/**
 * Who the app is to Windows' notification system, set before anything is shown.
 *
 * - AppUserModelId: a toast is shown only for an AUMID that has a Start Menu shortcut. The installer's shortcut
 *   carries the app id; in development (`npm start`) there is none for it, and Electron's notifications tutorial
 *   has you pin electron.exe to Start and use `app.setAppUserModelId(process.execPath)`.
 * - Toast activator CLSID: Windows starts/activates the app through it when a toast in the Action Center is
 *   clicked. "If this method is never called, a random CLSID is generated once per run" (electron.d.ts), and the
 *   toasts of an earlier run could not be routed back; so it is fixed, and "should be called early (before showing
 *   notifications) so the value is baked into the registration/shortcut".
 */
import { app } from 'electron';

export const APP_ID = 'dev.tidings.app';
export const TOAST_ACTIVATOR_CLSID = '{CE90B522-C5F8-4793-8521-F34A7C08F21B}';

export function setupAppIdentity(platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') return;
  app.setAppUserModelId(app.isPackaged ? APP_ID : process.execPath);
  app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
}
