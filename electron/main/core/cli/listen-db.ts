/**
 * `listen --db FILE`: stores what the listener receives with the app's own store and ingest (same schema,
 * duplicates dropped, messages and cursor in one transaction). Each URL becomes a feed row (found again by URL on
 * the next run, so its stored cursor resumes the stream). Header values are not stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { defaultFeedInput } from '../api/feed-service';
import { Ingest } from '../ingest/ingest';
import { migrate } from '../store/database';
import { defaultFeedName, FeedStore } from '../store/feed-store';
import { MessageStore } from '../store/message-store';
import type { FeedEvent } from '../feeds/types';
import type { Clock, Logger, SecretCodec, Timers } from '../types';

export interface EventDatabase {
  accept(events: readonly FeedEvent[]): void;
  /** The stored cursor of the feed with this URL. */
  cursor(url: string): string | null;
  /** Messages stored so far by this run. */
  readonly stored: number;
  close(): void;
}

const noSecrets: SecretCodec = {
  available: false,
  encrypt() {
    throw new Error('the listener stores no secrets');
  },
  decrypt() {
    throw new Error('the listener stores no secrets');
  },
};

export async function openEventDatabase(
  file: string,
  urls: readonly string[],
  deps: { clock: Clock; timers: Timers; logger: Logger },
): Promise<EventDatabase> {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    const feeds = new FeedStore(db, noSecrets);
    const ids = new Map<string, string>();
    for (const url of urls) {
      const existing = feeds.findByUrl(url);
      const feed =
        existing ??
        feeds.create({ ...defaultFeedInput(url), name: defaultFeedName(url) }, randomUUID(), deps.clock.now());
      ids.set(url, feed.id);
    }
    const store = new MessageStore(db);
    const ingest = new Ingest({ store, timers: deps.timers, logger: deps.logger });
    let stored = 0;
    ingest.onStored((messages) => (stored += messages.length));
    return {
      accept(events) {
        ingest.accept(events.map((e) => ({ ...e, feedId: ids.get(e.feedId) ?? e.feedId })));
      },
      cursor(url) {
        const id = ids.get(url);
        return id === undefined ? null : store.cursor(id);
      },
      get stored() {
        return stored;
      },
      close() {
        ingest.close();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
