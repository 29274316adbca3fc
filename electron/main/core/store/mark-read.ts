/**
 * Marking messages read or unread. By ids (at most 10 000 by the contract): their flags. A whole feed or
 * everything: the feeds' read watermarks move to the newest message stored now (message-counters.ts), one row per
 * feed whatever the number of messages (and the few marked unread by hand), so it answers at once; later messages
 * stay unread.
 */
import type { UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest } from '../../../../shared/ipc/schemas';
import { inTransaction } from './database';
import { countChange, FEED_KEY, IS_READ, type CountChanges, type MessageCounters } from './message-counters';
import { newestMessageId } from './message-rows';
import type { Statements } from './statements';

export class ReadMarker {
  constructor(
    private readonly sql: Statements,
    private readonly counters: MessageCounters,
  ) {}

  markRead(request: MarkReadRequest): UnreadCounts {
    if ('ids' in request) return this.flag(request.ids, 1, -1);
    const feeds = 'feedId' in request ? [request.feedId] : this.counters.feeds();
    const upto = newestMessageId(this.sql);
    inTransaction(this.sql.db, () => {
      // The few marked unread by hand (read = 2, a small index) are read too; the watermark covers the rest.
      const markedUnread = this.sql.get(
        `UPDATE messages SET read = 1 WHERE feed = ${FEED_KEY} AND read = 2 AND id <= ?`,
      );
      for (const feed of feeds) markedUnread.run(feed, upto);
      this.counters.markFeedsRead(feeds, upto);
    });
    return this.counters.unreadCounts();
  }

  /** Marks these messages unread again (also below their feed's watermark). */
  markUnread(ids: readonly number[]): UnreadCounts {
    return this.flag(ids, 2, 1);
  }

  /** Sets the read column of those of `ids` whose state changes (read ↔ unread); each moves its feed's count. */
  private flag(ids: readonly number[], read: 1 | 2, unreadDelta: 1 | -1): UnreadCounts {
    const changes: CountChanges = new Map();
    const changing = read === 1 ? `NOT ${IS_READ}` : IS_READ;
    inTransaction(this.sql.db, () => {
      const rows = this.sql
        .get(
          `UPDATE messages AS m SET read = ${read} WHERE ${changing} AND m.id IN (SELECT value FROM json_each(?)) ` +
            'RETURNING feed',
        )
        .all(JSON.stringify(ids)) as { feed: number }[];
      for (const { feed } of rows) countChange(changes, this.counters.feedOf(feed), 0, unreadDelta);
      this.counters.persist(changes);
    });
    this.counters.apply(changes);
    return this.counters.unreadCounts();
  }
}
