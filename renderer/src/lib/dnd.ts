import type { Settings } from '../../../shared/domain';

export type DndChoice = 'off' | 'hour' | 'tomorrow' | 'quiet-hours' | 'until';

/** Which do-not-disturb the settings hold now ('until' only while it lasts). */
export function dndChoice(s: Settings, now: number): DndChoice {
  if (s.dnd.mode === 'quiet-hours') return 'quiet-hours';
  if (s.dnd.mode === 'until' && s.dnd.until !== null && s.dnd.until > now) return 'until';
  return 'off';
}

/** Tomorrow at 08:00 local time. */
export function tomorrowMorning(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(8, 0, 0, 0);
  return d.getTime();
}

/** The settings patch for a snooze: an hour from now, or until tomorrow morning. */
export function snooze(s: Settings, how: 'hour' | 'tomorrow', now: number): Pick<Settings, 'dnd'> {
  return { dnd: { ...s.dnd, mode: 'until', until: how === 'hour' ? now + 3_600_000 : tomorrowMorning(now) } };
}
