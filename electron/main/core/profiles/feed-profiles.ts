/**
 * Server profiles between the feed engine and its consumers (ingest in the app, the listener's output). The
 * engine asks each feed's `request` hook how to connect (URL, headers, the resume cursor as `since=` or
 * `Last-Event-ID`); every dispatched event then passes `process`: control traffic is dropped (the watchdog has
 * already counted its bytes; diagnostics count it and show its raw frames), events an inclusive `since=` sends again
 * are dropped, and the rest carry their mapped fields and — for profiles that resume with `since=` — the cursor
 * the profile reads out of them, which is what gets stored and sent back after a drop or a restart.
 */
import type { FeedEvent } from '../feeds/types';
import { ProfileSession } from './registry';
import type {
  MappedMessage,
  ProfileEvent,
  ProfileFeed,
  ProfileId,
  ProfileSetting,
  RequestPlan,
  ServerProfile,
} from './types';

export interface ProfiledFeed extends ProfileFeed {
  id: string;
  profile: ProfileSetting;
}

/** What a feed's profile is doing, for diagnostics and the editor. */
export interface ProfileState {
  profile: ProfileId;
  /** False while an `auto` feed waits for its first events to tell. */
  detected: boolean;
  controlEvents: number;
  lastControlAt: number | null;
}

interface Entry {
  feed: ProfiledFeed;
  session: ProfileSession;
  /** The stored cursor when the feed was configured (a `since` profile's cursor after a restart). */
  stored: string | null;
  /** The cursor a `since` profile read out of the last message passed on. */
  cursor: string | null;
  reported: boolean;
  /** The engine's request hook: the same function while URL and profile stay the same (the engine compares it). */
  hook: ((engineCursor: string | null) => RequestPlan) | null;
}

/** Generic JSON fields are kept only when they add to what the summary already shows. */
function worthKeeping(profile: ServerProfile, fields: MappedMessage): boolean {
  if (profile.id !== 'generic') return true;
  return fields.priority !== null || fields.link !== null || fields.tags.length > 0 || fields.icon !== null;
}

export class FeedProfiles {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param onDetected an `auto` feed's first events showed its server (not its URL): the host may keep that as
   *   the feed's profile, so the next start resumes the server's way from its first request.
   */
  constructor(
    private readonly clock: { now(): number } = { now: () => Date.now() },
    private readonly onDetected: (feedId: string, profile: ProfileId) => void = () => undefined,
    /** Whether a message is the echo of one this app sent (FeedPublisher). */
    private readonly sentHere: (feedId: string, serverId: string | null, text: string | null) => boolean = () => false,
  ) {}

  /** Sets up (or keeps) a feed's profile; returns the engine's request hook for it. */
  configure(feed: ProfiledFeed, storedCursor: string | null): (engineCursor: string | null) => RequestPlan {
    const previous = this.entries.get(feed.id);
    // Another URL, profile or way to connect is a new session (and a new hook, so the engine reconnects).
    const same =
      previous &&
      previous.feed.url === feed.url &&
      previous.feed.profile === feed.profile &&
      (previous.feed.authInQuery ?? false) === (feed.authInQuery ?? false) &&
      (previous.feed.firstSince ?? null) === (feed.firstSince ?? null);
    const entry: Entry = same
      ? { ...previous, feed }
      : {
          feed,
          session: new ProfileSession(feed.profile, feed.url),
          stored: storedCursor,
          cursor: null,
          reported: false,
          hook: null,
        };
    this.entries.set(feed.id, entry);
    entry.hook ??= (engineCursor) => {
      const current = this.entries.get(feed.id) ?? entry;
      const profile = current.session.profile;
      const cursor =
        profile.resume === 'last-event-id'
          ? engineCursor
          : profile.resume === 'since'
            ? (current.cursor ?? current.stored)
            : null;
      current.session.connecting(cursor);
      return profile.request(current.feed, cursor);
    };
    return entry.hook;
  }

  remove(feedId: string): void {
    this.entries.delete(feedId);
  }

  state(feedId: string): ProfileState | null {
    const entry = this.entries.get(feedId);
    if (!entry) return null;
    const { session } = entry;
    return {
      profile: session.profile.id,
      detected: session.detected,
      controlEvents: session.controlEvents,
      lastControlAt: session.lastControlAt,
    };
  }

  /** The events to store (or print): control traffic and replays left out, fields and cursors set. */
  process(batch: readonly FeedEvent[]): FeedEvent[] {
    const out: FeedEvent[] = [];
    for (const event of batch) {
      const entry = this.entries.get(event.feedId);
      if (!entry) {
        out.push(event);
        continue;
      }
      const profileEvent: ProfileEvent = {
        type: event.type,
        data: event.data,
        lastEventId: event.lastEventId ?? event.eventId,
      };
      const wasDetected = entry.session.detected;
      const classified = entry.session.classify(profileEvent, this.clock.now());
      if (!wasDetected && entry.session.detected && entry.feed.profile === 'auto' && !entry.reported) {
        entry.reported = true;
        if (classified.profile !== 'generic') this.onDetected(event.feedId, classified.profile);
      }
      if (classified.kind !== 'message') continue;
      const profile = entry.session.profile;
      const mapped = this.sentHere(event.feedId, classified.mapped.serverId, classified.mapped.body ?? event.data)
        ? { ...classified.mapped, sentHere: true }
        : classified.mapped;
      const fields = mapped.sentHere || worthKeeping(profile, mapped) ? mapped : null;
      if (profile.resume === 'last-event-id') {
        out.push(fields ? { ...event, fields } : event);
        continue;
      }
      if (classified.cursor !== null) entry.cursor = classified.cursor;
      // A `since` profile's cursor is what it reads out of the messages, never the stream's ids.
      out.push({ ...event, fields, cursor: entry.cursor ?? entry.stored });
    }
    return out;
  }

  /**
   * A cursor move without an event (an id-only block, a filtered event): kept for `last-event-id` profiles; a
   * `since` profile's cursor only moves with its messages, and a profile without resume has none.
   */
  keepsCursorMove(feedId: string): boolean {
    const entry = this.entries.get(feedId);
    return !entry || entry.session.profile.resume === 'last-event-id';
  }
}
