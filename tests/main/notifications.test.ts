import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import {
  type BrowserWindow,
  Notification,
  app,
  resetFakeElectron,
  restartApp,
  restoreRealPlatform,
} from './fake-electron';
import { setupAppIdentity, TOAST_ACTIVATOR_CLSID, APP_ID } from '../../electron/main/platform/identity';
import { translatorFor } from '../../electron/main/core/i18n';
import { NotificationPolicy, type NotificationDecision } from '../../electron/main/core/notify/policy';
import { emptyMapped } from '../../electron/main/core/profiles/fields';
import {
  KEEP_ALIVE,
  createNotificationService,
  parseToastLaunch,
  toastLaunchArgument,
  toastXml,
  type NotificationService,
} from '../../electron/main/platform/notifications';
import { feed, message } from '../core/notify/fixtures';
import { createStubCore, silentLogger, type StubCore } from './stub-core';
import { testWindowService } from './window-service';

let core: StubCore;
let service: NotificationService;
let win: BrowserWindow;
/** URLs a view button asked to open. */
let openedUrls: string[] = [];

/** Wires notifications to a real window service exactly like the composition root does. */
function start() {
  const windows = testWindowService();
  win = windows.ensure() as unknown as BrowserWindow;
  win.webContents.finishLoad();
  service = createNotificationService({
    core,
    policy: new NotificationPolicy({
      clock: { now: () => Date.now() },
      settleMs: 1_000,
      strings: translatorFor(
        () => core.settings(),
        () => 'en-US',
      ),
    }),
    clock: { now: () => Date.now() },
    logger: silentLogger,
    openMessage: (target) => {
      windows.show();
      windows.sendWhenReady('tidings:push:navigate', target);
    },
    openUrl: (url) => openedUrls.push(url),
  });
}

function decisionFor(i: number): NotificationDecision {
  return { kind: 'message', feedId: 'f1', messageId: i + 1, title: 'Orders', body: `order ${i}`, count: 1 };
}

/** Lets the deferred (setImmediate) policy run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(() => {
  resetFakeElectron();
  openedUrls = [];
  core = createStubCore();
  core.state.feeds = [feed('f1', 'Orders'), feed('f2', 'Builds', { mode: 'off' })];
});
afterEach(() => {
  service?.dispose();
  vi.useRealTimers();
  restoreRealPlatform();
});

describe('native notifications', () => {
  it('shows one notification per message with feed name (+ event type) as title and the summary as body', async () => {
    start();
    core.emitStored([
      message('f1', '{"title":"Order 7","message":"shipped"}', { type: 'newOrder' }),
      message('f2', 'muted feed'),
    ]);
    await settle();
    expect(Notification.shown.map((n) => n.options)).toEqual([
      { title: 'Orders · newOrder', body: 'Order 7: shipped' },
    ]);
  });

  it('an urgent message (priority 5) asks for the OS urgent level: critical urgency, never times out', async () => {
    start();
    const fields = { ...emptyMapped(), title: 'Disk', body: 'full', priority: 5 as const };
    core.emitStored([message('f1', 'raw', { fields }), message('f1', 'normal')]);
    await settle();
    expect(Notification.shown.map((n) => n.options)).toEqual([
      { title: 'Orders: Disk', body: 'full', urgency: 'critical', timeoutType: 'never' },
      { title: 'Orders', body: 'normal' },
    ]);
    expect(toastXml({ ...decisionFor(0), urgent: true })).toContain('scenario="reminder"');
    expect(toastXml(decisionFor(0))).not.toContain('scenario');
  });

  it('never runs on the ingest path: the stored callback returns before anything is shown', () => {
    start();
    core.emitStored([message('f1', 'hello')]);
    expect(Notification.shown).toHaveLength(0);
  });

  it('a click shows the hidden window and pushes navigate with the message and feed', async () => {
    start();
    const m = message('f1', 'click me');
    core.emitStored([m]);
    await settle();
    expect(win.isVisible()).toBe(false);
    Notification.shown[0]!.emit('click');
    expect(win.isVisible()).toBe(true);
    expect(win.focused).toBe(true);
    expect(win.webContents.sent).toEqual([
      { channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1' } },
    ]);
  });

  it('a notification that closed (a Windows toast timing out into the Action Center) stays held and clickable', async () => {
    start();
    const m = message('f1', 'later');
    core.emitStored([m]);
    await settle();
    const shown = Notification.shown[0]!;
    shown.emit('close', {});
    // Released here, Electron would garbage-collect it and a click from the Action Center would do nothing.
    expect(service.held()).toBe(1);
    shown.emit('click');
    expect(service.held()).toBe(0);
    expect(win.webContents.sent).toEqual([
      { channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1' } },
    ]);
  });

  it('holds at most KEEP_ALIVE notifications, dropping the oldest', async () => {
    start();
    for (let i = 0; i < KEEP_ALIVE + 5; i += 1) service.show(decisionFor(i));
    expect(Notification.shown).toHaveLength(KEEP_ALIVE + 5);
    expect(service.held()).toBe(KEEP_ALIVE);
    service.dispose();
    expect(service.held()).toBe(0);
  });

  it('releases a held digest on a timer and routes its click to the newest message', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    start();
    const burst = Array.from({ length: 8 }, (_, i) => message('f1', `order ${i}`));
    core.emitStored(burst);
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1), { timeout: 1000 });
    expect(Notification.shown).toHaveLength(0);
    vi.advanceTimersByTime(1_000);
    expect(Notification.shown.map((n) => n.options)).toEqual([{ title: 'Orders', body: '8 new messages from Orders' }]);
    Notification.shown[0]!.emit('click');
    expect(win.webContents.sent.at(-1)?.payload).toEqual({ messageId: burst[7]!.id, feedId: 'f1' });
  });

  it('digests are in Simplified Chinese when the language is zh-CN, and in English again after switching back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    core.state.settings.language = 'zh-CN';
    start();
    core.emitStored(Array.from({ length: 6 }, (_, i) => message('f1', `order ${i}`)));
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1), { timeout: 1000 });
    vi.advanceTimersByTime(1_000);
    expect(Notification.shown.map((n) => n.options)).toEqual([{ title: 'Orders', body: '来自 Orders 的 6 条新消息' }]);

    core.state.settings = { ...core.state.settings, language: 'en' };
    core.emitStored(Array.from({ length: 7 }, (_, i) => message('f1', `more ${i}`)));
    await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1), { timeout: 1000 });
    vi.advanceTimersByTime(60_000);
    expect(Notification.shown.at(-1)?.options).toEqual({ title: 'Orders', body: '7 new messages from Orders' });
  });

  it('shows nothing when the system has no notification support', async () => {
    Notification.supported = false;
    start();
    core.emitStored([message('f1', 'x')]);
    await settle();
    expect(Notification.shown).toHaveLength(0);
  });

  it('dispose unsubscribes from the core', async () => {
    start();
    service.dispose();
    core.emitStored([message('f1', 'late')]);
    await settle();
    expect(Notification.shown).toHaveLength(0);
    expect(core.listenerCounts().stored).toBe(0);
  });
});

describe('a feed’s sound', () => {
  it('"None" shows the feed’s notifications silent (Electron `silent`); the default leaves the OS sound', async () => {
    core.state.feeds = [feed('f1', 'Orders', { sound: 'none' }), feed('f3', 'Deploys')];
    start();
    core.emitStored([message('f1', 'quiet one'), message('f3', 'loud one')]);
    await settle();
    expect(Notification.shown.map((n) => n.options)).toEqual([
      { title: 'Orders', body: 'quiet one', silent: true },
      { title: 'Deploys', body: 'loud one' },
    ]);
  });

  it('on Windows the toast XML says it (a custom toastXml supersedes the other options)', () => {
    expect(toastXml(decisionFor(0), undefined, true)).toContain('</visual><audio silent="true"/></toast>');
    expect(toastXml(decisionFor(0))).not.toContain('<audio');
  });
});

describe('Windows toasts: every click arrives through Notification.handleActivation', () => {
  /** As the composition root does on Windows: identity first, then the service. */
  function startOnWindows(): void {
    resetFakeElectron({ platform: 'win32' });
    setupAppIdentity('win32');
    start();
  }
  const navigations = () => win.webContents.sent.filter((s) => s.channel === 'tidings:push:navigate');

  it('the toast carries its message: the launch argument round-trips and is escaped in the XML', () => {
    const decision = { ...decisionFor(0), title: 'A & <B>', body: '"quoted"' };
    const xml = toastXml(decision, 'C:\\icons\\icon.png');
    expect(xml).toContain('launch="tidings:open?feed=f1&#38;message=1"');
    expect(xml).toContain('<text>A &#38; &#60;B&#62;</text><text>&#34;quoted&#34;</text>');
    expect(parseToastLaunch(toastLaunchArgument({ feedId: 'f1', messageId: 7 }))).toEqual({
      feedId: 'f1',
      messageId: 7,
    });
    expect(parseToastLaunch('')).toBeNull();
    expect(parseToastLaunch('tidings:open?feed=f1&message=-3')).toBeNull();
    expect(parseToastLaunch('https://example.com/?message=1')).toBeNull();
  });

  it('a click on a toast that moved to the Action Center opens that message', async () => {
    startOnWindows();
    const m = message('f1', 'seen later');
    core.emitStored([m]);
    await settle();
    const toast = Notification.shown[0]!;
    toast.timeOut();
    toast.click();
    expect(win.isVisible()).toBe(true);
    expect(navigations()).toEqual([{ channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1' } }]);
  });

  it("a fresh toast opens its message once (the object's click and the activation are one click)", async () => {
    startOnWindows();
    const m = message('f1', 'now');
    core.emitStored([m]);
    await settle();
    Notification.shown[0]!.click();
    expect(navigations()).toHaveLength(1);
  });

  it('a toast whose Notification object was garbage-collected still opens its message', async () => {
    startOnWindows();
    for (let i = 0; i < KEEP_ALIVE + 1; i += 1) service.show(decisionFor(i));
    await Notification.collect();
    const first = Notification.shown[0]!;
    expect(first.notification()).toBeUndefined();
    first.click();
    expect(navigations()).toEqual([{ channel: 'tidings:push:navigate', payload: { messageId: 1, feedId: 'f1' } }]);
  });

  it('after a restart, a toast of the previous run opens its message (fixed CLSID, activation at cold start)', async () => {
    startOnWindows();
    expect(app.toastActivatorCLSID).toBe(TOAST_ACTIVATOR_CLSID);
    service.show(decisionFor(41));
    service.dispose();
    restartApp();
    // The user clicks the old toast in the Action Center; Windows starts Tidings for it.
    Notification.shown[0]!.timeOut();
    setupAppIdentity('win32');
    Notification.shown[0]!.click();
    await app.whenReady();
    start();
    expect(navigations()).toEqual([{ channel: 'tidings:push:navigate', payload: { messageId: 42, feedId: 'f1' } }]);
  });

  it('in development the AppUserModelId is the executable (pinned to Start), so toasts are shown at all', () => {
    startOnWindows();
    expect(app.appUserModelId).toBe(process.execPath);
    service.show(decisionFor(0));
    expect(Notification.shown).toHaveLength(1);
    expect(Notification.dropped).toHaveLength(0);
    // Installed: the installer's Start Menu shortcut carries the app id.
    resetFakeElectron({ platform: 'win32' });
    app.isPackaged = true;
    app.startMenuShortcuts = new Set([APP_ID]);
    setupAppIdentity('win32');
    expect(app.appUserModelId).toBe(APP_ID);
  });
});

describe('Linux and macOS: a notification is clickable only while its object lives', () => {
  it('the service keeps recent notifications alive, so a click after a garbage collection still opens', async () => {
    start();
    const m = message('f1', 'kept');
    core.emitStored([m]);
    await settle();
    await Notification.collect();
    expect(Notification.shown[0]!.notification()).toBeDefined();
    Notification.shown[0]!.click();
    expect(win.webContents.sent).toEqual([
      { channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1' } },
    ]);
  });

  it('one dropped from the keep-alive set is collected and its click never arrives (the model of the bug)', async () => {
    start();
    for (let i = 0; i < KEEP_ALIVE + 1; i += 1) service.show(decisionFor(i));
    await Notification.collect();
    expect(Notification.shown[0]!.notification()).toBeUndefined();
    Notification.shown[0]!.click();
    expect(win.webContents.sent).toEqual([]);
    expect(Notification.handleActivation).toBeUndefined();
  });
});

describe('notification actions (macOS and Windows show buttons; Linux none)', () => {
  const fields = {
    title: 'Doorbell',
    body: 'Someone rang',
    priority: null,
    tags: [],
    link: null,
    icon: null,
    attachments: [],
    serverId: null,
    time: null,
    actions: [
      {
        kind: 'http' as const,
        label: 'Open door',
        url: 'https://door.example/open',
        method: 'PUT',
        headers: {},
        body: null,
      },
      { kind: 'view' as const, label: 'Camera', url: 'https://cam.example/live' },
      { kind: 'view' as const, label: 'Third', url: 'https://third.example/' },
    ],
  };
  const navigations = () => win.webContents.sent.filter((s) => s.channel === 'tidings:push:navigate');

  async function ring(platform: NodeJS.Platform) {
    resetFakeElectron({ platform });
    if (platform === 'win32') setupAppIdentity('win32');
    core = createStubCore();
    core.state.feeds = [feed('f1', 'Door')];
    start();
    const m = message('f1', '{}', { fields });
    core.emitStored([m]);
    await settle();
    return { m, toast: Notification.shown[0]! };
  }

  it.each(['darwin', 'win32'] as const)(
    '%s: the first two actions are buttons; view opens its URL, http only opens its confirmation',
    async (platform) => {
      const { m, toast } = await ring(platform);
      expect(toast.buttons.map((b) => b.text)).toEqual(['Open door', 'Camera']);
      toast.pressAction(1);
      expect(openedUrls).toEqual(['https://cam.example/live']);
      expect(navigations()).toEqual([]);
      toast.pressAction(0);
      expect(win.isVisible()).toBe(true);
      expect(navigations()).toEqual([
        { channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1', action: 0 } },
      ]);
      expect(openedUrls).toEqual(['https://cam.example/live']);
    },
  );

  it('Windows: a button on a toast in the Action Center still works (its arguments carry the message)', async () => {
    const { m, toast } = await ring('win32');
    toast.timeOut();
    toast.pressAction(0);
    expect(navigations()).toEqual([
      { channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1', action: 0 } },
    ]);
    expect(parseToastLaunch(toast.buttons[0]!.arguments)).toEqual({ feedId: 'f1', messageId: m.id, action: 0 });
    expect(parseToastLaunch('tidings:action?feed=f1&message=1&action=x')).toBeNull();
  });

  it('Linux shows no buttons: nothing to press, a click still opens the message', async () => {
    const { m, toast } = await ring('linux');
    expect(toast.options.actions).toBeUndefined();
    expect(toast.buttons).toEqual([]);
    expect(() => toast.pressAction(0)).toThrow(/no notification button/);
    toast.click();
    expect(navigations()).toEqual([{ channel: 'tidings:push:navigate', payload: { messageId: m.id, feedId: 'f1' } }]);
  });
});
