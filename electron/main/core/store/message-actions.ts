/**
 * What the user does to stored messages: mark unread, star, delete, clear a feed, and mark read exactly what a
 * view shows. Counts follow every change (deletes go through retention's delete; the search index keeps stale
 * entries, which match nothing: see search-index.ts).
 */
import type { UnreadCounts } from '../../../../shared/domain';
import type { MessageQuery } from '../../../../shared/ipc/schemas';
import { FEED_KEY, type MessageCounters } from './message-counters';
import type { MessageQueries } from './message-queries';
import { newestMessageId } from './message-rows';
import type { ReadMarker } from './mark-read';
import type { Retention } from './retention';
import type { Statements } from './statements';

/** Rows per statement when a view or a feed is worked through in steps. */
const STEP = 1000;
/** Bound on the step loops (a billion rows). */
const MAX_STEPS = 1_000_000;

export class MessageActions {
  constructor(
    private readonly sql: Statements,
    private readonly counters: MessageCounters,
    private readonly queries: MessageQueries,
    private readonly reads: ReadMarker,
    private readonly retention: Retention,
  ) {}

  markUnread(ids: readonly number[]): UnreadCounts {
    return this.reads.markUnread(ids);
  }

  /** Stars (or unstars) these messages; returns the ids that changed. */
  star(ids: readonly number[], starred: boolean): number[] {
    const rows = this.sql
      .get('UPDATE messages SET starred = ? WHERE starred = ? AND id IN (SELECT value FROM json_each(?)) RETURNING id')
      .all(starred ? 1 : 0, starred ? 0 : 1, JSON.stringify(ids)) as { id: number }[];
    return rows.map((r) => r.id);
  }

  delete(ids: readonly number[]): UnreadCounts {
    this.retention.deleteIds(ids);
    return this.counters.unreadCounts();
  }

  /** Deletes every message a feed has stored now (its cursor stays: the feed resumes where it left off). */
  clearFeed(feed: string): UnreadCounts {
    const upto = newestMessageId(this.sql);
    const ids = this.sql.get(`SELECT id FROM messages WHERE feed = ${FEED_KEY} AND id <= ? ORDER BY id LIMIT ?`);
    for (let i = 0; i < MAX_STEPS; i++) {
      const batch = (ids.all(feed, upto, STEP) as { id: number }[]).map((r) => r.id);
      if (batch.length === 0) break;
      this.retention.deleteIds(batch);
    }
    return this.counters.unreadCounts();
  }

  /**
   * Marks read exactly the unread messages the view shows (its feed, search and filters), stored up to now.
   * Returns the ids it marked, so the window can undo it, and the new counts.
   */
  markViewRead(query: MessageQuery, maxIds: number): { unread: UnreadCounts; ids: number[] } {
    const ids: number[] = [];
    let beforeId = newestMessageId(this.sql) + 1;
    const view: MessageQuery = { ...query, unread: true, cursor: null, limit: STEP };
    for (let i = 0; i < MAX_STEPS && ids.length < maxIds; i++) {
      const page = this.queries.list({ ...view, beforeId });
      for (const m of page.items) ids.push(m.id);
      const last = page.items[page.items.length - 1];
      if (!page.next || !last) break;
      beforeId = last.id;
    }
    const marked = ids.slice(0, maxIds);
    for (let i = 0; i < marked.length; i += 10_000) this.reads.markRead({ ids: marked.slice(i, i + 10_000) });
    return { unread: this.counters.unreadCounts(), ids: marked };
  }
}
