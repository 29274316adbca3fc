/**
 * The store worker (store-client.ts ↔ store-worker.ts): messages are stored and read on another thread; a worker
 * that dies is started again without losing or duplicating anything; one that keeps dying leaves a clear error;
 * the built worker (electron-vite's out/main/store-worker.js) starts and answers like the source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import type { MessageFields } from '../../../shared/message-fields';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { emptyMapped } from '../../../electron/main/core/profiles/fields';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import { openDatabase } from '../../../electron/main/core/store/database';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { StoreClient, StoreUnavailableError, storeWorkerEntry } from '../../../electron/main/core/store/store-client';
import { invoke } from '../../../shared/ipc/channels';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { recordingHost, waitFor } from '../api/host';
import { captureLogger, closeStore, event, openStore, tempDir, testCodec } from './helpers';

const root = resolve(__dirname, '../../..');
/** The newest modification time of a source file under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Profile fields as a feed's profile reads them out of a message. */
const fields: MessageFields = { ...emptyMapped(), title: 'T', priority: 4 };

const defaultRetention = { maxPerFeed: 1_000_000, maxAgeDays: 36_500 };

describe('MessageStore.append with a token', () => {
  it('stores a batch once: sent again with the same token it answers the rows it became', () => {
    const fixture = openStore();
    try {
      const batch = [event({ feedId: 'a', eventId: null }), event({ feedId: 'a', eventId: null })];
      const first = fixture.store.append(batch, [], 'ingest:1');
      const again = fixture.store.append(batch, [], 'ingest:1');
      expect(fixture.store.count()).toBe(2);
      expect(again.map((m) => [m.id, m.data])).toEqual(first.map((m) => [m.id, m.data]));
      // Another token is another batch (events without ids are never duplicates of each other).
      expect(fixture.store.append(batch, [], 'ingest:2')).toHaveLength(2);
      expect(fixture.store.count()).toBe(4);
    } finally {
      closeStore(fixture);
    }
  });
});

describe('StoreClient', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir('tidings-worker-');
  });
  afterEach(() => dir.cleanup());

  async function client(options: { maxRestarts?: number; entry?: ReturnType<typeof storeWorkerEntry> } = {}) {
    const opened = openDatabase(dir.dir, { logger: captureLogger() });
    const logger = captureLogger();
    const store = await StoreClient.start({
      path: opened.path,
      db: opened.db,
      logger,
      retention: defaultRetention,
      knownFeeds: () => ['a'],
      ...options,
    });
    return { store, db: opened.db, logger };
  }

  it('stores, reads, counts unread and marks read on the worker; the unread mirror follows each change', async () => {
    const { store, db } = await client();
    try {
      const heard: number[] = [];
      store.onDidChangeUnread(() => heard.push(store.unreadTotal()));
      const stored = await store.append(
        [event({ feedId: 'a', eventId: '1' }), event({ feedId: 'a', eventId: '2' })],
        [],
        't1',
      );
      expect(stored.map((m) => m.eventId)).toEqual(['1', '2']);
      // The counts arrive before the answer of the call that changed them.
      expect(store.unreadCounts()).toEqual({ a: 2 });
      expect(store.cursor('a')).toBe('2');
      expect((await store.list({ limit: 10 })).items.map((m) => m.eventId)).toEqual(['2', '1']);
      expect((await store.get(stored[0]!.id))?.data).toBe(stored[0]!.data);
      expect(await store.markRead({ feedId: 'a' })).toEqual({});
      expect(store.unreadTotal()).toBe(0);
      expect(heard).toEqual([2, 0]);
      await expect(store.list({ limit: 10, cursor: 'not a cursor' })).rejects.toThrow();
      // The messages append answers are the rows as stored (built on this thread from the events and the first id).
      const odd = await store.append(
        [
          event({ feedId: 'a', eventId: '3', data: 'nul \u0000 inside', fields }),
          event({ feedId: 'a', eventId: '4', data: 'lone \ud800 surrogate 😀', backfill: true }),
        ],
        [],
        't2',
      );
      for (const m of odd) expect(await store.get(m.id)).toEqual({ ...m, read: false });
      expect(odd[1]!.data).toBe('lone \ufffd surrogate 😀');
    } finally {
      await store.close();
      db.close();
    }
  });

  it('starts a new worker when one dies; calls it had not answered fail, later calls work', async () => {
    const { store, db, logger } = await client();
    try {
      await store.append([event({ feedId: 'a', eventId: '1' })], [], 't1');
      // Its next append commits, then the worker dies before answering: the call fails; sent again with the same
      // token it is recognised, not stored twice.
      const batch = [event({ feedId: 'a', eventId: '2' }), event({ feedId: 'a', eventId: null })];
      await store.crashWorker('after-commit');
      await expect(store.append(batch, [], 't2')).rejects.toThrow(/stopped/);
      expect(store.starts).toBe(2);
      expect((await store.append(batch, [], 't2')).map((m) => m.eventId)).toEqual(['2', null]);
      const unanswered = store.count();
      await store.crashWorker('now');
      await expect(unanswered).resolves.toBe(3); // answered before the crash: calls are handled in order
      expect(await store.count()).toBe(3);
      expect(store.starts).toBe(3);
      expect(store.unreadTotal()).toBe(3);
      expect(logger.lines.some((l) => l.level === 'warn' && /starting it again/.test(l.message))).toBe(true);
    } finally {
      await store.close();
      db.close();
    }
  });

  it('after too many deaths it stays stopped, and every call says so', async () => {
    const { store, db, logger } = await client({ maxRestarts: 2 });
    try {
      for (let i = 0; i < 3; i++) {
        await store.count();
        await store.crashWorker();
      }
      await expect(store.count()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(store.failed?.message).toMatch(/stopped 3 times/);
      expect(logger.lines.some((l) => l.level === 'error' && /not started again/.test(l.message))).toBe(true);
      expect(store.starts).toBe(3);
    } finally {
      await store.close();
      db.close();
    }
  });

  it('runs the built worker (out/main/store-worker.js) the same way', async () => {
    const out = join(root, 'out', 'main');
    const built = join(out, 'store-worker.js');
    if (!existsSync(built) || statSync(built).mtimeMs < newestSource(join(root, 'electron'))) {
      // `npm test` builds before vitest; a targeted run (or a build older than the source) builds here.
      const build = spawnSync(
        process.execPath,
        [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 240_000,
        },
      );
      expect(build.status, build.stderr).toBe(0);
    }
    const entry = storeWorkerEntry(out);
    expect(entry).toEqual({ entry: join(out, 'store-worker.js'), tsx: null });
    const { store, db } = await client({ entry });
    try {
      await store.append([event({ feedId: 'a', eventId: '7', data: 'built' })], [], 't1');
      expect((await store.list({ limit: 5 })).items.map((m) => m.data)).toEqual(['built']);
      expect(store.unreadTotal()).toBe(1);
    } finally {
      await store.close();
      db.close();
    }
  }, 300_000);
});

describe('a store worker that dies mid-burst', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: SseTestServer;
  let core: CoreInstance | null = null;
  beforeEach(async () => {
    dir = tempDir('tidings-crash-');
    server = await startSseServer();
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await server.close();
    dir.cleanup();
  });

  it('loses nothing and stores nothing twice: every event of the burst is in the reopened database once', async () => {
    const n = 20_000;
    core = await createCore({ dataDir: dir.dir, secrets: testCodec(), logger: captureLogger() });
    const stored = new Set<string>();
    let storedTotal = 0;
    core.onDidStoreMessages((batch: Message[]) => {
      for (const m of batch) stored.add(m.eventId ?? '');
      storedTotal += batch.length;
    });
    const handlers = core.createHandlers(recordingHost());
    const added = await dispatch(handlers, invoke.feedsAdd, { ...defaultFeedInput(`${server.url}/burst`), name: 'B' });
    expect(added.ok).toBe(true);
    await server.waitForClients(1, { path: '/burst' });
    let text = '';
    for (let i = 1; i <= n; i++) text += `id: ${i}\ndata: event ${i} ${'x'.repeat(80)}\n\n`;
    const sending = server.writeRaw(text, { path: '/burst', chunkSize: 64 * 1024, delayMs: 3 });
    // Twice during the burst: once right after a commit, before its answer (the batch is sent again and must not
    // be stored twice), once between two writes (what waits must all be stored by the next worker).
    await waitFor(() => storedTotal >= n / 4, 'a quarter stored', 20_000);
    await core.killStoreWorker('after-commit');
    await waitFor(() => storedTotal >= n / 2, 'half stored after the first restart', 20_000);
    await core.killStoreWorker('now');
    await sending;
    await waitFor(() => stored.size >= n, 'every event stored', 30_000);
    expect(core.storeWorkerStarts).toBe(3);
    expect(storedTotal).toBe(n); // each told once
    await core.close();
    core = null;

    const again = openDatabase(dir.dir, { logger: captureLogger() });
    try {
      const rows = again.db
        .prepare(
          'SELECT count(*), count(DISTINCT event_id), min(CAST(event_id AS INTEGER)), max(CAST(event_id AS INTEGER)) ' +
            'FROM messages',
        )
        .raw()
        .get();
      // rows, distinct ids, lowest id, highest id
      expect(rows).toEqual([n, n, 1, n]);
      const store = new MessageStore(again.db);
      expect(store.unreadTotal()).toBe(n);
      expect([...store.cursors().values()]).toEqual([String(n)]);
      store.close();
    } finally {
      again.db.close();
    }
  }, 120_000);
});
