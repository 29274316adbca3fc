/**
 * The full-text search index (FTS5, contentless). It is filled in the background in chunks up to `upto`, so it
 * may lag ingest while storage never does; queries find the rows above `upto` by a scan. A damaged index never
 * breaks search or writes: it is emptied and refills from the start. Deleted messages keep their index entries
 * (deleting them row by row cost more than inserting the row): ids are never reused and search joins with
 * messages, so they match nothing; they are counted (meta.fts_stale), and when they outnumber the messages the
 * index is rebuilt.
 */
import type { Logger } from '../types';
import { inTransaction } from './database';
import { INDEX_SPLIT_GLOB, splitCjk } from './fts-query';
import { newestMessageId } from './message-rows';
import { CREATE_SEARCH_INDEX } from './migrations';
import { isDamagedIndex, type Statements } from './statements';

export class SearchIndex {
  private indexedUpto: number;
  private stale: number;

  constructor(
    private readonly sql: Statements,
    private readonly logger?: Logger,
  ) {
    this.indexedUpto = Number(sql.value<number>("SELECT value FROM meta WHERE key = 'fts_upto'") ?? 0);
    this.stale = Number(sql.value<number>("SELECT value FROM meta WHERE key = 'fts_stale'") ?? 0);
  }

  /** Index entries of deleted messages. */
  get staleEntries(): number {
    return this.stale;
  }

  /** Inside the deleting transaction: these messages are gone; the ones already indexed leave stale entries. */
  deleted(ids: readonly number[]): number {
    let n = 0;
    for (const id of ids) if (id <= this.indexedUpto) n++;
    if (n > 0) this.sql.get("UPDATE meta SET value = value + ? WHERE key = 'fts_stale'").run(n);
    return n;
  }

  /** After the commit of deleted(). */
  deletedCommitted(n: number): void {
    this.stale += n;
  }

  /** Rebuilds the index when stale entries outnumber the messages. Returns true when it did. */
  rebuildIfStale(messages: number): boolean {
    if (this.stale === 0 || this.stale <= messages) return false;
    this.logger?.info(`Rebuilding the search index (${this.stale} entries of deleted messages, ${messages} messages)`);
    this.reset();
    return true;
  }

  /** Every message with an id up to this is in the index. */
  get upto(): number {
    return this.indexedUpto;
  }

  /** Rows stored but not yet in the index. */
  lag(): number {
    return Math.max(0, newestMessageId(this.sql) - this.indexedUpto);
  }

  /** Indexes up to `max` rows not yet in the index. Returns how many rows remain after this step. */
  step(max: number): number {
    const upto = this.indexedUpto;
    const newest = newestMessageId(this.sql);
    if (newest <= upto) return 0;
    const end = Math.min(newest, upto + max);
    this.repairing(() =>
      inTransaction(this.sql.db, () => {
        // Text the tokenizer takes as is goes straight from table to index. Rows that may hold Chinese, Japanese
        // or Korean (any character from U+1100 up: a cheap superset) pass through JavaScript, where CJK runs are
        // split into single characters. The index is contentless: deletes need only the rowid (see migrations).
        const wide = this.sql
          .get('SELECT id, data FROM messages WHERE id > ? AND id <= ? AND data GLOB ?')
          .all(upto, end, INDEX_SPLIT_GLOB) as { id: number; data: string }[];
        const copy = 'INSERT INTO messages_fts(rowid, data) SELECT id, data FROM messages WHERE id > ? AND id <= ?';
        if (wide.length === 0) {
          this.sql.get(copy).run(upto, end);
        } else {
          this.sql
            .get(`${copy} AND id NOT IN (SELECT value FROM json_each(?))`)
            .run(upto, end, JSON.stringify(wide.map((r) => r.id)));
          const insert = this.sql.get('INSERT INTO messages_fts(rowid, data) VALUES (?, ?)');
          for (const { id, data } of wide) insert.run(id, splitCjk(data));
        }
        this.sql.get("UPDATE meta SET value = ? WHERE key = 'fts_upto'").run(end);
      }),
    );
    if (this.indexedUpto !== upto) return this.lag(); // the index was just reset
    this.indexedUpto = end;
    return newest - end;
  }

  /**
   * Runs something that touches the index (a write, a search); if the index is damaged, empties it and runs it
   * again — or, when given, runs `instead` (a search answered by scanning).
   */
  repairing<T>(body: () => T, instead: () => T = body): T {
    try {
      return body();
    } catch (error) {
      if (!isDamagedIndex(error)) throw error;
      this.logger?.error('The search index is damaged; rebuilding it in the background', error);
      this.reset();
      return instead();
    }
  }

  /** Empties the index; step() refills it from the start. */
  reset(): void {
    inTransaction(this.sql.db, () => {
      try {
        this.sql.db.exec("INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')");
      } catch (error) {
        if (!isDamagedIndex(error)) throw error;
        // Too damaged even to be emptied (e.g. right after a failed write in this connection): start it anew.
        this.sql.db.exec('DROP TABLE messages_fts');
        this.sql.db.exec(CREATE_SEARCH_INDEX);
      }
      this.sql.get("UPDATE meta SET value = 0 WHERE key IN ('fts_upto', 'fts_stale')").run();
    });
    this.indexedUpto = 0;
    this.stale = 0;
  }
}
