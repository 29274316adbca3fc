/**
 * Cursors: each feed's last event id, kept apart from the history (retention never touches them) and written in
 * the same transaction as the messages that moved them.
 */
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { Statements } from './statements';

export class CursorStore {
  constructor(private readonly sql: Statements) {}

  /**
   * Within the caller's transaction: every feed's cursor moves to where the last of these events leaves it (the
   * cursor the engine gave it; without one, its id), then to the moves that came after them (an id-only block,
   * an empty id: null clears the cursor).
   */
  advance(events: readonly FeedEvent[], moves: readonly CursorMove[] = []): void {
    const last = new Map<string, [string | null, number]>();
    for (const e of events) {
      if (e.cursor !== undefined) last.set(e.feedId, [e.cursor, e.receivedAt]);
      else if (e.eventId !== null) last.set(e.feedId, [e.eventId, e.receivedAt]);
    }
    for (const m of moves) last.set(m.feedId, [m.cursor, m.at]);
    const upsert = this.sql.get(
      'INSERT INTO cursors(feed, last_event_id, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT(feed) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at',
    );
    for (const [feed, [cursor, at]] of last) {
      if (cursor === null) this.reset(feed);
      else upsert.run(feed, cursor, at);
    }
  }

  all(): Map<string, string> {
    const rows = this.sql.get('SELECT feed, last_event_id FROM cursors').all() as {
      feed: string;
      last_event_id: string;
    }[];
    return new Map(rows.map((r) => [r.feed, r.last_event_id]));
  }

  get(feed: string): string | null {
    return this.sql.value<string>('SELECT last_event_id FROM cursors WHERE feed = ?', feed);
  }

  /** The feed reads a different stream, or is gone: its old position is meaningless. */
  reset(feed: string): void {
    this.sql.get('DELETE FROM cursors WHERE feed = ?').run(feed);
  }
}
