/**
 * Cursors: each feed's last event id, kept apart from the history (retention never touches them) and written in
 * the same transaction as the messages that moved them.
 */
import type { FeedEvent } from '../feeds/types';
import type { Statements } from './statements';

export class CursorStore {
  constructor(private readonly sql: Statements) {}

  /** Within the caller's transaction: every feed's cursor moves to the last id among these events. */
  advance(events: readonly FeedEvent[]): void {
    const last = new Map<string, FeedEvent>();
    for (const e of events) if (e.eventId !== null) last.set(e.feedId, e);
    const upsert = this.sql.get(
      'INSERT INTO cursors(feed, last_event_id, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT(feed) DO UPDATE SET last_event_id = excluded.last_event_id, updated_at = excluded.updated_at',
    );
    for (const [feed, e] of last) upsert.run(feed, e.eventId, e.receivedAt);
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
