/**
 * Marking messages read: by ids (at most 10 000 by the contract) at once; a whole feed or everything in chunks,
 * only what was stored before the request, with a pause between chunks so ingest and IPC keep flowing (a million
 * unread rows take seconds to update).
 */
import type { UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest } from '../../../../shared/ipc/schemas';
import type { MessageCounters } from './message-counters';
import { newestMessageId } from './message-rows';
import type { Statements } from './statements';

/** Rows per mark-read statement for a feed or everything. */
const MARK_CHUNK = 5000;
/** Bound on the chunk loop (5 billion rows). */
const MAX_CHUNKS = 1_000_000;

export class ReadMarker {
  constructor(
    private readonly sql: Statements,
    private readonly counters: MessageCounters,
  ) {}

  /** Marks everything the request names, synchronously. */
  markRead(request: MarkReadRequest): UnreadCounts {
    if ('ids' in request) return this.markIds(request.ids);
    const { feed, upto } = this.scope(request);
    for (let i = 0; i < MAX_CHUNKS; i++) if (this.markChunk(feed, upto) < MARK_CHUNK) break;
    return this.counters.unreadCounts();
  }

  /** The same, awaiting `pause` between chunks. */
  async markReadInSteps(request: MarkReadRequest, pause: () => Promise<void>): Promise<UnreadCounts> {
    if ('ids' in request) return this.markIds(request.ids);
    const { feed, upto } = this.scope(request);
    for (let i = 0; i < MAX_CHUNKS; i++) {
      if (this.markChunk(feed, upto) < MARK_CHUNK) break;
      await pause();
    }
    return this.counters.unreadCounts();
  }

  private markIds(ids: readonly number[]): UnreadCounts {
    const rows = this.sql
      .get('UPDATE messages SET read = 1 WHERE read = 0 AND id IN (SELECT value FROM json_each(?)) RETURNING feed')
      .all(JSON.stringify(ids)) as { feed: string }[];
    this.counters.markedRead(rows.map((r) => r.feed));
    return this.counters.unreadCounts();
  }

  /** A feed (or every feed: null), up to the newest message stored now. */
  private scope(request: Exclude<MarkReadRequest, { ids: number[] }>): { feed: string | null; upto: number } {
    const feed = 'feedId' in request ? request.feedId : null;
    return { feed, upto: newestMessageId(this.sql) };
  }

  private markChunk(feed: string | null, upto: number): number {
    const byFeed = feed === null ? '' : 'feed = ? AND ';
    const rows = this.sql
      .get(
        'UPDATE messages SET read = 1 WHERE id IN ' +
          `(SELECT id FROM messages WHERE ${byFeed}read = 0 AND id <= ? LIMIT ?) RETURNING feed`,
      )
      .all(...(feed === null ? [] : [feed]), upto, MARK_CHUNK) as { feed: string }[];
    this.counters.markedRead(rows.map((r) => r.feed));
    return rows.length;
  }
}
