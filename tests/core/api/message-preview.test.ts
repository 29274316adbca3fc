/**
 * A 1 MiB event end to end (loopback SSE server → real core → SQLite file): the push and every list page carry at
 * most PREVIEW_CHARS characters of its data, messages:get returns it whole, size is its UTF-8 byte length, and
 * the notification path (onDidStoreMessages) still sees the whole message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, MessagePage, Snapshot } from '../../../shared/domain';
import { invoke, push } from '../../../shared/ipc/channels';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import { PREVIEW_CHARS } from '../../../electron/main/core/store/preview';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { captureLogger, tempDir, testCodec } from '../store/helpers';
import { recordingHost, waitFor } from './host';

let dir: ReturnType<typeof tempDir>;
let server: SseTestServer;
let core: CoreInstance | null = null;

beforeEach(async () => {
  dir = tempDir('tidings-preview-');
  server = await startSseServer();
});
afterEach(async () => {
  await core?.close();
  core = null;
  await server.close();
  dir.cleanup();
});

describe('message previews end to end', () => {
  it('a 1 MiB event: push and list pages carry at most PREVIEW_CHARS characters, get returns it whole', async () => {
    core = await createCore({ dataDir: dir.dir, secrets: testCodec(), logger: captureLogger(), version: '1.0.0' });
    const pushed: Message[] = [];
    let pushedChars = 0;
    core.onPush((channel, payload) => {
      if (channel !== push.messages) return;
      for (const m of payload as Message[]) {
        pushed.push(m);
        pushedChars += m.data.length;
      }
    });
    const stored: Message[] = [];
    core.onDidStoreMessages((batch) => stored.push(...batch));
    const handlers = core.createHandlers(recordingHost());
    const added = await dispatch(handlers, invoke.feedsAdd, {
      name: 'Big',
      url: `${server.url}/events`,
      headers: [],
      eventTypes: [],
      notify: { mode: 'all', types: [], include: [], exclude: [] },
      idleTimeoutSec: 45,
      enabled: true,
    });
    expect(added.ok).toBe(true);
    await server.waitForClients(1, { path: '/events' });

    const data = JSON.stringify({ title: '大文件 big report', blob: 'r'.repeat(1_000_000), end: 'FINAL-LINE-完' });
    expect(data.length).toBeGreaterThan(1_000_000);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(1024 * 1024);
    server.send({ id: 'big-1', event: 'report', data });
    server.send({ id: 'small-1', data: 'small one' });
    await waitFor(() => pushed.length === 2, 'both messages pushed');

    const size = Buffer.byteLength(data, 'utf8');
    const bigPush = pushed.find((m) => m.eventId === 'big-1')!;
    expect(bigPush.data.length).toBeLessThanOrEqual(PREVIEW_CHARS);
    expect(bigPush.data).toBe(data.slice(0, PREVIEW_CHARS));
    expect(bigPush).toMatchObject({ preview: true, size, truncated: false });
    expect(pushed.find((m) => m.eventId === 'small-1')).toMatchObject({ data: 'small one', preview: false, size: 9 });
    expect(pushedChars).toBeLessThanOrEqual(PREVIEW_CHARS + 9);
    // The notification policy's listener gets the whole stored message.
    expect(stored.find((m) => m.eventId === 'big-1')).toMatchObject({ data, preview: false, size });

    const page = await dispatch(handlers, invoke.messagesList, { limit: 50 });
    expect(page.ok).toBe(true);
    const items = (page as { data: MessagePage }).data.items;
    const bigItem = items.find((m) => m.eventId === 'big-1')!;
    expect(bigItem.data.length).toBeLessThanOrEqual(PREVIEW_CHARS);
    expect(bigItem).toMatchObject({ preview: true, size });
    expect(bigItem.data).not.toContain('FINAL-LINE');
    expect(JSON.stringify(items).length).toBeLessThan(PREVIEW_CHARS + 2000);

    const searched = await dispatch(handlers, invoke.messagesList, { text: '大文件' });
    expect(
      (searched as { data: MessagePage }).data.items.map((m) => [m.eventId, m.preview, m.data.length <= PREVIEW_CHARS]),
    ).toEqual([['big-1', true, true]]);

    const snapshot = await dispatch(handlers, invoke.appSnapshot, undefined);
    const snapItem = (snapshot as { data: Snapshot }).data.messages.items.find((m) => m.eventId === 'big-1')!;
    expect(snapItem.data.length).toBeLessThanOrEqual(PREVIEW_CHARS);

    const got = await dispatch(handlers, invoke.messagesGet, { id: bigItem.id });
    expect(got.ok).toBe(true);
    const whole = (got as { data: Message }).data;
    expect(whole.data).toBe(data);
    expect(whole.data.endsWith('"end":"FINAL-LINE-完"}')).toBe(true);
    expect(whole).toMatchObject({ preview: false, size });
  });
});
