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

/** Batches at least this large take the one-statement JSON path. */
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
      const replays = this.mayHoldReplays(events);
      const rows =
        events.length === 0
          ? []
          : !replays && bulkPays(events)
            ? this.insertBulk(events)
            : this.insertEach(events, replays);
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
  private mayHoldReplays(events: readonly FeedEvent[]): boolean {
    const ids = new Set<string>();
    const keys: [string, string][] = [];
    for (const e of events) {
      if (e.eventId === null) continue;
      const key = `${e.feedId}\u0000${e.eventId}`;
      if (ids.has(key)) return true;
      ids.add(key);
      const value = wholeNumber(e.eventId);
      const highest = this.counters.highestId(e.feedId);
      if (value !== null && (highest === null || value > highest)) continue;
      keys.push([e.feedId, e.eventId]);
    }
    if (keys.length === 0) return false;
    const probe = this.sql.get(
      'SELECT 1 FROM json_each(?) j WHERE EXISTS ' +
        '(SELECT 1 FROM messages d WHERE d.feed = j.value->>0 AND d.event_id = j.value->>1) LIMIT 1',
    );
    return probe.raw().get(JSON.stringify(keys)) !== undefined;
  }

  /**
   * Fast path for a batch without duplicates: the whole batch as one JSON parameter in one INSERT … SELECT (one
   * native call instead of one per row). AUTOINCREMENT gives the rows consecutive ids.
   */
  private insertBulk(events: readonly FeedEvent[]): Message[] {
    const rows: unknown[] = new Array(events.length);
    const sizes: number[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as FeedEvent;
      sizes[i] = byteSize(e.data);
      rows[i] = rowValues(e, storedData(e.data), sizes[i] as number);
    }
    const result = this.sql
      .get(
        `INSERT INTO ${INSERT_COLUMNS} ` +
          'SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, ' +
          'value->>9, value->>10, value->>11, value->>12 ' +
          'FROM json_each(?) ORDER BY key',
      )
      .run(JSON.stringify(rows));
    const first = Number(result.lastInsertRowid) - events.length + 1;
    return events.map((e, i) => storedMessage(first + i, e, sizes[i] as number));
  }

  /**
   * Row by row. With `replays`, duplicates (same feed, event id, type and data, stored or earlier in the batch)
   * are skipped; the same id with other content is stored.
   */
  private insertEach(events: readonly FeedEvent[], replays: boolean): Message[] {
    const stored: Message[] = [];
    const insert = this.sql.get(`INSERT INTO ${INSERT_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const replay = this.sql.get(
      'SELECT 1 FROM messages WHERE feed = ? AND event_id = ? AND type = ? AND data = ? LIMIT 1',
    );
    for (const e of events) {
      const data = storedData(e.data);
      if (replays && e.eventId !== null && replay.raw().get(e.feedId, e.eventId, e.type, data.text) !== undefined) {
        continue; // a replay of what is stored (or came earlier in this batch)
      }
      const size = byteSize(e.data);
      const result = insert.run(...rowValues(e, data, size));
      stored.push(storedMessage(Number(result.lastInsertRowid), e, size));
    }
    return stored;
  }
}

/** Many small events: one JSON statement beats a native call per row. Large payloads: copying them twice does not. */
function bulkPays(events: readonly FeedEvent[]): boolean {
  if (events.length < BULK_MIN) return false;
  let chars = 0;
  for (const e of events) chars += e.data.length;
  return chars / events.length <= BULK_MAX_AVG_CHARS;
}

/** The values of one row, in INSERT_COLUMNS order. */
function rowValues(e: FeedEvent, data: { text: string; format: 0 | 1 }, size: number): unknown[] {
  return [
    e.feedId,
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
