/**
 * The write path: one batch of events (messages and cursors) in one transaction with prepared statements.
 * Duplicates — the same feed, event id, type and data, which is what a replay sends — are left out by the insert
 * itself; the same id with other content is a new event (a server that restarted and numbers from 1 again).
 */
import type { Message } from '../../../../shared/domain';
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { CursorStore } from './cursor-store';
import { inTransaction } from './database';
import { countChange, type CountChanges, type MessageCounters } from './message-counters';
import { storedData, storedMessage, wellFormedEvent } from './message-rows';
import { byteSize } from './preview';
import type { Statements } from './statements';

/** Batches at least this large take the multi-row path. */
const BULK_MIN = 8;
/** …and average data at most this long (measured per row: 100 B 6 µs bulk vs 8 each, 400 B 8 vs 9, 1 KB 13 vs 10). */
const BULK_MAX_AVG_CHARS = 600;

/** meta key of the last batch committed with a token: "token firstId lastId". */
const COMMIT_KEY = 'ingest_commit';

const INSERT_COLUMNS =
  'messages(feed, type, event_id, data, data_format, truncated, received_at, backfill, size, fields, priority, ' +
  'read, original_size)';

export class MessageWriter {
  constructor(
    private readonly sql: Statements,
    private readonly cursors: CursorStore,
    private readonly counters: MessageCounters,
  ) {}

  /**
   * Stores a batch in one transaction; returns the messages actually stored (duplicates left out). Cursor moves
   * that came after these events (see CursorStore.advance) are written in the same transaction.
   */
  append(input: readonly FeedEvent[], moves: readonly CursorMove[] = [], token?: string): Message[] {
    if (input.length === 0 && moves.length === 0) return [];
    const events = input.map(wellFormedEvent);
    const changes: CountChanges = new Map();
    const stored = inTransaction(this.sql.db, () => {
      const keys = new Map<string, number>();
      for (const e of events) if (!keys.has(e.feedId)) keys.set(e.feedId, this.counters.keyOf(e.feedId));
      const replays = this.mayHoldReplays(events, keys);
      const rows =
        events.length === 0
          ? []
          : !replays && bulkPays(events)
            ? this.insertBulk(events, keys)
            : this.insertEach(events, keys, replays);
      this.cursors.advance(events, moves);
      for (const m of rows) {
        countChange(changes, m.feedId, 1, m.read ? 0 : 1);
        const value = m.eventId === null ? null : wholeNumber(m.eventId);
        const change = changes.get(m.feedId);
        if (value !== null && change) change.highestId = Math.max(change.highestId ?? value, value);
      }
      this.counters.persist(changes);
      if (token !== undefined) {
        // Which rows this batch became, in the same transaction: a retry after a lost answer finds them here.
        const first = rows.length === 0 ? 0 : (rows[0] as Message).id;
        const last = rows.length === 0 ? 0 : (rows[rows.length - 1] as Message).id;
        this.sql
          .get('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
          .run(COMMIT_KEY, `${token} ${first} ${last}`);
      }
      return rows;
    });
    // The counts in memory change only after the commit.
    this.counters.apply(changes);
    return stored;
  }

  /**
   * The ids of the rows the batch with this token became, when it was committed (the last committed batch only:
   * ingest has one batch in flight at a time). Null when it never was.
   */
  committed(token: string): { first: number; last: number } | null {
    const value = this.sql.value<string>('SELECT value FROM meta WHERE key = ?', COMMIT_KEY);
    if (typeof value !== 'string') return null;
    const [done, first, last] = value.split(' ');
    return done === token ? { first: Number(first), last: Number(last) } : null;
  }

  /**
   * Whether the batch may hold a duplicate: an id repeated within it or already stored for its feed (a replay, or
   * an id reused for a new event). Only ids that may have been seen before are looked up: a whole-number id above
   * the highest its feed ever stored cannot be (most live streams number their events so, and the lookup is a
   * fifth of an insert's cost); replays after a resume and other ids are.
   */
  private mayHoldReplays(events: readonly FeedEvent[], feedKeys: ReadonlyMap<string, number>): boolean {
    const ids = new Set<string>();
    const keys: [number, string][] = [];
    for (const e of events) {
      if (e.eventId === null) continue;
      const key = `${e.feedId}\u0000${e.eventId}`;
      if (ids.has(key)) return true;
      ids.add(key);
      const value = wholeNumber(e.eventId);
      const highest = this.counters.highestId(e.feedId);
      if (value !== null && (highest === null || value > highest)) continue;
      keys.push([feedKeys.get(e.feedId) as number, e.eventId]);
    }
    if (keys.length === 0) return false;
    const probe = this.sql.get(
      'SELECT 1 FROM json_each(?) j WHERE EXISTS ' +
        '(SELECT 1 FROM messages d WHERE d.feed = j.value->>0 AND d.event_id = j.value->>1) LIMIT 1',
    );
    return probe.raw().get(JSON.stringify(keys)) !== undefined;
  }

  /**
   * Fast path for a batch without duplicates: multi-row INSERT … VALUES statements of VALUES_ROWS rows (one
   * native call per 64 rows instead of one per row). Until schema 12 this was one JSON parameter for the whole
   * batch in an INSERT … SELECT FROM json_each: writing and parsing the JSON cost a quarter of the CPU per event
   * (9.5–11 µs against 6.4–8.3 µs here, 200k × 100 B, batches of 2000). AUTOINCREMENT gives the rows
   * consecutive ids.
   */
  private insertBulk(events: readonly FeedEvent[], keys: ReadonlyMap<string, number>): Message[] {
    const rows: unknown[] = new Array(events.length);
    const sizes: number[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as FeedEvent;
      sizes[i] = byteSize(e.data);
      rows[i] = rowValues(e, keys.get(e.feedId) as number, storedData(e.data), sizes[i] as number);
    }
    // Rows in chunks of VALUES_ROWS, each chunk one statement with bound parameters (no JSON to write and parse).
    let last = 0;
    for (let start = 0; start < rows.length; start += VALUES_ROWS) {
      const chunk = rows.length - start >= VALUES_ROWS ? VALUES_ROWS : rows.length - start;
      const params: unknown[] = [];
      for (let i = start; i < start + chunk; i++) for (const v of rows[i] as unknown[]) params.push(v);
      last = Number(this.sql.get(valuesInsert(chunk)).run(...params).lastInsertRowid);
    }
    const first = last - events.length + 1;
    return events.map((e, i) => storedMessage(first + i, e, sizes[i] as number));
  }

  /**
   * Row by row. With `replays`, duplicates (same feed, event id, type and data, stored or earlier in the batch)
   * are skipped; the same id with other content is stored.
   */
  private insertEach(events: readonly FeedEvent[], keys: ReadonlyMap<string, number>, replays: boolean): Message[] {
    const stored: Message[] = [];
    const insert = this.sql.get(`INSERT INTO ${INSERT_COLUMNS} VALUES ${ROW_PARAMS}`);
    const replay = this.sql.get(
      'SELECT 1 FROM messages WHERE feed = ? AND event_id = ? AND type = ? AND data = ? LIMIT 1',
    );
    for (const e of events) {
      const data = storedData(e.data);
      const key = keys.get(e.feedId) as number;
      if (replays && e.eventId !== null && replay.raw().get(key, e.eventId, e.type, data.text) !== undefined) {
        continue; // a replay of what is stored (or came earlier in this batch)
      }
      const size = byteSize(e.data);
      const result = insert.run(...rowValues(e, key, data, size));
      stored.push(storedMessage(Number(result.lastInsertRowid), e, size));
    }
    return stored;
  }
}

/** Many small events: one statement per 64 rows beats a native call per row (large payloads: measured with JSON). */
function bulkPays(events: readonly FeedEvent[]): boolean {
  if (events.length < BULK_MIN) return false;
  let chars = 0;
  for (const e of events) chars += e.data.length;
  return chars / events.length <= BULK_MAX_AVG_CHARS;
}

/** One row's parameters, one per INSERT_COLUMNS column. */
const ROW_PARAMS = `(${INSERT_COLUMNS.replace(/^[^(]*\(|\)$/g, '')
  .split(',')
  .map(() => '?')
  .join(', ')})`;

/** Rows per multi-row INSERT. */
const VALUES_ROWS = 64;
const valuesSql = new Map<number, string>();

/** INSERT … VALUES with `rows` rows of parameters. */
function valuesInsert(rows: number): string {
  let sql = valuesSql.get(rows);
  if (sql === undefined) {
    sql = `INSERT INTO ${INSERT_COLUMNS} VALUES ` + new Array(rows).fill(ROW_PARAMS).join(', ');
    valuesSql.set(rows, sql);
  }
  return sql;
}

/** The values of one row, in INSERT_COLUMNS order. */
function rowValues(e: FeedEvent, feedKey: number, data: { text: string; format: 0 | 1 }, size: number): unknown[] {
  return [
    feedKey,
    e.type,
    e.eventId,
    data.text,
    data.format,
    e.truncated ? 1 : 0,
    e.receivedAt,
    e.backfill ? 1 : 0,
    size,
    e.fields ? JSON.stringify(e.fields) : null,
    e.fields?.priority ?? null,
    e.read ? 1 : 0,
    e.truncated && e.originalSize !== undefined ? e.originalSize : null,
  ];
}

/** The value of an id written as a whole number without sign or leading zeros (safe integers only), else null. */
function wholeNumber(id: string): number | null {
  return /^(0|[1-9][0-9]{0,14})$/.test(id) ? Number(id) : null;
}
