/** What the tray shows: one of four icons and a tooltip, derived from feed states, settings and unread count. */
import type { FeedStatus, Settings } from '../../../../shared/domain';
import { isDndActive, localMinutesOfDay, type MinutesOfDay } from './dnd';

export type TrayState = 'live' | 'failing' | 'paused' | 'dnd';
export const trayStates: readonly TrayState[] = ['live', 'failing', 'paused', 'dnd'];

/** A feed the user should look at: stopped for a reason other than being switched off, or retrying. */
export function isFailing(status: FeedStatus): boolean {
  return (status.state === 'stopped' && status.code !== 'disabled') || status.state === 'reconnecting';
}

/** Every feed that could run is paused (feeds switched off do not count); false when there is none. */
export function allPaused(statuses: readonly FeedStatus[]): boolean {
  const active = statuses.filter((s) => !(s.state === 'stopped' && s.code === 'disabled'));
  return active.length > 0 && active.every((s) => s.state === 'paused');
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

export function trayTooltip(state: TrayState, statuses: readonly FeedStatus[], unread: number): string {
  const parts = ['Tidings'];
  if (state === 'paused') parts.push('paused');
  else if (state === 'failing') {
    const failing = statuses.filter(isFailing).length;
    parts.push(`${failing} ${failing === 1 ? 'feed' : 'feeds'} failing`);
  } else if (state === 'dnd') parts.push('do not disturb');
  parts.push(unread === 0 ? 'no unread messages' : `${unread} unread`);
  return `${parts[0]} — ${parts.slice(1).join(' · ')}`;
}
