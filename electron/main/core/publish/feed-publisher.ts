/**
 * The composer's sending, in main: a feed's publish target (the one its server profile suggests for its URL), the
 * feed's stored credentials, and a memory of the ids the servers answered with, so the echo of a message sent
 * from here is recognised (marked, never stored twice: nothing is stored locally, only the echo).
 *
 * The echo can outrun the answer: the server hands the message to its subscribers and answers the publisher at
 * once, and on a loaded machine the stream's bytes are read first (seen with the real Nchan). So while a publish
 * is in flight, a message of that feed whose text is exactly the text being sent is taken as its echo — once per
 * send, so a second identical message from someone else is not. A server that answers without naming an id
 * (a generic target, Pushpin's control API) leaves only the text to go by, for ECHO_WINDOW_MS after its answer.
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
  /** Epoch ms (tests pass a fake clock). */
  now?: () => number;
}

export type FeedPublishResult =
  PublishResult | { ok: false; failure: 'no-target' | 'not-found'; status: null; error: string };

/** How many answered ids are remembered per feed for echo matching. */
const REMEMBERED = 200;
/** How long after an answer without an id its echo is still recognised by its text. */
export const ECHO_WINDOW_MS = 10_000;

interface Pending {
  text: string;
  echoed: boolean;
  /** Null while the publish is in flight; then when its text stops matching (epoch ms). */
  until: number | null;
}

export class FeedPublisher {
  private readonly sent = new Map<string, string[]>();
  /** Per feed, the texts whose echo may still come without a known id (see the top of this file). */
  private readonly pending = new Map<string, Pending[]>();

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
    const entry: Pending = { text: message.text, echoed: false, until: null };
    this.pending.set(feedId, [...(this.pending.get(feedId) ?? []), entry]);
    let result: PublishResult | null = null;
    try {
      result = await publish(target, message, {
        fetch: this.deps.fetch,
        headers: this.deps.headers(feedId),
        publisherToken: this.deps.publishToken?.(feedId) ?? null,
      });
    } finally {
      // Answered with an id: the id decides from now on. Echoed already, or refused: nothing more to wait for.
      if (result?.ok && result.messageId === null && !entry.echoed) entry.until = this.now() + ECHO_WINDOW_MS;
      else this.forget(feedId, entry);
    }
    if (result.ok && result.messageId) {
      const ids = this.sent.get(feedId) ?? [];
      ids.push(result.messageId);
      if (ids.length > REMEMBERED) ids.shift();
      this.sent.set(feedId, ids);
    }
    return result;
  }

  /**
   * Whether a message of this feed is the echo of one sent from here: by the id the server answered with, or, while
   * no id is known, by its text (`text`: the message's body, else its data).
   */
  sentHere(feedId: string, serverId: string | null, text: string | null = null): boolean {
    if (serverId !== null && (this.sent.get(feedId)?.includes(serverId) ?? false)) return true;
    const entries = this.pending.get(feedId);
    if (text === null || !entries) return false;
    const now = this.now();
    for (const expired of entries.filter((p) => p.until !== null && p.until <= now)) this.forget(feedId, expired);
    const match = entries.find((p) => !p.echoed && p.text === text && (p.until === null || p.until > now));
    if (!match) return false;
    match.echoed = true;
    if (match.until !== null) this.forget(feedId, match);
    return true;
  }

  private forget(feedId: string, entry: Pending): void {
    const left = (this.pending.get(feedId) ?? []).filter((p) => p !== entry);
    if (left.length > 0) this.pending.set(feedId, left);
    else this.pending.delete(feedId);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}
