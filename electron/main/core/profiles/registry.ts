/**
 * The profiles, detection, and a feed's profile session: which profile reads the feed, what each event is
 * (control traffic or a message, mapped), and where the feed's cursor stands.
 */
import { couchdb } from './couchdb';
import { generic } from './generic';
import { mastodon } from './mastodon';
import { mercure } from './mercure';
import { nchan } from './nchan';
import { ntfy } from './ntfy';
import { smee } from './smee';
import type { MappedMessage, ProfileEvent, ProfileId, ProfileSetting, ServerProfile } from './types';
import { wikimedia } from './wikimedia';

export const PROFILES: Readonly<Record<ProfileId, ServerProfile>> = {
  generic,
  ntfy,
  mercure,
  nchan,
  wikimedia,
  mastodon,
  smee,
  couchdb,
};

/** Tried in this order, by URL and then by events; generic last, as the fallback. */
const DETECTION_ORDER: ServerProfile[] = [ntfy, mercure, wikimedia, mastodon, smee, couchdb, nchan];

/** Events seen before an undetected feed settles on `generic`. */
export const DETECTION_EVENTS = 3;

export function profileById(id: ProfileId): ServerProfile {
  return PROFILES[id];
}

/** The profile the URL alone identifies, or null (then the first events decide). */
export function detectFromUrl(url: string): ProfileId | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return DETECTION_ORDER.find((profile) => profile.matchesUrl(parsed))?.id ?? null;
}

/** What one event is, for the feed it arrived on. */
export type Classified =
  | { kind: 'control'; profile: ProfileId }
  /** Sent again by a server whose `since=` is inclusive: already stored, dropped like control traffic. */
  | { kind: 'replayed'; profile: ProfileId }
  | { kind: 'message'; profile: ProfileId; mapped: MappedMessage; cursor: string | null };

/**
 * One feed's profile over its connections. With the setting `auto`, the URL decides when it can; otherwise the
 * first events do (ntfy's `open`, Smee's `ready`, Nchan's ids and pings, Wikimedia's `meta`, CouchDB's `seq`),
 * and after DETECTION_EVENTS events without a verdict the feed is generic. A chosen profile is used as is.
 */
export class ProfileSession {
  private current: ServerProfile;
  private settled: boolean;
  private seen = 0;
  private replay: ((event: ProfileEvent) => boolean) | null = null;
  /** Control events so far (diagnostics). */
  controlEvents = 0;
  lastControlAt: number | null = null;

  constructor(setting: ProfileSetting, url: string) {
    if (setting !== 'auto') {
      this.current = PROFILES[setting];
      this.settled = true;
    } else {
      const detected = detectFromUrl(url);
      this.current = PROFILES[detected ?? 'generic'];
      this.settled = detected !== null;
    }
  }

  get profile(): ServerProfile {
    return this.current;
  }

  /** False while an `auto` feed's profile still depends on its first events. */
  get detected(): boolean {
    return this.settled;
  }

  /** A new connection, resumed from `cursor` (null on a first subscribe). */
  connecting(cursor: string | null): void {
    this.replay = cursor && this.current.replayFilter ? this.current.replayFilter(cursor) : null;
  }

  classify(event: ProfileEvent, now: number | null = null): Classified {
    if (!this.settled) this.detect(event);
    const profile = this.current;
    if (profile.isControl(event)) {
      this.controlEvents += 1;
      this.lastControlAt = now;
      return { kind: 'control', profile: profile.id };
    }
    if (this.replay?.(event)) return { kind: 'replayed', profile: profile.id };
    this.replay = null;
    return { kind: 'message', profile: profile.id, mapped: profile.map(event), cursor: profile.cursorOf(event) };
  }

  private detect(event: ProfileEvent): void {
    this.seen += 1;
    const match = DETECTION_ORDER.find((profile) => profile.recognises(event) === true);
    if (match) {
      this.current = match;
      this.settled = true;
    } else if (this.seen >= DETECTION_EVENTS) {
      this.settled = true;
    }
  }
}
