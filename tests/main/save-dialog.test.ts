/**
 * The save dialog attachments are downloaded through, against the fake's model of `dialog.showSaveDialog`
 * (`{ canceled, filePath }`, an empty filePath when cancelled): attached to the window when there is one, starting
 * in Downloads with the suggested name, null on Cancel.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { app, BrowserWindow, dialog, resetFakeElectron } from './fake-electron';
import { createSaveDialog } from '../../electron/main/platform/save-dialog';
import { createHostServices } from '../../electron/main/platform/host';
import { silentLogger } from './stub-core';

beforeEach(() => {
  resetFakeElectron();
  app.setPath('downloads', '/home/u/Downloads');
});

describe('save dialog', () => {
  it('asks attached to the window, in Downloads with the suggested name, and answers the chosen path', async () => {
    const win = new BrowserWindow({});
    const choose = createSaveDialog(() => win as never);
    dialog.saveAnswers.push('/home/u/Desktop/report.pdf');
    await expect(choose('report.pdf')).resolves.toBe('/home/u/Desktop/report.pdf');
    expect(dialog.saves).toEqual([{ parent: win, options: { defaultPath: '/home/u/Downloads/report.pdf' } }]);
  });

  it('answers null when the user cancels, and works without a window', async () => {
    const choose = createSaveDialog(() => null);
    await expect(choose('a.txt')).resolves.toBeNull();
    expect(dialog.saves).toEqual([{ parent: null, options: { defaultPath: '/home/u/Downloads/a.txt' } }]);
  });

  it('is offered to core as HostServices.chooseSavePath', async () => {
    const host = createHostServices({
      logsDir: '/l',
      applyStartAtLogin: () => {},
      logger: silentLogger,
      chooseSavePath: createSaveDialog(() => null),
    });
    dialog.saveAnswers.push('/tmp/x.bin');
    await expect(host.chooseSavePath?.('x.bin')).resolves.toBe('/tmp/x.bin');
    expect(
      createHostServices({ logsDir: '/l', applyStartAtLogin: () => {}, logger: silentLogger }).chooseSavePath,
    ).toBe(undefined);
  });
});
