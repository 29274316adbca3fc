/** One-off notices from main (recovered database, "still running in the tray") speak the user's language. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { BrowserWindow, Notification, dialog, resetFakeElectron } from './fake-electron';
import { createTranslator } from '../../electron/main/core/i18n';
import type { CoreNotice } from '../../electron/main/core/types';
import { tellCoreNotices, tellStillRunning } from '../../electron/main/platform/notices';

const recovered: CoreNotice = {
  kind: 'database-recovered',
  message:
    'The message database could not be read, so Tidings started a new one. The old file was kept: /d/x.db.corrupt',
  path: '/d/x.db.corrupt',
};
const en = createTranslator('en');
const zh = createTranslator('zh-CN');

beforeEach(() => resetFakeElectron());

describe('core notices', () => {
  it('a visible window gets a dialog, in Chinese when the language is zh-CN', () => {
    const win = new BrowserWindow({});
    win.show();
    tellCoreNotices([recovered], win as never, zh);
    expect(dialog.shown).toEqual([
      [
        win,
        {
          type: 'warning',
          title: 'Tidings',
          message: '无法读取消息数据库，Tidings 已新建了一个。',
          detail: '旧文件保留在：\n/d/x.db.corrupt',
        },
      ],
    ]);
    expect(Notification.shown).toHaveLength(0);
  });

  it('without a visible window it is a notification; in English otherwise', () => {
    tellCoreNotices([recovered], null, en);
    expect(Notification.shown.map((n) => n.options)).toEqual([
      {
        title: 'Tidings',
        body: 'The message database could not be read, so Tidings started a new one. The old file was kept at:\n/d/x.db.corrupt',
      },
    ]);
    expect(dialog.shown).toHaveLength(0);
  });

  it('falls back to a dialog when notifications are unsupported', () => {
    Notification.supported = false;
    tellCoreNotices([recovered], null, zh);
    expect(dialog.shown).toEqual([
      [
        {
          type: 'warning',
          title: 'Tidings',
          message: zh.notice.databaseRecovered,
          detail: zh.notice.keptAt({ path: '/d/x.db.corrupt' }),
        },
      ],
    ]);
  });
});

describe('close-to-tray hint', () => {
  it('is in the language it is given', () => {
    tellStillRunning(zh);
    tellStillRunning(en);
    expect(Notification.shown.map((n) => n.options)).toEqual([
      { title: 'Tidings 仍在运行', body: '订阅源会在后台保持连接。可通过托盘图标打开 Tidings 或退出。' },
      {
        title: 'Tidings is still running',
        body: 'Your feeds stay connected in the background. Use the tray icon to open Tidings or quit.',
      },
    ]);
  });
});
