/**
 * Marking messages read. By ids (at most 10 000 by the contract): their flags. A whole feed or everything: the
 * feeds' read watermarks move to the newest message stored now (message-counters.ts), one row per feed whatever
 * the number of messages, so it answers at once; later messages stay unread.
 */
import type { UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest } from '../../../../shared/ipc/schemas';
import { inTransaction } from './database';
import { countChange, IS_READ, type CountChanges, type MessageCounters } from './message-counters';
import { newestMessageId } from './message-rows';
import type { Statements } from './statements';

export class ReadMarker {
  constructor(
    private readonly sql: Statements,
    private readonly counters: MessageCounters,
  ) {}

  markRead(request: MarkReadRequest): UnreadCounts {
    if ('ids' in request) return this.markIds(request.ids);
    const feeds = 'feedId' in request ? [request.feedId] : this.counters.feeds();
    this.counters.markFeedsRead(feeds, newestMessageId(this.sql));
    return this.counters.unreadCounts();
  }

  private markIds(ids: readonly number[]): UnreadCounts {
    const changes: CountChanges = new Map();
    inTransaction(this.sql.db, () => {
      const rows = this.sql
        .get(
          `UPDATE messages AS m SET read = 1 WHERE NOT ${IS_READ} AND m.id IN (SELECT value FROM json_each(?)) ` +
            'RETURNING feed',
        )
        .all(JSON.stringify(ids)) as { feed: string }[];
      for (const { feed } of rows) countChange(changes, feed, 0, -1);
      this.counters.persist(changes);
    });
    this.counters.apply(changes);
    return this.counters.unreadCounts();
  }
}
