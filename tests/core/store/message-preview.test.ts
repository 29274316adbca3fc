/**
 * Message previews: list pages carry at most PREVIEW_CHARS characters of data, cut in SQL; get() returns the
 * whole data; size is the full data's UTF-8 byte length.
 */
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, type Db } from '../../../electron/main/core/store/database';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { migrations } from '../../../electron/main/core/store/migrations';
import { PREVIEW_CHARS, cutChars, decodeJsonPrefix, previewOf } from '../../../electron/main/core/store/preview';
import { captureLogger, event, tempDir, closeStore, openStore } from './helpers';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let store: MessageStore;

beforeEach(() => {
  ({ dir, db, store } = openStore());
});
afterEach(() => closeStore({ dir, db }));

/** ~1 MiB of text whose last characters appear nowhere else. */
function bigText(tail = 'THE-END-终'): string {
  return '{"blob":"' + 'abcdefgh'.repeat(130_000) + `","tail":"${tail}"}`;
}

describe('message previews in the store', () => {
  it('a 1 MiB event: list pages carry at most PREVIEW_CHARS characters, get returns it whole, size is its UTF-8 length', () => {
    const data = bigText();
    const [stored] = store.append([event({ feedId: 'a', eventId: 'big', data })]);
    store.append([event({ feedId: 'a', eventId: 'small', data: 'tiny 小' })]);
    expect(stored!.size).toBe(Buffer.byteLength(data, 'utf8'));
    expect(stored!.size).toBe(data.length + 2); // 终 takes three bytes
    expect(stored!.preview).toBe(false);

    const page = store.list({ limit: 10 });
    const big = page.items.find((m) => m.eventId === 'big')!;
    const small = page.items.find((m) => m.eventId === 'small')!;
    expect(big.data.length).toBe(PREVIEW_CHARS);
    expect(big.data).toBe(data.slice(0, PREVIEW_CHARS));
    expect(big.data).not.toContain('THE-END');
    expect(big.preview).toBe(true);
    expect(big.size).toBe(stored!.size);
    expect(small).toMatchObject({ data: 'tiny 小', preview: false, size: Buffer.byteLength('tiny 小') });

    const whole = store.get(stored!.id)!;
    expect(whole.data).toBe(data);
    expect(whole.data.endsWith('"tail":"THE-END-终"}')).toBe(true);
    expect(whole.preview).toBe(false);
    expect(whole.size).toBe(stored!.size);

    // Search results (scan of the unindexed tail, then through the index) are previews too.
    for (let pass = 0; pass < 2; pass++) {
      const found = store.list({ text: 'blob' }).items;
      expect(found.map((m) => m.eventId)).toEqual(['big']);
      expect(found[0]!.data.length).toBe(PREVIEW_CHARS);
      expect(found[0]!.preview).toBe(true);
      while (store.indexStep(1000) > 0);
    }
  });

  it('data of exactly PREVIEW_CHARS characters is not a preview; one more is', () => {
    const exact = 'e'.repeat(PREVIEW_CHARS);
    const over = 'o'.repeat(PREVIEW_CHARS + 1);
    store.append([
      event({ feedId: 'a', eventId: 'exact', data: exact }),
      event({ feedId: 'a', eventId: 'over', data: over }),
    ]);
    const byId = new Map(store.list({}).items.map((m) => [m.eventId, m]));
    expect(byId.get('exact')).toMatchObject({ data: exact, preview: false, size: PREVIEW_CHARS });
    expect(byId.get('over')).toMatchObject({
      data: over.slice(0, PREVIEW_CHARS),
      preview: true,
      size: PREVIEW_CHARS + 1,
    });
  });

  it('multi-byte text: the preview counts UTF-16 units, never splits a surrogate pair, size counts bytes', () => {
    const emoji = '😀'.repeat(PREVIEW_CHARS); // 2 units, 4 bytes each
    const cjk = '订'.repeat(PREVIEW_CHARS + 5); // 1 unit, 3 bytes each
    const short = '订'.repeat(PREVIEW_CHARS); // more than PREVIEW_CHARS bytes, but whole
    store.append([
      event({ feedId: 'a', eventId: 'emoji', data: emoji }),
      event({ feedId: 'a', eventId: 'cjk', data: cjk }),
      event({ feedId: 'a', eventId: 'short', data: short }),
    ]);
    const byId = new Map(store.list({}).items.map((m) => [m.eventId, m]));
    expect(byId.get('emoji')).toMatchObject({
      data: '😀'.repeat(PREVIEW_CHARS / 2),
      preview: true,
      size: PREVIEW_CHARS * 4,
    });
    expect(byId.get('cjk')).toMatchObject({
      data: '订'.repeat(PREVIEW_CHARS),
      preview: true,
      size: (PREVIEW_CHARS + 5) * 3,
    });
    expect(byId.get('short')).toMatchObject({ data: short, preview: false, size: PREVIEW_CHARS * 3 });
    expect(cutChars('a😀', 2)).toBe('a');
  });

  it('data with NUL characters (stored as a JSON literal) is previewed from its start and returned whole by get', () => {
    const data = '\u0000\n"quoted"\\' + 'z'.repeat(PREVIEW_CHARS * 2) + '\u0000END';
    const [stored] = store.append([event({ feedId: 'a', eventId: 'nul', data })]);
    const [item] = store.list({}).items;
    expect(item!.data).toBe(data.slice(0, PREVIEW_CHARS));
    expect(item!.preview).toBe(true);
    expect(item!.size).toBe(data.length);
    expect(store.get(stored!.id)!.data).toBe(data);
    // Short NUL data comes whole.
    store.append([event({ feedId: 'a', eventId: 'nul-short', data: 'a\u0000b' })]);
    expect(store.list({ limit: 1 }).items[0]).toMatchObject({ data: 'a\u0000b', preview: false, size: 3 });
  });

  it('decodes JSON literals cut anywhere, inside escapes too', () => {
    const text = 'a\u0000b"c\\d\ne\u0001😀f';
    const literal = JSON.stringify(text);
    for (let cut = 1; cut <= literal.length; cut++) {
      const decoded = decodeJsonPrefix(literal.slice(0, cut));
      expect(text.startsWith(decoded), `cut ${cut}: ${JSON.stringify(decoded)}`).toBe(true);
    }
    expect(decodeJsonPrefix(literal)).toBe(text);
  });

  it('previewOf keeps short messages as they are and cuts long ones', () => {
    const [small, big] = store.append([
      event({ feedId: 'a', data: 'hello' }),
      event({ feedId: 'a', data: 'x'.repeat(PREVIEW_CHARS * 3) }),
    ]);
    expect(previewOf(small!)).toBe(small);
    expect(previewOf(big!)).toEqual({ ...big, data: 'x'.repeat(PREVIEW_CHARS), preview: true });
  });

  it('rows stored before schema 2 (no size column) get their size from the stored text and are searchable again', () => {
    db.close();
    dir.cleanup();
    dir = tempDir();
    const old = new Database(join(dir.dir, DATABASE_FILE));
    old.exec('BEGIN');
    old.exec(migrations[0] as string);
    old.exec('PRAGMA user_version = 1');
    old.exec('COMMIT');
    const insert = old.prepare('INSERT INTO messages(feed, type, event_id, data, received_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('a', 'message', '1', 'order shipped 订单已发货', 1);
    insert.run('a', 'message', '2', 'x'.repeat(PREVIEW_CHARS + 10), 2);
    old.exec('INSERT INTO messages_fts(rowid, data) SELECT id, data FROM messages');
    old.exec("UPDATE meta SET value = 2 WHERE key = 'fts_upto'");
    old.close();

    db = openDatabase(dir.dir, { logger: captureLogger() }).db;
    store = new MessageStore(db);
    const items = store.list({}).items;
    expect(items.map((m) => [m.eventId, m.size, m.preview])).toEqual([
      ['2', PREVIEW_CHARS + 10, true],
      ['1', Buffer.byteLength('order shipped 订单已发货'), false],
    ]);
    expect(store.get(items[1]!.id)!.size).toBe(Buffer.byteLength('order shipped 订单已发货'));
    // The index starts over (its text is now split); deleting an old row while it refills is safe.
    expect(store.indexLag()).toBe(2);
    expect(store.list({ text: '发货' }).items.map((m) => m.eventId)).toEqual(['1']);
    while (store.indexStep(1000) > 0);
    expect(store.list({ text: '发货' }).items.map((m) => m.eventId)).toEqual(['1']);
    expect(store.list({ text: 'shipped' }).items.map((m) => m.eventId)).toEqual(['1']);
    expect(store.pruneStep({ maxPerFeed: 1, maxAgeDays: 36_500 }, 3, 10)).toBe(1);
    expect(() =>
      db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });
});
