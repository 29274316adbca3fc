/**
 * The composer's sending, in main: a feed's publish target (the one its server profile suggests for its URL), the
 * feed's stored credentials, and a memory of the ids the servers answered with, so the echo of a message sent
 * from here is recognised (marked, never stored twice: nothing is stored locally, only the echo).
 */
import type { Feed } from '../../../../shared/domain';
import { detectFromUrl } from '../profiles/registry';
import type { ProfileId } from '../profiles/types';
import type { FetchLike } from '../types';
import { defaultTarget } from './prepare';
import { publish } from './send';
import type { OutgoingMessage, PublishResult, PublishTarget } from './types';

export interface FeedPublisherDeps {
  feed(id: string): Feed | undefined;
  /** The feed's request headers, secrets decrypted (they go with the publish). */
  headers(id: string): Record<string, string>;
  /** The feed's Mercure publisher token, decrypted; null when none is stored. */
  publishToken?(id: string): string | null;
  fetch?: FetchLike;
}

export type FeedPublishResult =
  PublishResult | { ok: false; failure: 'no-target' | 'not-found'; status: null; error: string };

/** How many answered ids are remembered per feed for echo matching. */
const REMEMBERED = 200;

export class FeedPublisher {
  private readonly sent = new Map<string, string[]>();

  constructor(private readonly deps: FeedPublisherDeps) {}

  /** The profile a feed publishes with: its setting, else what its URL says, else none. */
  private profileOf(feed: Feed): ProfileId | null {
    const setting = feed.profile ?? 'auto';
    return setting === 'auto' ? detectFromUrl(feed.url) : setting;
  }

  /**
   * The target a feed's messages go to: the one set in its editor, else what its profile suggests for its URL;
   * null when it has none (or the user turned publishing off).
   */
  target(feed: Feed): PublishTarget | null {
    const chosen = feed.server?.publish;
    if (chosen !== undefined) return chosen;
    const profile = this.profileOf(feed);
    return profile ? defaultTarget(profile, feed.url) : null;
  }

  async publish(feedId: string, message: OutgoingMessage): Promise<FeedPublishResult> {
    const feed = this.deps.feed(feedId);
    if (!feed) return { ok: false, failure: 'not-found', status: null, error: feedId };
    const target = this.target(feed);
    if (!target) return { ok: false, failure: 'no-target', status: null, error: feed.url };
    const result = await publish(target, message, {
      fetch: this.deps.fetch,
      headers: this.deps.headers(feedId),
      publisherToken: this.deps.publishToken?.(feedId) ?? null,
    });
    if (result.ok && result.messageId) {
      const ids = this.sent.get(feedId) ?? [];
      ids.push(result.messageId);
      if (ids.length > REMEMBERED) ids.shift();
      this.sent.set(feedId, ids);
    }
    return result;
  }

  /** Whether a message of this feed is the echo of one sent from here (by the id the server answered with). */
  sentHere(feedId: string, serverId: string | null): boolean {
    return serverId !== null && (this.sent.get(feedId)?.includes(serverId) ?? false);
  }
}
