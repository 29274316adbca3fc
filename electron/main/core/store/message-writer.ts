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

/**
 * Characters of data after which a multi-row statement ends (at least one row each): large events do not gather
 * tens of megabytes of parameters.
 */
const STATEMENT_CHARS = 262_144;

/**
 * A row's event id equals `value`, written so that the lookup uses messages_feed_event, which orders a feed's ids
 * by length first (see migration 13).
 */
const SAME_EVENT_ID = (value: string, row = ''): string =>
  `length(${row}event_id) = length(${value}) AND ${row}event_id = ${value}`;

/** meta key of the last batch committed with a token: "token firstId lastId". */
const COMMIT_KEY = 'ingest_commit';

const INSERT_COLUMNS =
  'messages(feed, type, event_id, data, data_format, truncated, received_at, backfill, size, fields, priority, ' +
  'read, original_size)';

export class MessageWriter {
  /** The meta row of the last batch committed with a token (undefined: not read yet). */
  private lastCommit: string | null | undefined;

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
    return storedMessages(this.write(input, moves, token));
  }

  /**
   * append(), answering compactly when every event was stored: with consecutive ids, the first id and the
   * well-formed events are all a caller needs (no Message objects are made).
   */
  write(input: readonly FeedEvent[], moves: readonly CursorMove[] = [], token?: string): StoredBatch {
    if (input.length === 0 && moves.length === 0) return [];
    const events = input.map(wellFormedEvent);
    const changes: CountChanges = new Map();
    let commit: string | null = null;
    const stored = inTransaction(this.sql.db, (): StoredBatch => {
      const keys = new Map<string, number>();
      for (const e of events) if (!keys.has(e.feedId)) keys.set(e.feedId, this.counters.keyOf(e.feedId));
      const replays = this.mayHoldReplays(events, keys);
      let result: StoredBatch;
      let first: number;
      let last: number;
      if (events.length > 0 && !replays) {
        first = this.insertBulk(events, keys);
        last = first + events.length - 1;
        for (const e of events) countStored(changes, e.feedId, e.read === true, e.eventId);
        result = { first, events };
      } else {
        const rows = events.length === 0 ? [] : this.insertEach(events, keys, replays);
        for (const m of rows) countStored(changes, m.feedId, m.read, m.eventId);
        first = rows.length === 0 ? 0 : (rows[0] as Message).id;
        last = rows.length === 0 ? 0 : (rows[rows.length - 1] as Message).id;
        result = rows;
      }
      this.cursors.advance(events, moves);
      this.counters.persist(changes);
      if (token !== undefined) {
        // Which rows this batch became, in the same transaction: a retry after a lost answer finds them here.
        commit = `${token} ${first} ${last}`;
        this.sql
          .get('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
          .run(COMMIT_KEY, commit);
      }
      return result;
    });
    if (commit !== null) this.lastCommit = commit;
    // The counts in memory change only after the commit.
    this.counters.apply(changes);
    return stored;
  }

  /**
   * The ids of the rows the batch with this token became, when it was committed (the last committed batch only:
   * ingest has one batch in flight at a time). Null when it never was.
   */
  committed(token: string): { first: number; last: number } | null {
    // Read once; from then on this connection writes it (the store's only writer of messages).
    this.lastCommit ??= this.sql.value<string>('SELECT value FROM meta WHERE key = ?', COMMIT_KEY);
    const value = this.lastCommit;
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
    // Per feed, the highest whole-number id so far (stored, then in this batch): an id above it is new, and
    // cannot repeat one in the batch either. Only the other ids are remembered and looked up.
    const top = new Map<string, number>();
    let ids: Set<string> | null = null;
    const keys: [number, string][] = [];
    for (const e of events) {
      if (e.eventId === null) continue;
      const value = wholeNumber(e.eventId);
      if (value !== null) {
        const stored = this.counters.highestId(e.feedId) ?? -1;
        const highest = top.get(e.feedId) ?? stored;
        if (value > highest) {
          top.set(e.feedId, value);
          continue;
        }
        // Above every stored id but not above this batch's: it may repeat an id earlier in the batch.
        if (value > stored) return true;
      }
      const key = `${e.feedId}\u0000${e.eventId}`;
      ids ??= new Set();
      if (ids.has(key)) return true;
      ids.add(key);
      keys.push([feedKeys.get(e.feedId) as number, e.eventId]);
    }
    if (keys.length === 0) return false;
    if (keys.length === 1) {
      const [key, id] = keys[0] as [number, string];
      return (
        this.sql.value(`SELECT 1 FROM messages WHERE feed = ?1 AND ${SAME_EVENT_ID('?2')} LIMIT 1`, key, id) !== null
      );
    }
    const probe = this.sql.get(
      'SELECT 1 FROM json_each(?) j WHERE EXISTS ' +
        `(SELECT 1 FROM messages d WHERE d.feed = j.value->>0 AND ${SAME_EVENT_ID('j.value->>1', 'd.')}) LIMIT 1`,
    );
    return probe.raw().get(JSON.stringify(keys)) !== undefined;
  }

  /**
   * Every batch without duplicates: multi-row INSERT … VALUES statements of up to VALUES_ROWS rows (one
   * native call per 64 rows instead of one per row). Binding a parameter costs libsql about 0.3 µs, as much as
   * SQLite's whole B-tree work for a column, so a run of plain rows (no NUL characters, not cut, no profile
   * fields) binds only what differs from row to row — the event id, the data and the receive time, and the feed
   * and type unless the run shares them — and once per statement what the run shares; the size is computed by
   * SQLite from the bound data.
   * Other rows bind every column. Until schema 12 this was one JSON parameter for the whole batch in an INSERT …
   * SELECT FROM json_each: writing and parsing the JSON cost a quarter of the CPU per event. AUTOINCREMENT gives
   * the rows consecutive ids. Returns the first row's id.
   */
  private insertBulk(events: readonly FeedEvent[], keys: ReadonlyMap<string, number>): number {
    let first = 0;
    let i = 0;
    const params: unknown[] = [];
    while (i < events.length) {
      const e = events[i] as FeedEvent;
      const key = keys.get(e.feedId) as number;
      params.length = 0;
      let end = i + 1;
      let sql: string;
      if (isPlain(e)) {
        // A run of plain rows sharing read and backfill; when they share feed and type too (one busy feed), those
        // are bound once as well.
        const limit = Math.min(events.length, i + VALUES_ROWS);
        let uniform = true;
        let chars = e.data.length;
        for (; end < limit && chars < STATEMENT_CHARS; end++) {
          const r = events[end] as FeedEvent;
          if (!isPlain(r) || (r.read === true) !== (e.read === true) || r.backfill !== e.backfill) break;
          if (r.feedId !== e.feedId || r.type !== e.type) uniform = false;
          chars += r.data.length;
        }
        if (uniform) {
          params.push(key, e.type, e.read ? 1 : 0, e.backfill ? 1 : 0);
          for (let k = i; k < end; k++) {
            const r = events[k] as FeedEvent;
            params.push(r.eventId, r.data, r.receivedAt);
          }
        } else {
          params.push(0, '', e.read ? 1 : 0, e.backfill ? 1 : 0);
          for (let k = i; k < end; k++) {
            const r = events[k] as FeedEvent;
            params.push(keys.get(r.feedId) as number, r.type, r.eventId, r.data, r.receivedAt);
          }
        }
        sql = plainInsert(end - i, uniform);
      } else {
        const limit = Math.min(events.length, i + VALUES_ROWS);
        let chars = e.data.length;
        while (end < limit && chars < STATEMENT_CHARS && !isPlain(events[end] as FeedEvent)) {
          chars += (events[end] as FeedEvent).data.length;
          end++;
        }
        for (let k = i; k < end; k++) {
          const r = events[k] as FeedEvent;
          pushRowValues(params, r, keys.get(r.feedId) as number, storedData(r.data), byteSize(r.data));
        }
        sql = valuesInsert(end - i);
      }
      const last = Number(this.sql.get(sql).run(params).lastInsertRowid);
      if (i === 0) first = last - (end - i) + 1;
      i = end;
    }
    return first;
  }

  /**
   * Row by row. With `replays`, duplicates (same feed, event id, type and data, stored or earlier in the batch)
   * are skipped; the same id with other content is stored.
   */
  private insertEach(events: readonly FeedEvent[], keys: ReadonlyMap<string, number>, replays: boolean): Message[] {
    const stored: Message[] = [];
    const insert = this.sql.get(`INSERT INTO ${INSERT_COLUMNS} VALUES ${ROW_PARAMS}`);
    const replay = this.sql.get(
      `SELECT 1 FROM messages WHERE feed = ?1 AND ${SAME_EVENT_ID('?2')} AND type = ?3 AND data = ?4 LIMIT 1`,
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

/**
 * What a write stored: the messages (some events were duplicates, or the rows were written one by one), or every
 * event of the batch — well-formed, as stored — with consecutive ids from `first`.
 */
export type StoredBatch = Message[] | { first: number; events: readonly FeedEvent[] };

/** The messages a write stored. */
export function storedMessages(batch: StoredBatch): Message[] {
  if (Array.isArray(batch)) return batch;
  return batch.events.map((e, i) => storedMessage(batch.first + i, e, byteSize(e.data)));
}

/** Counts a stored message in its feed's changes (total, unread, highest whole-number id). */
function countStored(changes: CountChanges, feedId: string, read: boolean, eventId: string | null): void {
  countChange(changes, feedId, 1, read ? 0 : 1);
  const value = eventId === null ? null : wholeNumber(eventId);
  const change = changes.get(feedId);
  if (value !== null && change) change.highestId = Math.max(change.highestId ?? value, value);
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
  const values: unknown[] = [];
  pushRowValues(values, e, feedKey, data, size);
  return values;
}

/** Appends one row's values, in INSERT_COLUMNS order. */
function pushRowValues(
  into: unknown[],
  e: FeedEvent,
  feedKey: number,
  data: { text: string; format: 0 | 1 },
  size: number,
): void {
  into.push(
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
  );
}

/**
 * A row stored with the defaults of every column but feed, type, event id, data, receive time, read and backfill:
 * data without NUL characters (stored as is), not cut, no profile fields.
 */
function isPlain(e: FeedEvent): boolean {
  return !e.truncated && !e.fields && !e.data.includes('\u0000');
}

const plainSql = new Map<string, string>();

/**
 * INSERT of `rows` plain rows. ?3 and ?4 are the run's read and backfill flags. `uniform`: ?1 and ?2 are the run's
 * feed key and type, and each row binds its event id, data and receive time; else each row binds its feed key and
 * type too (?1 and ?2 unused).
 */
function plainInsert(rows: number, uniform: boolean): string {
  const name = `${rows}${uniform ? 'u' : 'm'}`;
  let sql = plainSql.get(name);
  if (sql === undefined) {
    const values: string[] = [];
    for (let r = 0; r < rows; r++) {
      if (uniform) {
        const p = 5 + 3 * r;
        values.push(`(?1, ?2, ?${p}, ?${p + 1}, ?${p + 2}, ?3, ?4, octet_length(?${p + 1}))`);
      } else {
        const p = 5 + 5 * r;
        values.push(`(?${p}, ?${p + 1}, ?${p + 2}, ?${p + 3}, ?${p + 4}, ?3, ?4, octet_length(?${p + 3}))`);
      }
    }
    sql =
      'INSERT INTO messages(feed, type, event_id, data, received_at, read, backfill, size) VALUES ' + values.join(', ');
    plainSql.set(name, sql);
  }
  return sql;
}

/** The value of an id written as a whole number without sign or leading zeros (safe integers only), else null. */
function wholeNumber(id: string): number | null {
  return /^(0|[1-9][0-9]{0,14})$/.test(id) ? Number(id) : null;
}
