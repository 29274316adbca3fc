/** "Send a test notification": the core asks the host to show one, titled for the feed, in the window's language. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { invoke } from '../../../shared/ipc/channels';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { createCore, type CoreInstance } from '../../../electron/main/core/index';
import { recordingHost } from '../api/host';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

let dir: ReturnType<typeof tempDir>;
let core: CoreInstance;
beforeEach(async () => {
  dir = tempDir('tidings-test-notification-');
  core = await createCore({ dataDir: dir.dir, secrets: testCodec(), logger: captureLogger() });
});
afterEach(async () => {
  await core.close();
  dir.cleanup();
});

it('shows one notification through the host: the app’s, or a feed’s under its name, in the chosen language', async () => {
  const shown: { title: string; body: string; silent: boolean }[] = [];
  const host = { ...recordingHost(), showNotification: (n: (typeof shown)[number]) => (shown.push(n), true) };
  const handlers = core.createHandlers(host);
  const added = await handlers[invoke.feedsAdd]({
    ...defaultFeedInput('http://127.0.0.1:9/x'),
    name: 'Orders',
    enabled: false,
  });
  if (!added.ok) throw new Error(added.error.message);

  expect(await handlers[invoke.appTestNotification]({})).toEqual({ ok: true, data: { shown: true } });
  expect(await handlers[invoke.appTestNotification]({ feedId: added.data.id })).toEqual({
    ok: true,
    data: { shown: true },
  });
  core.updateSettings({
    language: 'zh-CN',
    dnd: { mode: 'until', until: Date.now() + 3_600_000, quietStart: '22:00', quietEnd: '07:00' },
  });
  await handlers[invoke.appTestNotification]({ feedId: added.data.id });
  expect(shown).toEqual([
    { title: 'Tidings', body: 'This is a test notification. New messages will look like this.', silent: false },
    { title: 'Orders', body: 'This is a test notification. New messages will look like this.', silent: false },
    // Asked for by the user: do-not-disturb does not hold it back.
    { title: 'Orders', body: '这是一条测试通知。新消息会像这样显示。', silent: false },
  ]);

  const missing = await handlers[invoke.appTestNotification]({ feedId: 'nope' });
  expect(missing.ok).toBe(false);
  expect(shown).toHaveLength(3);
});

it('answers shown: false where the host has no notifications', async () => {
  const handlers = core.createHandlers(recordingHost());
  expect(await handlers[invoke.appTestNotification]({})).toEqual({ ok: true, data: { shown: false } });
});
