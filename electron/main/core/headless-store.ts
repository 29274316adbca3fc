/**
 * A Tidings database for hosts that feed events in themselves (the headless listener's --db): the app's own
 * store, ingest and recovery path (on the calling thread: a CLI has no window to keep responsive) (openDatabaseFile: a damaged file is moved aside, busy timeout, migrations).
 * Each URL becomes a feed row, found again by URL on the next run so its stored cursor resumes the stream.
 * Header values are not stored.
 */
import { randomUUID } from 'node:crypto';
import { defaultFeedInput } from './api/feed-service';
import type { FlowControl } from './feeds/attempt';
import type { CursorMove, FeedEvent } from './feeds/types';
import { Ingest } from './ingest/ingest';
import { openDatabaseFile } from './store/database';
import { defaultFeedName, FeedStore } from './store/feed-store';
import { MessageStore } from './store/message-store';
import { LocalMessageStore } from './store/store-api';
import type { Clock, CoreNotice, Logger, SecretCodec, Timers } from './types';

export interface HeadlessStore {
  /** Stores these events (feedId: the URL) in batches, as the app's ingest does. */
  accept(events: readonly FeedEvent[]): void;
  /** A cursor move without an event (feedId: the URL), written after the events before it. */
  acceptCursor(move: CursorMove): void;
  /** Held while too many events wait to be written: the hub reads no more (backpressure). */
  readonly flow: FlowControl;
  /** The stored cursor of the feed with this URL. */
  cursor(url: string): string | null;
  /** Messages stored so far by this run. */
  readonly stored: number;
  /** What the user should hear about (e.g. a damaged file was moved aside). */
  readonly notices: readonly CoreNotice[];
  /** Stores what is still waiting, then closes the database. */
  close(): Promise<void>;
}

const noSecrets: SecretCodec = {
  available: false,
  encrypt() {
    throw new Error('a headless store keeps no secrets');
  },
  decrypt() {
    throw new Error('a headless store keeps no secrets');
  },
};

export function openHeadlessStore(
  file: string,
  urls: readonly string[],
  deps: { clock: Clock; timers: Timers; logger: Logger },
): HeadlessStore {
  const { db, notices } = openDatabaseFile(file, { logger: deps.logger, now: () => deps.clock.now() });
  try {
    const feeds = new FeedStore(db, noSecrets);
    const ids = new Map<string, string>();
    for (const url of urls) {
      const existing = feeds.findByUrl(url);
      const feed =
        existing ??
        feeds.create({ ...defaultFeedInput(url), name: defaultFeedName(url) }, randomUUID(), deps.clock.now());
      ids.set(url, feed.id);
    }
    const messages = new MessageStore(db, deps.logger);
    const ingest = new Ingest({ store: new LocalMessageStore(messages), timers: deps.timers, logger: deps.logger });
    let stored = 0;
    ingest.onDidStoreMessages((batch) => (stored += batch.length));
    return {
      accept(events) {
        ingest.accept(events.map((e) => ({ ...e, feedId: ids.get(e.feedId) ?? e.feedId })));
      },
      acceptCursor(move) {
        ingest.acceptCursor({ ...move, feedId: ids.get(move.feedId) ?? move.feedId });
      },
      flow: ingest.flow,
      cursor(url) {
        const id = ids.get(url);
        return id === undefined ? null : messages.cursor(id);
      },
      get stored() {
        return stored;
      },
      notices,
      async close() {
        await ingest.close();
        messages.close();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
