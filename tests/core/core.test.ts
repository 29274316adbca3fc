/**
 * End to end through the real core: a real loopback SSE server, the real FeedHub, a real SQLite file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, UnreadCounts, FeedStatus } from '../../shared/domain';
import { invoke, push, type PushChannel } from '../../shared/ipc/channels';
import type { FeedInput } from '../../shared/ipc/schemas';
import { defaultFeedInput } from '../../electron/main/core/api/feed-service';
import { createCore, dispatch, type CoreInstance } from '../../electron/main/core/index';
import { startSseServer, type SseTestServer } from '../support/sse-server';
import { recordingHost, waitFor } from './api/host';
import { captureLogger, tempDir, testCodec } from './store/helpers';

let dir: ReturnType<typeof tempDir>;
let server: SseTestServer;
const cores: CoreInstance[] = [];

beforeEach(async () => {
  dir = tempDir('tidings-core-');
  server = await startSseServer();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await server.close();
  dir.cleanup();
});

interface Pushes {
  messages: Message[];
  unread: UnreadCounts[];
  statuses: FeedStatus[][];
  all: { channel: PushChannel; at: number }[];
}

async function start(): Promise<{ core: CoreInstance; pushes: Pushes; logger: ReturnType<typeof captureLogger> }> {
  const logger = captureLogger();
  const core = await createCore({
    dataDir: dir.dir,
    secrets: testCodec(),
    logger,
    version: '9.9.9',
    hub: { backoff: { baseMs: 50, capMs: 200 } },
  });
  cores.push(core);
  const pushes: Pushes = { messages: [], unread: [], statuses: [], all: [] };
  core.onPush((channel, payload) => {
    pushes.all.push({ channel, at: Date.now() });
    if (channel === push.messages) pushes.messages.push(...(payload as Message[]));
    if (channel === push.unread) pushes.unread.push(payload as UnreadCounts);
    if (channel === push.feedStatus) pushes.statuses.push(payload as FeedStatus[]);
  });
  return { core, pushes, logger };
}

function feedInput(url: string, extra: Partial<FeedInput> = {}): FeedInput {
  return { ...defaultFeedInput(url), name: 'Events', ...extra };
}

describe('createCore end to end', () => {
  it('stores and pushes events, then resumes after a restart with Last-Event-ID and no duplicates', async () => {
    const first = await start();
    const handlers = first.core.createHandlers(recordingHost());
    const added = await dispatch(handlers, invoke.feedsAdd, feedInput(`${server.url}/events`));
    expect(added.ok).toBe(true);
    const feedId = (added as { data: { id: string } }).data.id;
    await server.waitForClients(1, { path: '/events' });
    const stored: Message[] = [];
    first.core.onDidStoreMessages((m) => stored.push(...m));
    for (let i = 1; i <= 5; i++)
      server.send({ id: String(i), event: i === 3 ? 'alert' : undefined, data: `hello ${i}` });
    await waitFor(() => first.pushes.messages.length === 5, 'five pushed messages');
    expect(first.pushes.messages.map((m) => m.eventId)).toEqual(['1', '2', '3', '4', '5']);
    expect(first.pushes.messages[2]!.type).toBe('alert');
    expect(first.pushes.messages.every((m) => m.backfill === false && m.feedId === feedId)).toBe(true);
    expect(stored.map((m) => m.id)).toEqual(first.pushes.messages.map((m) => m.id));
    await waitFor(() => first.pushes.unread.some((u) => u[feedId] === 5), 'unread push');
    await waitFor(
      () => first.pushes.statuses.some((s) => s.some((x) => x.feedId === feedId && x.state === 'open')),
      'open status',
    );
    const listed = await dispatch(handlers, invoke.messagesList, { feedId });
    expect(listed.ok && (listed.data as { items: Message[] }).items.map((m) => m.data)).toEqual([
      'hello 5',
      'hello 4',
      'hello 3',
      'hello 2',
      'hello 1',
    ]);
    await first.core.close();

    // While the app is closed the server publishes more; the replay log serves them on resume.
    for (let i = 6; i <= 8; i++) server.send({ id: String(i), data: `later ${i}` });
    const second = await start();
    await waitFor(() => second.pushes.messages.length === 3, 'three replayed messages');
    const resumed = server.requests.filter((r) => r.path === '/events').at(-1);
    expect(resumed?.lastEventId).toBe('5');
    expect(second.pushes.messages.map((m) => m.eventId)).toEqual(['6', '7', '8']);
    expect(second.pushes.messages.every((m) => m.backfill)).toBe(true);
    // A server that replays what we already have must not create duplicates.
    server.send({ id: '7', data: 'later 7' });
    server.send({ id: '9', data: 'new 9' });
    await waitFor(() => second.pushes.messages.length === 4, 'message 9');
    await second.core.flush();
    const all = await dispatch(second.core.createHandlers(recordingHost()), invoke.messagesList, { limit: 100 });
    expect(all.ok && (all.data as { items: Message[] }).items.map((m) => m.eventId)).toEqual([
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
    ]);
    expect(second.core.unreadTotal()).toBe(9);
  });

  it('keeps the new events of a server that restarts and numbers them from 1 again (same id, other data)', async () => {
    const { core, pushes } = await start();
    const feed = await core.addFeedFromUrl(`${server.url}/events`);
    await server.waitForClients(1, { path: '/events' });
    for (let i = 1; i <= 3; i++) server.send({ id: String(i), data: `before restart ${i}` });
    await waitFor(() => pushes.messages.length === 3, 'three messages');
    // The server restarts without its history and counts from 1 again: Last-Event-ID 3 means nothing to it.
    const port = server.port;
    await server.close();
    server = await startSseServer({ port });
    await server.waitForClients(1, { path: '/events', timeoutMs: 5000 });
    expect(server.requests[0]!.lastEventId).toBe('3');
    for (let i = 1; i <= 3; i++) server.send({ id: String(i), data: `after restart ${i}` });
    // …and a replay of something already stored (same id, type and data) is still a duplicate.
    server.send({ id: '2', data: 'after restart 2' });
    await waitFor(() => pushes.messages.length === 6, 'the three new messages');
    await new Promise((r) => setTimeout(r, 100));
    await core.flush();
    expect(pushes.messages.map((m) => m.data)).toEqual([
      'before restart 1',
      'before restart 2',
      'before restart 3',
      'after restart 1',
      'after restart 2',
      'after restart 3',
    ]);
    expect(core.unreadTotal()).toBe(6);
    expect(core.statuses().find((s) => s.feedId === feed.id)?.lastEventId).toBe('2'); // the server's latest id
  });

  it('a new feed URL starts without a cursor, even when events of the old URL were still waiting to be stored', async () => {
    const open = async () => {
      const core = await createCore({
        dataDir: dir.dir,
        secrets: testCodec(),
        logger: captureLogger(),
        ingest: { delayMs: 300, maxDelayMs: 300 },
      });
      cores.push(core);
      return core;
    };
    const core = await open();
    const feed = await core.addFeedFromUrl(`${server.url}/old`);
    await server.waitForClients(1, { path: '/old' });
    server.send({ id: 'old-1', data: 'from the old stream' }, '/old');
    await waitFor(() => core.statuses()[0]!.counters.events === 1, 'received (not stored yet)');
    const handlers = core.createHandlers(recordingHost());
    const updated = await dispatch(handlers, invoke.feedsUpdate, {
      id: feed.id,
      input: feedInput(`${server.url}/new`),
    });
    expect(updated.ok).toBe(true);
    await server.waitForClients(1, { path: '/new' });
    await core.close();
    const again = await open();
    await server.waitForClients(1, { path: '/new' });
    const requests = server.requests.filter((r) => r.path === '/new');
    expect(requests.map((r) => r.lastEventId)).toEqual([null, null]);
    const listed = await dispatch(again.createHandlers(recordingHost()), invoke.messagesList, {});
    expect(listed.ok && (listed.data as { items: Message[] }).items.map((m) => m.data)).toEqual([
      'from the old stream',
    ]);
  });

  it('stores invalid UTF-8 as replacement characters and caps huge events, searchable afterwards', async () => {
    const { core, pushes } = await start();
    await core.addFeedFromUrl(`${server.url}/raw`);
    await server.waitForClients(1, { path: '/raw' });
    const invalid = Buffer.concat([
      Buffer.from('id: u1\ndata: bad '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' bytes\n\n'),
    ]);
    await server.writeRaw(invalid, { path: '/raw' });
    const huge = 'z'.repeat(3 * 1024 * 1024);
    await server.writeRaw(`id: big\ndata: ${huge}\n\n`, { path: '/raw', chunkSize: 64 * 1024 });
    await server.writeRaw('id: after\ndata: still alive\n\n', { path: '/raw' });
    await waitFor(() => pushes.messages.length === 3, 'three messages', 10_000);
    const [bad, big, after] = pushes.messages;
    expect(bad!.data).toContain('\uFFFD');
    expect(bad!.data.startsWith('bad ')).toBe(true);
    expect(big!.truncated).toBe(true);
    expect(big!.data.length).toBeLessThanOrEqual(1024 * 1024);
    expect(after!.data).toBe('still alive');
    const handlers = core.createHandlers(recordingHost());
    const got = await dispatch(handlers, invoke.messagesGet, { id: big!.id });
    expect(got.ok && (got.data as Message).truncated).toBe(true);
    await core.drainMaintenance();
    const found = await dispatch(handlers, invoke.messagesList, { text: 'alive' });
    expect(found.ok && (found.data as { items: Message[] }).items.map((m) => m.eventId)).toEqual(['after']);
  });

  it('keeps secret header values encrypted at rest and out of snapshots, exports and diagnostics', async () => {
    const secret = 'Bearer s3cr3t-t0ken-value-XYZ';
    const { core } = await start();
    server.requireAuth('/private', 'authorization', secret);
    const handlers = core.createHandlers(recordingHost());
    const added = await dispatch(
      handlers,
      invoke.feedsAdd,
      feedInput(`${server.url}/private`, {
        headers: [
          { name: 'Authorization', value: secret, secret: true },
          { name: 'X-Plain', value: 'visible', secret: false },
        ],
      }),
    );
    expect(added.ok).toBe(true);
    await server.waitForClients(1, { path: '/private' });
    expect(server.requests.find((r) => r.path === '/private' && r.outcome === 'stream')?.authorization).toBe(secret);
    const snapshot = JSON.stringify(await dispatch(handlers, invoke.appSnapshot, undefined));
    expect(snapshot).not.toContain('s3cr3t');
    expect(snapshot).toContain('visible');
    const exported = await dispatch(handlers, invoke.feedsExport, { includeSecrets: false });
    expect(exported.ok && (exported.data as string)).not.toContain('s3cr3t');
    const diagnostics = await dispatch(handlers, invoke.appDiagnostics, undefined);
    expect(diagnostics.ok && (diagnostics.data as string)).toContain('Version: 9.9.9');
    expect(JSON.stringify(diagnostics)).not.toContain('s3cr3t');
    expect(JSON.stringify(diagnostics)).not.toContain('visible');
    const withSecrets = await dispatch(handlers, invoke.feedsExport, { includeSecrets: true });
    expect(withSecrets.ok && (withSecrets.data as string)).toContain(secret);
    await core.close();
    cores.length = 0;
    const bytes = Buffer.concat(
      ['tidings.db', 'tidings.db-wal'].map((file) => {
        try {
          return readFileSync(`${dir.dir}/${file}`);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    expect(bytes.includes(Buffer.from('visible'))).toBe(true); // the plain header is there, so the grep works
    expect(bytes.includes(Buffer.from('s3cr3t'))).toBe(false);
    // After a restart the decrypted secret still authenticates.
    const again = await start();
    await server.waitForClients(1, { path: '/private' });
    expect(again.core.feeds()[0]!.headers.find((h) => h.secret)?.value).toBeNull();
  });

  it('prunes by retention in the background, keeps the cursor, indexes for search, and flushes on close', async () => {
    const { core, pushes } = await start();
    core.updateSettings({ retention: { maxPerFeed: 100, maxAgeDays: 30 } });
    const feed = await core.addFeedFromUrl(`${server.url}/busy`);
    expect(await core.addFeedFromUrl(`${server.url}/busy`)).toEqual(feed); // --add-feed twice: same feed
    await server.waitForClients(1, { path: '/busy' });
    for (let i = 0; i < 160; i++) server.send({ id: `e${i}`, data: `item number${i}` }, '/busy');
    await waitFor(() => pushes.messages.length === 160, 'all pushed');
    await waitFor(() => core.unreadTotal() === 100, 'pruned to 100 by the background loop');
    await waitFor(async () => (await core.searchIndexLag()) === 0, 'search index caught up');
    const handlers = core.createHandlers(recordingHost());
    const page = await dispatch(handlers, invoke.messagesList, { limit: 1000 });
    const items = page.ok ? (page.data as { items: Message[] }).items : [];
    expect(items).toHaveLength(100);
    expect(items.at(-1)?.eventId).toBe('e60');
    const hit = await dispatch(handlers, invoke.messagesList, { text: 'number159' });
    expect(hit.ok && (hit.data as { items: Message[] }).items.map((m) => m.eventId)).toEqual(['e159']);
    const pruned = await dispatch(handlers, invoke.messagesList, { text: 'number59' });
    expect(pruned.ok && (pruned.data as { items: Message[] }).items).toEqual([]);
    const prefix = await dispatch(handlers, invoke.messagesList, { text: 'number10' });
    expect(prefix.ok && (prefix.data as { items: Message[] }).items).toHaveLength(10); // e100…e109
    await waitFor(() => pushes.unread.at(-1)?.[feed.id] === 100, 'unread push after pruning');
    // Events still waiting in the ingest buffer when the app quits are stored by close().
    server.send({ id: 'last', data: 'just before quitting' }, '/busy');
    await waitFor(() => core.statuses()[0]!.counters.events === 161, 'hub received the last event');
    await core.close();
    const again = await start();
    expect(again.core.unreadTotal()).toBe(101);
    await waitFor(() => server.requests.filter((r) => r.path === '/busy').length === 2, 'second connection');
    expect(server.requests.filter((r) => r.path === '/busy').at(-1)?.lastEventId).toBe('last');
  });

  it('close() completes in a plain Node process whose event loop has nothing else to do', () => {
    const fixture = join(__dirname, 'api', 'fixtures', 'close-in-cli.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', fixture, dir.dir], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed cleanly; 3000 messages');
    expect(run.status).toBe(0);
  });
});

describe('domain events', () => {
  it('each change is told once, by its owner: feeds, status, stored, unread (store, mark read, remove)', async () => {
    const { core } = await start();
    const heard: string[] = [];
    const feedLists: number[] = [];
    core.onDidChangeFeeds((feeds) => (heard.push('feeds'), feedLists.push(feeds.length)));
    core.onDidChangeStatus((s) => heard.push(`status:${s.state}`));
    core.onDidStoreMessages((m) => heard.push(`stored:${m.length}`));
    core.onDidChangeUnread(() => heard.push(`unread:${core.unreadTotal()}`));
    const handlers = core.createHandlers(recordingHost());
    const added = await dispatch(handlers, invoke.feedsAdd, feedInput(`${server.url}/events`));
    const feedId = (added as { data: { id: string } }).data.id;
    expect(feedLists).toEqual([1]);
    await waitFor(() => heard.includes('status:open'), 'open status');
    server.send({ id: '1', data: 'one' });
    server.send({ id: '2', data: 'two' });
    await waitFor(() => core.unreadTotal() === 2, 'two stored');
    await core.flush();
    const storedCount = heard.filter((h) => h.startsWith('stored:')).reduce((n, h) => n + Number(h.slice(7)), 0);
    expect(storedCount).toBe(2);
    // The unread change is told after the commit, before the stored batch goes to its subscribers.
    expect(heard.indexOf('unread:1') === -1 ? heard.indexOf('unread:2') : heard.indexOf('unread:1')).toBeLessThan(
      heard.findIndex((h) => h.startsWith('stored:')),
    );
    heard.length = 0;
    await dispatch(handlers, invoke.messagesMarkRead, { feedId });
    expect(heard).toEqual(['unread:0']);
    server.send({ id: '3', data: 'three' });
    await waitFor(() => core.unreadTotal() === 1, 'third stored');
    heard.length = 0;
    await dispatch(handlers, invoke.feedsRemove, { id: feedId });
    expect(heard.filter((h) => h.startsWith('unread'))).toEqual(['unread:0']);
    expect(feedLists.at(-1)).toBe(0);
  });

  it('a setting changed from the tray (core.updateSettings) and from the window (settings:update) runs the same code: host.applySettings, one push', async () => {
    const { core, pushes } = await start();
    const host = recordingHost();
    const handlers = core.createHandlers(host);
    const settingsPushes = (): number => pushes.all.filter((p) => p.channel === push.settings).length;

    // The tray's path.
    core.updateSettings({ startAtLogin: true });
    expect(host.applied.map((s) => s.startAtLogin)).toEqual([true]);
    expect(settingsPushes()).toBe(1);

    // The window's path.
    const result = await dispatch(handlers, invoke.settingsUpdate, { startAtLogin: false });
    expect(result.ok).toBe(true);
    expect(host.applied.map((s) => s.startAtLogin)).toEqual([true, false]);
    expect(settingsPushes()).toBe(2);

    // A host that fails to apply breaks neither path: the setting is stored and pushed, the failure logged.
    host.applySettings = () => {
      throw new Error('login items unavailable');
    };
    expect(core.updateSettings({ closeToTray: false }).closeToTray).toBe(false);
    expect(core.settings().closeToTray).toBe(false);
    expect(settingsPushes()).toBe(3);
  });
});
