/**
 * NotificationPolicy: which stored messages become native notifications. Pure apart from its own memory of what
 * it recently notified (for the per-feed rate limit); time comes from the injected clock. The platform feeds it
 * each stored batch (`decide`) and calls `flush` at `nextFlushAt()` to release held digests.
 *
 * - Per-feed rules (Feed.notify): off / all / only some event types, keyword include and exclude.
 * - Do-not-disturb (until a time, or quiet hours across midnight) suppresses everything, digests included.
 * - Rate limit: more than settings.digestThreshold messages from one feed within a minute become one digest
 *   ("12 new messages from Orders"), held briefly so a burst collapses into one notification, and at most one
 *   digest per feed per cooldown while the burst lasts.
 * - Backfill (events replayed after a resume) becomes one digest ("30 messages while you were away").
 * - Priority (what the feed's server profile read out of a message; none stated counts as 3): below the feed's
 *   minimum (default 3) a message is stored silently; an urgent one (5) is always notified on its own, through a
 *   burst's digest, and marked urgent (Linux urgency `critical`, Windows `timeoutType: 'never'`).
 *
 * Digest texts come from the injected translator, read when the digest is released, so they follow the user's
 * language (English by default). A single message's title and body are the feed's name and the message itself.
 */
import type { Feed, FeedId, Message, NotificationRule, Settings } from '../../../../shared/domain';
import { DEFAULT_PRIORITY, type Priority } from '../../../../shared/message-fields';
import type { Clock } from '../types';
import { isDndActive, localMinutesOfDay, type MinutesOfDay } from './dnd';
import { summarize } from '../../../../shared/summary';
import { createTranslator, type Translator } from '../i18n';

export type NotificationKind = 'message' | 'digest' | 'backfill';

export interface NotificationDecision {
  kind: NotificationKind;
  /** Feed of the message a click should open (the newest one for digests). */
  feedId: FeedId;
  messageId: number;
  title: string;
  body: string;
  /** Messages this notification stands for. */
  count: number;
  /** An urgent message (priority 5): the OS's urgent level where it has one. */
  urgent?: boolean;
  /**
   * A single message's first actions (at most NOTIFICATION_ACTIONS), for notification buttons where the OS has
   * them: `index` is the action's place in the message's fields. A `view` opens its URL; an `http` action only
   * opens the window at its confirmation.
   */
  actions?: { index: number; kind: 'view' | 'http'; label: string; url: string }[];
}

/** How many of a message's actions a notification offers as buttons. */
export const NOTIFICATION_ACTIONS = 2;

export interface PolicyOptions {
  clock: Clock;
  /** Rate-limit window. */
  windowMs?: number;
  /** How long a digest waits for more of the same burst before it is shown. */
  settleMs?: number;
  /** Minimum gap between two digests of the same feed (or two backfill digests). */
  cooldownMs?: number;
  minutesOfDay?: MinutesOfDay;
  /** The translator for digest texts, read at each release (so a language change applies at once). English by default. */
  strings?: () => Translator;
}

interface Pending {
  count: number;
  newest: Message;
  feeds: Set<FeedId>;
  dueAt: number;
}

interface Lane {
  /** Times of messages notified (individually or in a digest) within the window. */
  recent: number[];
  lastDigestAt: number;
  pending: Pending | null;
}

const BACKFILL = '\u0000backfill';
const DEFAULT_TYPE = 'message';

export function passesRule(rule: NotificationRule, message: Pick<Message, 'type' | 'data'>): boolean {
  if (rule.mode === 'off') return false;
  if (rule.mode === 'types' && !rule.types.includes(message.type)) return false;
  if (rule.include.length === 0 && rule.exclude.length === 0) return true;
  const text = message.data.toLowerCase();
  if (rule.include.length > 0 && !rule.include.some((k) => text.includes(k.toLowerCase()))) return false;
  return !rule.exclude.some((k) => text.includes(k.toLowerCase()));
}

export function priorityOf(message: Pick<Message, 'fields'>): Priority {
  return message.fields?.priority ?? DEFAULT_PRIORITY;
}

/** Whether a message is important enough for the feed's rule (the minimum priority, 3 unless set). */
export function meetsPriority(rule: NotificationRule, message: Pick<Message, 'fields'>): boolean {
  return priorityOf(message) >= (rule.minPriority ?? DEFAULT_PRIORITY);
}

export function messageTitle(feed: Pick<Feed, 'name'>, type: string): string {
  return type === DEFAULT_TYPE ? feed.name : `${feed.name} · ${type}`;
}

export class NotificationPolicy {
  private readonly lanes = new Map<string, Lane>();
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly settleMs: number;
  private readonly cooldownMs: number;
  private readonly minutesOfDay: MinutesOfDay;
  private readonly strings: () => Translator;

  constructor(options: PolicyOptions) {
    this.clock = options.clock;
    this.windowMs = options.windowMs ?? 60_000;
    this.settleMs = options.settleMs ?? 2_000;
    this.cooldownMs = options.cooldownMs ?? 15_000;
    this.minutesOfDay = options.minutesOfDay ?? localMinutesOfDay;
    this.strings = options.strings ?? (() => createTranslator('en'));
  }

  /** Decisions for one stored batch: individual notifications now; digests are held and come from `flush`. */
  decide(batch: readonly Message[], feeds: readonly Feed[], settings: Settings): NotificationDecision[] {
    const now = this.clock.now();
    if (isDndActive(settings.dnd, now, this.minutesOfDay)) {
      this.dropPending();
      return [];
    }
    const byId = new Map(feeds.map((f) => [f.id, f]));
    const live = new Map<FeedId, Message[]>();
    const backfill: Message[] = [];
    const urgent: [Feed, Message][] = [];
    for (const message of batch) {
      const feed = byId.get(message.feedId);
      // A muted feed is stored and listed, never notified (urgent messages included).
      if (!feed || feed.muted) continue;
      if (!passesRule(feed.notify, message) || !meetsPriority(feed.notify, message)) continue;
      if (priorityOf(message) === 5) urgent.push([feed, message]);
      else if (message.backfill) backfill.push(message);
      else {
        const list = live.get(message.feedId);
        if (list) list.push(message);
        else live.set(message.feedId, [message]);
      }
    }

    // Urgent messages break through digests: each one on its own, now (they still count towards the burst).
    const decisions: NotificationDecision[] = urgent.map(([feed, message]) => {
      this.lane(feed.id).recent.push(now);
      return this.single(feed, message);
    });
    if (backfill.length > 0) this.hold(this.lane(BACKFILL), backfill, now);
    for (const [feedId, messages] of live) {
      const feed = byId.get(feedId) as Feed;
      const lane = this.lane(feedId);
      lane.recent = lane.recent.filter((t) => t > now - this.windowMs);
      if (lane.pending === null && lane.recent.length + messages.length <= settings.digestThreshold) {
        for (const message of messages) {
          lane.recent.push(now);
          decisions.push(this.single(feed, message));
        }
      } else {
        for (let i = 0; i < messages.length; i += 1) lane.recent.push(now);
        this.hold(lane, messages, now);
      }
    }
    return decisions;
  }

  /** Digests whose wait is over. Call at (or after) `nextFlushAt()`. */
  flush(feeds: readonly Feed[], settings: Settings): NotificationDecision[] {
    const now = this.clock.now();
    if (isDndActive(settings.dnd, now, this.minutesOfDay)) {
      this.dropPending();
      return [];
    }
    const byId = new Map(feeds.map((f) => [f.id, f]));
    const decisions: NotificationDecision[] = [];
    for (const [key, lane] of this.lanes) {
      const pending = lane.pending;
      if (!pending || pending.dueAt > now) continue;
      lane.pending = null;
      const decision = this.digest(key, pending, byId);
      if (!decision) continue;
      if (decision.kind !== 'message') lane.lastDigestAt = now;
      decisions.push(decision);
    }
    return decisions;
  }

  /** When the next held digest is due, or null when nothing is held. */
  nextFlushAt(): number | null {
    let next: number | null = null;
    for (const lane of this.lanes.values()) {
      if (lane.pending && (next === null || lane.pending.dueAt < next)) next = lane.pending.dueAt;
    }
    return next;
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { recent: [], lastDigestAt: Number.NEGATIVE_INFINITY, pending: null };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private hold(lane: Lane, messages: readonly Message[], now: number): void {
    const newest = messages[messages.length - 1] as Message;
    if (lane.pending) {
      lane.pending.count += messages.length;
      lane.pending.newest = newest;
      for (const m of messages) lane.pending.feeds.add(m.feedId);
      return;
    }
    lane.pending = {
      count: messages.length,
      newest,
      feeds: new Set(messages.map((m) => m.feedId)),
      dueAt: Math.max(now + this.settleMs, lane.lastDigestAt + this.cooldownMs),
    };
  }

  private dropPending(): void {
    for (const lane of this.lanes.values()) lane.pending = null;
  }

  private single(feed: Feed, message: Message): NotificationDecision {
    return {
      kind: 'message',
      feedId: message.feedId,
      messageId: message.id,
      title: message.fields?.title ? `${feed.name}: ${message.fields.title}` : messageTitle(feed, message.type),
      body: message.fields?.body ? summarize(message.fields.body) : summarize(message.data) || message.type,
      count: 1,
      ...(priorityOf(message) === 5 ? { urgent: true } : {}),
      ...(message.fields?.actions.length
        ? {
            actions: message.fields.actions
              .slice(0, NOTIFICATION_ACTIONS)
              .map((a, index) => ({ index, kind: a.kind, label: a.label, url: a.url })),
          }
        : {}),
    };
  }

  private digest(key: string, pending: Pending, byId: Map<FeedId, Feed>): NotificationDecision | null {
    const newestFeed = byId.get(pending.newest.feedId);
    if (key === BACKFILL) {
      const feeds = [...pending.feeds].map((id) => byId.get(id)).filter((f): f is Feed => f !== undefined);
      if (feeds.length === 0) return null;
      const onlyFeed = feeds.length === 1 ? feeds[0] : undefined;
      return {
        kind: 'backfill',
        feedId: pending.newest.feedId,
        messageId: pending.newest.id,
        title: onlyFeed ? onlyFeed.name : this.strings().appName,
        body: this.strings().notify.backfillBody({ count: pending.count }),
        count: pending.count,
      };
    }
    if (!newestFeed) return null;
    // A "digest" of one message (a trickle just over the limit) reads better as the message itself.
    if (pending.count === 1) return this.single(newestFeed, pending.newest);
    return {
      kind: 'digest',
      feedId: newestFeed.id,
      messageId: pending.newest.id,
      title: newestFeed.name,
      body: this.strings().notify.digestBody({ count: pending.count, feed: newestFeed.name }),
      count: pending.count,
    };
  }
}
