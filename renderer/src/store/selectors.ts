/**
 * Domain selectors: what the window derives from the slices (a feed's visible state, whether it is a problem,
 * unread totals). Components use these instead of working the rules out themselves.
 */
import type { Feed, FeedState, FeedStatus, PauseSource } from '../../../shared/domain';
import type { AppState } from './types';

/** A feed's state as the window shows it: core's FeedState, with `idle` (not started yet) shown as connecting. */
export type VisibleState = Exclude<FeedState, 'idle'>;

export function visibleState(status: FeedStatus | undefined, enabled: boolean): VisibleState {
  if (!enabled) return 'disabled';
  const state = status?.state ?? 'idle';
  return state === 'idle' ? 'connecting' : state;
}

/** A feed that is not receiving (stopped, retrying, paused, turned off): its empty list says why. */
export function isProblemState(state: VisibleState): boolean {
  return state === 'stopped' || state === 'reconnecting' || state === 'paused' || state === 'disabled';
}

/** Whether the state comes with a reason worth showing (why it stopped, why it retries). */
export function hasReason(state: VisibleState): boolean {
  return state === 'stopped' || state === 'reconnecting';
}

export const selectFeed =
  (feedId: string | null) =>
  (s: AppState): Feed | undefined =>
    feedId ? s.feeds.find((f) => f.id === feedId) : undefined;

/** The visible state of a feed, or null when no such feed is listed. */
export const selectFeedState =
  (feedId: string | null) =>
  (s: AppState): VisibleState | null => {
    const feed = selectFeed(feedId)(s);
    return feed ? visibleState(s.statuses[feed.id], feed.enabled) : null;
  };

/** True when the feed exists and is not receiving. */
export const selectFeedIsProblem =
  (feedId: string | null) =>
  (s: AppState): boolean => {
    const state = selectFeedState(feedId)(s);
    return state !== null && isProblemState(state);
  };

const totals = new WeakMap<AppState['unread'], number>();
/** Every store change runs the selectors of every subscriber: the total is summed once per unread object. */
export const selectTotalUnread = (s: AppState): number => {
  let total = totals.get(s.unread);
  if (total === undefined) {
    total = Object.values(s.unread).reduce((a, b) => a + b, 0);
    totals.set(s.unread, total);
  }
  return total;
};

const badgeTotals = new WeakMap<AppState['unread'], { feeds: AppState['feeds']; total: number }>();
/**
 * The count the window shows as a total — the "All messages" badge and the window title: unread messages of the
 * feeds that are not muted, the same count core gives the tray and the dock/taskbar badge (issue 13: a muted
 * feed is "not counted in the tray/badge total"). Its own badge in the sidebar still shows its count.
 */
export const selectBadgeUnread = (s: AppState): number => {
  const cached = badgeTotals.get(s.unread);
  if (cached?.feeds === s.feeds) return cached.total;
  const muted = new Set(s.feeds.filter((f) => f.muted === true).map((f) => f.id));
  let total = 0;
  for (const [feedId, count] of Object.entries(s.unread)) if (!muted.has(feedId)) total += count;
  badgeTotals.set(s.unread, { feeds: s.feeds, total });
  return total;
};

/** Unread messages in the current view's feed (or in all feeds). */
export const selectViewUnread = (s: AppState): number =>
  s.query.feedId ? (s.unread[s.query.feedId] ?? 0) : selectTotalUnread(s);

export const selectAnyPaused = (s: AppState): boolean => Object.values(s.statuses).some((st) => st.state === 'paused');

/** Who paused every feed (the window, the tray, sleep, offline); 'unknown' from a core that does not say; null: none. */
export type GlobalPause = Exclude<PauseSource, 'feed'> | 'unknown';
export const selectGlobalPause = (s: AppState): GlobalPause | null => {
  for (const st of Object.values(s.statuses)) {
    if (st.state === 'paused' && st.pausedBy !== 'feed') return st.pausedBy ?? 'unknown';
  }
  return null;
};

/** Who paused one feed (null: not paused). */
export const selectPausedBy =
  (feedId: string | null) =>
  (s: AppState): PauseSource | 'unknown' | null => {
    const st = feedId === null ? undefined : s.statuses[feedId];
    return st?.state === 'paused' ? (st.pausedBy ?? 'unknown') : null;
  };
