/**
 * The cursor as storage keeps it, through the real core: it moves with id-only blocks and empty ids as the
 * standard says, never becomes an id that cannot be sent back, and a feed whose server sends such ids keeps
 * receiving and restarts cleanly from the last good one.
 */
import Database from 'libsql';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createCore, type CoreInstance } from '../../../electron/main/core/index';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { tempDir, testCodec } from '../store/helpers';
import { waitFor } from './helpers';

let server: SseTestServer;
let dir: ReturnType<typeof tempDir>;
const cores: CoreInstance[] = [];
beforeEach(async () => {
  server = await startSseServer();
  dir = tempDir('tidings-cursor-');
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await server.close();
  dir.cleanup();
});

async function open(): Promise<CoreInstance> {
  const core = await createCore({ dataDir: dir.dir, secrets: testCodec() });
  cores.push(core);
  return core;
}

function stored(core: CoreInstance): { cursor: string | null; ids: (string | null)[] } {
  const db = new Database(core.dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT last_event_id AS id FROM cursors').get() as { id: string } | undefined;
    const ids = (db.prepare('SELECT event_id AS id FROM messages ORDER BY rowid').all() as { id: string | null }[]).map(
      (r) => r.id,
    );
    return { cursor: row?.id ?? null, ids };
  } finally {
    db.close();
  }
}

test('ids with control characters or over 1 KiB are stored with their messages, never as the cursor; a restart resumes cleanly', async () => {
  let core = await open();
  await core.addFeedFromUrl(`${server.url}/events`);
  await server.waitForClients(1);
  const long = 'L'.repeat(70_000);
  await server.writeRaw(`id: ok\ndata: a\n\nid: b\u0001d\ndata: b\n\nid: ${long}\ndata: c\n\ndata: d\n\n`);
  await waitFor(() => stored(core).ids.length === 4, 'four messages stored');
  expect(stored(core)).toEqual({ cursor: 'ok', ids: ['ok', 'b\u0001d', long, null] });
  expect(core.statuses()[0]!.state).toBe('open');
  await core.close();

  core = await open();
  await server.waitForClients(1);
  expect(server.requests.at(-1)!.lastEventId).toBe('ok');
  await waitFor(() => core.statuses()[0]!.state === 'open', 'open after the restart');
  server.send({ id: 'next', data: 'e' });
  await waitFor(() => stored(core).cursor === 'next', 'the next id is the cursor');
});

test('an id-only block moves the stored cursor; an empty id clears it, and the restart sends none', async () => {
  let core = await open();
  await core.addFeedFromUrl(`${server.url}/events`);
  await server.waitForClients(1);
  await server.writeRaw('id: 1\ndata: a\n\n');
  await waitFor(() => stored(core).cursor === '1', 'cursor 1');
  await server.writeRaw('id: 2\n\n');
  await waitFor(() => stored(core).cursor === '2', 'cursor 2 from an id-only block');
  expect(stored(core).ids).toEqual(['1']);
  await server.writeRaw('id\n\n');
  await waitFor(() => stored(core).cursor === null, 'cursor cleared by an empty id');
  await core.close();

  core = await open();
  await server.waitForClients(1);
  expect(server.requests.map((r) => r.lastEventId)).toEqual([null, null]);
});

test('a stored cursor that cannot be sent (an older version saved it) is not used: the feed connects from now', async () => {
  let core = await open();
  const feed = await core.addFeedFromUrl(`${server.url}/events`);
  await server.waitForClients(1);
  await core.close();
  const db = new Database(core.dbPath);
  db.prepare('INSERT INTO cursors(feed, last_event_id, updated_at) VALUES (?, ?, 0)').run(feed.id, 'bad\u0001id');
  db.close();
  core = await open();
  await waitFor(() => core.statuses()[0]!.state === 'open', 'open');
  expect(server.requests.at(-1)!.lastEventId).toBeNull();
});
