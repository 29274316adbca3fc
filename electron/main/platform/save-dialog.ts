/**
 * "Download" of an attachment asks where to save it: Electron's save dialog, attached to the window when there is
 * one (electron.d.ts `dialog.showSaveDialog([window, ]options)`: "The `window` argument allows the dialog to
 * attach itself to a parent window, making it modal"), starting in the Downloads folder with the suggested name.
 * It resolves `{ canceled, filePath }`, and "if the dialog is canceled, [filePath] will be an empty string".
 */
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

export function createSaveDialog(
  window: () => BrowserWindow | null,
): (suggestedName: string) => Promise<string | null> {
  return async (suggestedName) => {
    const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
    const parent = window();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || result.filePath === '' ? null : result.filePath;
  };
}
