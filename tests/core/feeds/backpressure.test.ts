/**
 * Nothing lost when storage cannot keep up: a real SQLite write lock held by another connection (the database
 * is locked: every write fails after the busy timeout) for longer than the pending bound lasts at a high event
 * rate. The engine must stop reading instead of dropping, and once the lock is gone store every event exactly
 * once. The cursor written with the messages never passes an event that is not stored.
 */
import Database from 'libsql';
import { afterEach, expect, test } from 'vitest';
import { createCore, type CoreInstance } from '../../../electron/main/core/index';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { captureLogger, tempDir, testCodec } from '../store/helpers';
import { sleep, waitFor } from './helpers';

let server: SseTestServer | null = null;
let core: CoreInstance | null = null;
let dir: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  await server?.close();
  dir?.cleanup();
  [core, server, dir] = [null, null, null];
});

test('storage locked past the pending bound at a high rate: reading stops, then 0 lost, 0 duplicated', async () => {
  server = await startSseServer();
  dir = tempDir('tidings-backpressure-');
  const logger = captureLogger();
  const maxPending = 1000;
  core = await createCore({
    dataDir: dir.dir,
    secrets: testCodec(),
    logger,
    ingest: { maxPending, retryDelayMs: 150 },
  });
  const feed = await core.addFeedFromUrl(`${server.url}/events`);
  await server.waitForClients(1);

  const reader = new Database(core.dbPath, { readonly: true });
  const count = (): { n: number; ids: number; cursor: string | null } => {
    const row = reader
      .prepare(
        'SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM messages ' +
          'WHERE feed = (SELECT key FROM feed_counts WHERE feed = ?)', // messages.feed: the feed's integer key
      )
      .get(feed.id) as { n: number; ids: number };
    const cursor = reader.prepare('SELECT last_event_id AS id FROM cursors WHERE feed = ?').get(feed.id) as
      { id: string } | undefined;
    return { n: row.n, ids: row.ids, cursor: cursor?.id ?? null };
  };

  const total = 12_000;
  let next = 1;
  const send = (n: number): void => {
    for (let k = 0; k < n; k++, next++) server!.send({ id: String(next), data: `event ${next} ${'p'.repeat(80)}` });
  };
  send(500);
  await waitFor(() => count().n === 500, 'the first 500 stored', 10_000);

  // Another connection takes the write lock: every write of the core now fails ("database is locked").
  const locker = new Database(core.dbPath);
  locker.pragma('busy_timeout = 1000');
  locker.exec('BEGIN EXCLUSIVE');
  locker.exec("INSERT INTO settings(key, value) VALUES ('lock-probe', '1') ON CONFLICT(key) DO NOTHING");
  send(total - 500); // far more than the pending bound, written to the socket at once
  const lockedUntil = Date.now() + 4000;
  let storedWhileLocked = 0;
  while (Date.now() < lockedUntil) {
    await sleep(100);
    const seen = count();
    storedWhileLocked = Math.max(storedWhileLocked, seen.n);
    // The stored cursor never passes what is stored: with ids 1…n stored in order it is exactly n.
    expect(seen.cursor === null || Number(seen.cursor) <= seen.n).toBe(true);
  }
  const receivedWhileLocked = core.statuses()[0]!.counters.events;
  locker.exec('ROLLBACK');
  locker.close();

  await waitFor(() => count().n >= total, `all ${total} stored`, 30_000).catch((error: unknown) => {
    console.log(JSON.stringify({ stored: count(), status: core!.statuses()[0] }));
    console.log(logger.lines.slice(-5).map((l) => `${l.message} ${String(l.details[0])}`));
    throw error;
  });
  await sleep(100);
  const final = count();
  reader.close();
  expect(storedWhileLocked).toBe(500); // nothing could be written while the lock was held…
  expect(final).toEqual({ n: total, ids: total, cursor: String(total) }); // …and nothing was lost or doubled
  // Reading stopped near the bound instead of pulling all 11,500 waiting events into memory.
  expect(receivedWhileLocked - 500).toBeLessThan(maxPending * 3);
  expect(logger.lines.some((l) => /Storing events failed/.test(l.message))).toBe(true);
  expect(logger.lines.some((l) => /Dropped/.test(l.message))).toBe(false);
}, 60_000);
