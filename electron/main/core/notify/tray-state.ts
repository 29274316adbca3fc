/**
 * What the tray shows: one of four icons and a tooltip, derived from feed states, settings and unread count; the
 * tooltip in the translator's language.
 */
import {
  needsAttention,
  type Feed,
  type FeedStatus,
  type Settings,
  type UnreadCounts,
} from '../../../../shared/domain';
import type { Translator } from '../i18n';
import { isDndActive, localMinutesOfDay, type MinutesOfDay } from './dnd';

export type TrayState = 'live' | 'failing' | 'paused' | 'dnd';
export const trayStates: readonly TrayState[] = ['live', 'failing', 'paused', 'dnd'];

/** A feed the user should look at: stopped for a reason, or retrying. */
export function isFailing(status: FeedStatus): boolean {
  return needsAttention(status.state);
}

/** Every feed that could run is paused (feeds switched off do not count); false when there is none. */
export function allPaused(statuses: readonly FeedStatus[]): boolean {
  const active = statuses.filter((s) => s.state !== 'disabled');
  return active.length > 0 && active.every((s) => s.state === 'paused');
}

/** The tray's and the badge's count: unread messages of every feed that is not muted. */
export function trayUnread(counts: UnreadCounts, feeds: readonly Pick<Feed, 'id' | 'muted'>[]): number {
  const muted = new Set(feeds.filter((f) => f.muted).map((f) => f.id));
  let total = 0;
  for (const [id, n] of Object.entries(counts)) if (!muted.has(id)) total += n;
  return total;
}

/** Precedence: paused (nothing arrives) > failing (needs attention) > do-not-disturb > live. */
export function trayState(
  statuses: readonly FeedStatus[],
  settings: Settings,
  now: number,
  minutesOfDay: MinutesOfDay = localMinutesOfDay,
): TrayState {
  if (allPaused(statuses)) return 'paused';
  if (statuses.some(isFailing)) return 'failing';
  if (isDndActive(settings.dnd, now, minutesOfDay)) return 'dnd';
  return 'live';
}

export function trayTooltip(state: TrayState, statuses: readonly FeedStatus[], unread: number, t: Translator): string {
  const parts: string[] = [];
  if (state === 'paused') parts.push(t.tooltip.paused);
  else if (state === 'failing') parts.push(t.tooltip.failing({ count: statuses.filter(isFailing).length }));
  else if (state === 'dnd') parts.push(t.tooltip.dnd);
  parts.push(unread === 0 ? t.tooltip.noUnread : t.tooltip.unread({ count: unread }));
  return t.tooltip.compose({ parts });
}
