/**
 * The handler table through dispatch(), over a real core (real SQLite file, real FeedHub, loopback server).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Feed, FeedDiagnostics, Message, MessagePage, Settings, Snapshot } from '../../../shared/domain';
import { invoke, push, type PushChannel } from '../../../shared/ipc/channels';
import type { ApiHandlers } from '../../../shared/ipc/contract';
import type { FeedInput } from '../../../shared/ipc/schemas';
import type { Result } from '../../../shared/result';
import { defaultFeedInput, MAX_IMPORT_FEEDS } from '../../../electron/main/core/api/feed-service';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import type { SecretCodec } from '../../../electron/main/core/types';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { captureLogger, tempDir, testCodec } from '../store/helpers';
import { recordingHost, waitFor } from './host';

let dir: ReturnType<typeof tempDir>;
let server: SseTestServer;
let core: CoreInstance;
let host: ReturnType<typeof recordingHost>;
let handlers: ApiHandlers;
let logger: ReturnType<typeof captureLogger>;
let pushes: { channel: PushChannel; payload: unknown }[];
const extra: CoreInstance[] = [];

async function open(dataDir: string, secrets: SecretCodec = testCodec()): Promise<CoreInstance> {
  const c = await createCore({
    dataDir,
    secrets,
    logger,
    version: '1.2.3',
    hub: { backoff: { baseMs: 50, capMs: 100 } },
  });
  extra.push(c);
  return c;
}

beforeEach(async () => {
  dir = tempDir('tidings-api-');
  server = await startSseServer();
  logger = captureLogger();
  core = await open(dir.dir);
  host = recordingHost();
  handlers = core.createHandlers(host);
  pushes = [];
  core.onPush((channel, payload) => pushes.push({ channel, payload }));
});
afterEach(async () => {
  for (const c of extra.splice(0)) await c.close();
  await server.close();
  dir.cleanup();
});

const call = (channel: unknown, payload?: unknown): Promise<Result<unknown>> =>
  dispatch(handlers, channel, payload, logger);
const data = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data as T;
};
const input = (url: string, extra: Partial<FeedInput> = {}): FeedInput => ({ ...defaultFeedInput(url), ...extra });

describe('dispatch', () => {
  it('rejects unknown channels before anything runs', async () => {
    for (const channel of ['tidings:feeds:drop-table', 42, null, undefined, { toString: () => invoke.feedsAdd }]) {
      const r = await call(channel, {});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid-request');
        expect(r.error.message).toMatch(/^Unknown channel/);
      }
    }
  });

  it('validates payloads with readable messages and field paths, and the handler never runs', async () => {
    const r = await call(invoke.feedsAdd, { ...input('ftp://example.invalid/x'), idleTimeoutSec: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-request');
    expect(r.error.message).toContain('tidings:feeds:add');
    expect(r.error.message).toContain('url: Enter an http:// or https:// URL');
    expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['idleTimeoutSec', 'url']);
    expect(core.feeds()).toEqual([]);
    const wrongType = await call(invoke.messagesGet, { id: 'seven' });
    expect(!wrongType.ok && wrongType.error.issues?.[0]?.path).toBe('id');
    const extraKey = await call(invoke.settingsUpdate, { theme: 'dark', evil: true });
    expect(!extraKey.ok && extraKey.error.code).toBe('invalid-request');
    expect(core.settings().theme).toBe('system');
    const union = await call(invoke.messagesMarkRead, { nothing: true });
    expect(!union.ok && union.error.message).toMatch(
      /None of the accepted forms matched \(ids: .*\| feedId: .*\| all: /,
    );
    const missing = await call(invoke.feedsRemove, undefined);
    expect(!missing.ok && missing.error.code).toBe('invalid-request');
  });

  it('accepts null for requests that carry nothing (JSON transports) and turns handler exceptions into internal errors', async () => {
    expect(data<Snapshot>(await call(invoke.appSnapshot, null)).version).toBe('1.2.3');
    const broken = {
      ...handlers,
      [invoke.settingsGet]: async () => {
        throw new Error('kaput');
      },
    } as ApiHandlers;
    const r = await dispatch(broken, invoke.settingsGet, undefined, logger);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'internal',
        problem: { kind: 'internal', what: 'tidings:settings:get' },
        message: expect.stringContaining('tidings:settings:get'),
      },
    });
    expect(
      logger.lines.some(
        (l) => l.level === 'error' && l.details.some((d) => d instanceof Error && d.message === 'kaput'),
      ),
    ).toBe(true);
  });
});

describe('feeds handlers', () => {
  it('adds a feed (name from the URL), pushes the feed list, refuses a duplicate URL', async () => {
    const feed = data<Feed>(await call(invoke.feedsAdd, input(`${server.url}/a`)));
    expect(feed.name).toBe(`127.0.0.1:${server.port}/a`);
    expect(pushes.some((p) => p.channel === push.feeds && (p.payload as Feed[]).some((f) => f.id === feed.id))).toBe(
      true,
    );
    const dup = await call(invoke.feedsAdd, input(`${server.url}/a`));
    expect(!dup.ok && dup.error.code).toBe('conflict');
    expect(!dup.ok && dup.error.issues?.[0]?.path).toBe('url');
    await server.waitForClients(1, { path: '/a' });
  });

  it('connects on any port: the browsers’ "bad ports" (6665–6669, 6000, 10080…) are fine for a desktop client', async () => {
    // The first of the ports fetch refuses that is free on this machine.
    let bad: SseTestServer | null = null;
    for (const port of [6666, 6667, 6668, 6669, 6665, 6000, 10080, 4190]) {
      bad = await startSseServer({ port }).catch(() => null);
      if (bad) break;
    }
    if (!bad) throw new Error('none of the bad ports is free here');
    try {
      const feed = data<Feed>(await call(invoke.feedsAdd, input(`${bad.url}/events`)));
      await bad.waitForClients(1, { path: '/events' });
      bad.send({ id: '1', data: 'through a bad port' }, '/events');
      await waitFor(() => core.statuses().find((st) => st.feedId === feed.id)?.state === 'open', 'open');
      await waitFor(() => core.unreadTotal() === 1, 'stored');
    } finally {
      await bad.close();
    }
  });

  it('follows a redirect to another server without taking the credentials along; the same server keeps them', async () => {
    const other = await startSseServer();
    try {
      server.setFault('/moved', { kind: 'redirect', location: `${other.url}/there`, status: 302 });
      server.setFault('/here', { kind: 'redirect', location: '/events', status: 301 });
      const headers = [{ name: 'Authorization', value: 'Bearer only-for-origin', secret: false }];
      await call(invoke.feedsAdd, input(`${server.url}/moved`, { headers }));
      await call(invoke.feedsAdd, input(`${server.url}/here`, { headers }));
      await other.waitForClients(1, { path: '/there' });
      await server.waitForClients(1, { path: '/events' });
      expect(other.requests.find((r) => r.path === '/there')?.authorization).toBeNull();
      expect(server.requests.find((r) => r.path === '/events')?.authorization).toBe('Bearer only-for-origin');
    } finally {
      await other.close();
    }
  });

  it('stores and lists the normalised URL (WHATWG serialisation), and knows a URL typed differently is the same', async () => {
    const typed = `HTTP://127.0.0.1:${server.port}/Up`;
    const feed = data<Feed>(await call(invoke.feedsAdd, input(typed)));
    expect(feed.url).toBe(`http://127.0.0.1:${server.port}/Up`);
    expect(core.feeds().map((f) => f.url)).toEqual([`http://127.0.0.1:${server.port}/Up`]);
    const slash = data<Feed>(await call(invoke.feedsAdd, input(`http:/127.0.0.1:${server.port}/one-slash`)));
    expect(slash.url).toBe(`http://127.0.0.1:${server.port}/one-slash`);
    const again = await call(invoke.feedsAdd, input(`http://127.0.0.1:${server.port}/Up`));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', problem: { kind: 'duplicateUrl' } } });
    // A URL with credentials is not a feed URL: they belong in a header.
    const secret = await call(invoke.feedsAdd, input(`http://user:pw@127.0.0.1:${server.port}/x`));
    expect(secret).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'url', problem: { kind: 'urlCredentials' } }] },
    });
  });

  it('updates with value null keeping the stored secret, and refuses to reveal a secret as plain text', async () => {
    server.requireAuth('/s', 'authorization', 'Bearer one');
    const feed = data<Feed>(
      await call(
        invoke.feedsAdd,
        input(`${server.url}/s`, { headers: [{ name: 'Authorization', value: 'Bearer one', secret: true }] }),
      ),
    );
    expect(feed.headers).toEqual([{ name: 'Authorization', secret: true, value: null }]);
    const updated = data<Feed>(
      await call(invoke.feedsUpdate, {
        id: feed.id,
        input: input(`${server.url}/s`, {
          name: 'Renamed',
          headers: [{ name: 'Authorization', value: null, secret: true }],
        }),
      }),
    );
    expect(updated.name).toBe('Renamed');
    const exported = data<string>(await call(invoke.feedsExport, { includeSecrets: true }));
    expect(exported).toContain('Bearer one');
    const reveal = await call(invoke.feedsUpdate, {
      id: feed.id,
      input: input(`${server.url}/s`, { headers: [{ name: 'Authorization', value: null, secret: false }] }),
    });
    expect(!reveal.ok && reveal.error.code).toBe('invalid-request');
    const unknownNull = await call(invoke.feedsUpdate, {
      id: feed.id,
      input: input(`${server.url}/s`, { headers: [{ name: 'X-New', value: null, secret: false }] }),
    });
    expect(!unknownNull.ok && unknownNull.error.issues?.[0]?.path).toBe('headers.0.value');
    const gone = await call(invoke.feedsUpdate, { id: 'nope', input: input(`${server.url}/x`) });
    expect(!gone.ok && gone.error.code).toBe('not-found');
    await waitFor(() => server.requests.some((r) => r.path === '/s' && r.outcome === 'stream'), 'authorised stream');
  });

  it('refuses secret headers when the system has no secure storage, but saves plain ones', async () => {
    const other = tempDir('tidings-api-nocodec-');
    try {
      const c = await open(other.dir, testCodec(false));
      const h = c.createHandlers(recordingHost());
      const r = await dispatch(
        h,
        invoke.feedsAdd,
        input(`${server.url}/n`, { headers: [{ name: 'Authorization', value: 'x', secret: true }] }),
      );
      expect(!r.ok && r.error.code).toBe('unsupported');
      expect(!r.ok && r.error.message).toMatch(/no secure storage/);
      expect(c.feeds()).toEqual([]);
      const plain = await dispatch(
        h,
        invoke.feedsAdd,
        input(`${server.url}/n`, { headers: [{ name: 'X-Key', value: 'x', secret: false }] }),
      );
      expect(plain.ok).toBe(true);
      await c.close();
    } finally {
      other.cleanup();
    }
  });

  it('removes a feed: connection closed, unread gone at once, messages deleted in the background', async () => {
    const feed = data<Feed>(await call(invoke.feedsAdd, input(`${server.url}/r`)));
    await server.waitForClients(1, { path: '/r' });
    for (let i = 0; i < 5; i++) server.send({ id: String(i), data: `m${i}` }, '/r');
    await waitFor(() => core.unreadTotal() === 5, 'five stored');
    expect(data<null>(await call(invoke.feedsRemove, { id: feed.id }))).toBeNull();
    expect(core.unreadTotal()).toBe(0);
    expect(core.feeds()).toEqual([]);
    await waitFor(() => server.clientCount('/r') === 0, 'disconnect');
    await core.drainMaintenance();
    expect(data<MessagePage>(await call(invoke.messagesList, {})).items).toEqual([]);
    const again = await call(invoke.feedsRemove, { id: feed.id });
    expect(!again.ok && again.error.code).toBe('not-found');
  });

  it('reconnects, pauses and resumes through the hub; diagnostics carry status and raw frames', async () => {
    const feed = data<Feed>(await call(invoke.feedsAdd, input(`${server.url}/d`)));
    await server.waitForClients(1, { path: '/d' });
    server.send({ id: '1', data: 'frame text' }, '/d');
    await waitFor(() => core.unreadTotal() === 1, 'stored');
    const diag = data<FeedDiagnostics>(await call(invoke.feedsDiagnostics, { id: feed.id }));
    expect(diag.status.feedId).toBe(feed.id);
    expect(diag.frames.map((f) => f.text).join('')).toContain('frame text');
    const missing = await call(invoke.feedsReconnect, { id: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    const before = server.requests.filter((r) => r.path === '/d').length;
    expect((await call(invoke.feedsReconnect, { id: feed.id })).ok).toBe(true);
    await waitFor(() => server.requests.filter((r) => r.path === '/d').length > before, 'reconnect request');
    expect((await call(invoke.feedsPauseAll)).ok).toBe(true);
    await waitFor(() => core.statuses().every((s) => s.state === 'paused'), 'paused');
    expect((await call(invoke.feedsResumeAll)).ok).toBe(true);
    await waitFor(() => core.statuses().every((s) => s.state === 'open'), 'open again');
    expect((await call(invoke.feedsReconnectAll)).ok).toBe(true);
  });

  it('a feed imported from an export without secrets asks for the value and connects once it is entered', async () => {
    server.requireAuth('/locked', 'authorization', 'Bearer tok-9');
    await call(
      invoke.feedsAdd,
      input(`${server.url}/locked`, {
        name: 'Locked',
        headers: [{ name: 'Authorization', value: 'Bearer tok-9', secret: true }],
      }),
    );
    const plain = data<string>(await call(invoke.feedsExport, { includeSecrets: false }));
    const other = tempDir('tidings-api-needs-value-');
    try {
      const c = await open(other.dir);
      const h = c.createHandlers(recordingHost());
      expect(await dispatch(h, invoke.feedsImport, { json: plain })).toEqual({
        ok: true,
        data: { added: 1, skipped: 0 },
      });
      const feed = c.feeds()[0]!;
      expect(feed.headers).toEqual([{ name: 'Authorization', secret: true, value: null, needsValue: true }]);
      // It does not connect without the header (no 401 loop): it stops and says which header needs a value.
      const status = () => c.statuses().find((st) => st.feedId === feed.id);
      await waitFor(() => status()?.state === 'stopped', 'stopped');
      expect(status()?.reason).toEqual({ kind: 'headerNeedsValue', name: 'Authorization' });
      // Saving the feed unchanged keeps it waiting; entering the value connects with it.
      const same = {
        ...input(feed.url),
        name: feed.name,
        headers: [{ name: 'Authorization', value: null, secret: true }],
      };
      const kept = await dispatch(h, invoke.feedsUpdate, { id: feed.id, input: same });
      expect(kept.ok && (kept.data as Feed).headers[0]?.needsValue).toBe(true);
      const before = server.requests.filter((r) => r.path === '/locked').length;
      const filled = {
        ...same,
        headers: [{ name: 'Authorization', value: 'Bearer tok-9', secret: true }],
      };
      const saved = await dispatch(h, invoke.feedsUpdate, { id: feed.id, input: filled });
      expect(saved.ok && (saved.data as Feed).headers).toEqual([{ name: 'Authorization', secret: true, value: null }]);
      await waitFor(() => status()?.state === 'open', 'open with the header');
      expect(server.requests.filter((r) => r.path === '/locked').length).toBeGreaterThan(before);
      await c.close();
    } finally {
      other.cleanup();
    }
  });

  it('exports without secrets unless asked, and imports with validation, skipping duplicate URLs', async () => {
    await call(
      invoke.feedsAdd,
      input(`${server.url}/e1`, {
        name: 'One',
        headers: [
          { name: 'Authorization', value: 'tok-123', secret: true },
          { name: 'X-A', value: 'a', secret: false },
        ],
      }),
    );
    await call(invoke.feedsAdd, input(`${server.url}/e2`, { name: 'Two', eventTypes: ['alert'] }));
    const plain = data<string>(await call(invoke.feedsExport, { includeSecrets: false }));
    expect(plain).not.toContain('tok-123');
    // The secret header keeps its name, with an empty value marked as needing one (issue 13: it used to vanish).
    const plainFeeds = (JSON.parse(plain) as { feeds: { name: string; headers: unknown[] }[] }).feeds;
    expect(plainFeeds.find((f) => f.name === 'One')?.headers).toEqual([
      { name: 'Authorization', secret: true, value: '', needsValue: true },
      { name: 'X-A', secret: false, value: 'a' },
    ]);
    expect(plain).toContain('X-A');
    const full = data<string>(await call(invoke.feedsExport, { includeSecrets: true }));
    expect(full).toContain('tok-123');

    const other = tempDir('tidings-api-import-');
    try {
      const c = await open(other.dir);
      const h = c.createHandlers(recordingHost());
      await dispatch(h, invoke.feedsAdd, input(`${server.url}/e2`));
      const result = await dispatch(h, invoke.feedsImport, { json: full });
      expect(result).toEqual({ ok: true, data: { added: 1, skipped: 1 } });
      const imported = c.feeds().find((f) => f.name === 'One');
      expect(imported?.headers).toEqual([
        { name: 'Authorization', secret: true, value: null },
        { name: 'X-A', secret: false, value: 'a' },
      ]);
      const twice = await dispatch(h, invoke.feedsImport, { json: full });
      expect(twice).toEqual({ ok: true, data: { added: 0, skipped: 2 } });
      const notJson = await dispatch(h, invoke.feedsImport, { json: '{nope' });
      expect(!notJson.ok && notJson.error.message).toMatch(/not valid JSON/);
      const wrongShape = await dispatch(h, invoke.feedsImport, { json: '{"feeds": 3}' });
      expect(!wrongShape.ok && wrongShape.error.message).toMatch(/not a Tidings feed export/);
      const bad = await dispatch(h, invoke.feedsImport, {
        json: JSON.stringify({
          feeds: [
            { url: `${server.url}/ok` },
            { url: 'javascript:alert(1)' },
            { url: `${server.url}/t`, idleTimeoutSec: 0 },
          ],
        }),
      });
      expect(!bad.ok && bad.error.code).toBe('invalid-request');
      expect(!bad.ok && bad.error.issues?.map((i) => i.path)).toEqual(['feeds.1.url', 'feeds.2.idleTimeoutSec']);
      expect(c.feeds()).toHaveLength(2); // nothing of the bad file was imported
      const list = await dispatch(h, invoke.feedsImport, { json: JSON.stringify([{ url: `${server.url}/bare` }]) });
      expect(list).toEqual({ ok: true, data: { added: 1, skipped: 0 } });
      await c.close();
    } finally {
      other.cleanup();
    }
  });

  it('refuses a file with more feeds than one import may add, quickly and without adding any', async () => {
    const many = Array.from({ length: MAX_IMPORT_FEEDS + 1 }, (_, i) => ({ url: `http://127.0.0.1:1/f${i}` }));
    const started = Date.now();
    const r = await call(invoke.feedsImport, { json: JSON.stringify(many) });
    expect(!r.ok && r.error.code).toBe('invalid-request');
    expect(!r.ok && r.error.message).toMatch(/at most 1000/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(core.feeds()).toEqual([]);
    expect(await call(invoke.feedsImport, { json: JSON.stringify(many.slice(0, 3)) })).toEqual({
      ok: true,
      data: { added: 3, skipped: 0 },
    });
  });

  it('imports all or nothing: a feed the store refuses (header listed twice) leaves no feed of the file behind', async () => {
    const json = JSON.stringify({
      feeds: [
        { url: `${server.url}/first`, name: 'First' },
        {
          url: `${server.url}/second`,
          headers: [
            { name: 'X-Key', value: '1', secret: false },
            { name: 'x-key', value: '2', secret: false },
          ],
        },
      ],
    });
    const r = await call(invoke.feedsImport, { json });
    expect(!r.ok && r.error.code).toBe('invalid-request');
    expect(!r.ok && r.error.issues?.map((i) => i.path)).toEqual(['feeds.1.headers.1.name']);
    expect(!r.ok && r.error.message).toMatch(/nothing was imported/i);
    expect(core.feeds()).toEqual([]);
    expect(core.statuses()).toEqual([]);
    expect(server.requests.filter((q) => q.path === '/first')).toEqual([]);
    // The same file without the clash imports whole.
    const fixed = JSON.parse(json) as { feeds: { headers?: unknown[] }[] };
    fixed.feeds[1]!.headers = fixed.feeds[1]!.headers!.slice(0, 1);
    expect(await call(invoke.feedsImport, { json: JSON.stringify(fixed) })).toEqual({
      ok: true,
      data: { added: 2, skipped: 0 },
    });
  });
});

describe('messages, settings and app handlers', () => {
  it('lists, gets and marks read with unread pushes; bad cursors and missing ids are clear errors', async () => {
    const feed = data<Feed>(await call(invoke.feedsAdd, input(`${server.url}/m`)));
    await server.waitForClients(1, { path: '/m' });
    for (let i = 0; i < 4; i++) server.send({ id: String(i), data: `message ${i}` }, '/m');
    await waitFor(() => core.unreadTotal() === 4, 'stored');
    const page = data<MessagePage>(await call(invoke.messagesList, { feedId: feed.id, limit: 3 }));
    expect(page.items.map((m) => m.data)).toEqual(['message 3', 'message 2', 'message 1']);
    expect(page.next).not.toBeNull();
    const rest = data<MessagePage>(await call(invoke.messagesList, { feedId: feed.id, limit: 3, cursor: page.next }));
    expect(rest.items.map((m) => m.data)).toEqual(['message 0']);
    const bad = await call(invoke.messagesList, { cursor: 'forged' });
    expect(!bad.ok && bad.error.code).toBe('invalid-request');
    expect(data<Message>(await call(invoke.messagesGet, { id: page.items[0]!.id })).data).toBe('message 3');
    const missing = await call(invoke.messagesGet, { id: 999_999 });
    expect(!missing.ok && missing.error.code).toBe('not-found');
    pushes.length = 0;
    expect(data(await call(invoke.messagesMarkRead, { ids: [page.items[0]!.id] }))).toEqual({ [feed.id]: 3 });
    await waitFor(() => pushes.some((p) => p.channel === push.unread), 'unread push');
    expect(data(await call(invoke.messagesMarkRead, { all: true }))).toEqual({});
    expect(core.unreadTotal()).toBe(0);
  });

  it('persists settings, pushes them and applies them through the host', async () => {
    const next = data<Settings>(
      await call(invoke.settingsUpdate, { theme: 'dark', retention: { maxPerFeed: 500, maxAgeDays: 3 } }),
    );
    expect(next.theme).toBe('dark');
    expect(pushes.filter((p) => p.channel === push.settings).map((p) => (p.payload as Settings).theme)).toEqual([
      'dark',
    ]);
    expect(host.applied.map((s) => s.theme)).toEqual(['dark']);
    expect(data<Settings>(await call(invoke.settingsGet)).retention).toEqual({ maxPerFeed: 500, maxAgeDays: 3 });
    const reopened = await open(tempDirOf(core));
    expect(reopened.settings().theme).toBe('dark');
    expect(reopened.settings().language).toBe('system');
  });

  it('merges a patch key by key: a key present but undefined (structured clone keeps it) changes nothing', async () => {
    const dnd = { mode: 'quiet-hours', until: null, quietStart: '23:00', quietEnd: '06:30' } as const;
    data<Settings>(await call(invoke.settingsUpdate, { dnd }));
    const next = data<Settings>(
      await call(invoke.settingsUpdate, { dnd: undefined, retention: undefined, theme: 'light' }),
    );
    expect(next.dnd).toEqual(dnd);
    expect(next.retention).toEqual({ maxPerFeed: 100_000, maxAgeDays: 90 });
    expect(core.settings()).toEqual(next);
    expect((pushes.at(-1)?.payload as Settings).dnd).toEqual(dnd);
    expect(core.updateSettings({ digestThreshold: undefined } as Partial<Settings>).digestThreshold).toBe(5);
  });

  it('opens only http(s) links through the host', async () => {
    expect((await call(invoke.appOpenExternal, { url: 'https://example.com/docs?q=1' })).ok).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'not a url',
      'smb://host/share',
    ]) {
      const r = await call(invoke.appOpenExternal, { url });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error.message).toMatch(/Only http:\/\/ and https:\/\/ links|Enter an http:\/\/ or https:\/\/ URL/);
      if (!r.ok) expect(['url', 'urlScheme']).toContain(r.error.problem.kind);
    }
    // A link with credentials is refused here by the rule main applies too (issue 13: it used to reach main).
    const withCredentials = await call(invoke.appOpenExternal, { url: 'https://user:pass@example.com/' });
    expect(withCredentials).toMatchObject({
      ok: false,
      error: { code: 'forbidden', problem: { kind: 'urlCredentials' } },
    });
    expect(host.opened).toEqual(['https://example.com/docs?q=1']);
    expect((await call(invoke.appOpenLogs)).ok).toBe(true);
    expect(host.logsOpened).toBe(1);
  });

  it('snapshots everything the renderer needs and writes a diagnostics report without header values', async () => {
    const feed = data<Feed>(
      await call(
        invoke.feedsAdd,
        input(`${server.url}/diag?token=abc123`, {
          name: 'Diag',
          headers: [{ name: 'X-Api-Key', value: 'plain-key-value', secret: false }],
        }),
      ),
    );
    await server.waitForClients(1, { path: '/diag' });
    server.send({ id: '1', data: 'hello' }, '/diag');
    await waitFor(() => core.unreadTotal() === 1, 'stored');
    const snap = data<Snapshot>(await call(invoke.appSnapshot));
    expect(snap.feeds.map((f) => f.id)).toEqual([feed.id]);
    expect(snap.statuses.map((s) => s.feedId)).toEqual([feed.id]);
    expect(snap.unread).toEqual({ [feed.id]: 1 });
    expect(snap.messages.items.map((m) => m.data)).toEqual(['hello']);
    expect(snap.systemLocale).toBe('en-GB');
    expect(snap.version).toBe('1.2.3');
    const report = data<string>(await call(invoke.appDiagnostics));
    expect(report).toContain('Version: 1.2.3');
    expect(report).toContain('OS: test-os 1.0');
    expect(report).toContain('Diag');
    expect(report).toContain('state: open');
    expect(report).toContain('X-Api-Key');
    expect(report).not.toContain('plain-key-value');
    expect(report).not.toContain('abc123');
  });
});

function tempDirOf(c: CoreInstance): string {
  return c.dbPath.replace(/[/\\][^/\\]+$/, '');
}
