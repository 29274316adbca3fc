import type { Settings } from '../../../shared/domain';
import { nextMorning } from '../../../shared/rules';

export type DndChoice = 'off' | 'hour' | 'tomorrow' | 'quiet-hours' | 'until';

/** Which do-not-disturb the settings hold now ('until' only while it lasts). */
export function dndChoice(s: Settings, now: number): DndChoice {
  if (s.dnd.mode === 'quiet-hours') return 'quiet-hours';
  if (s.dnd.mode === 'until' && s.dnd.until !== null && s.dnd.until > now) return 'until';
  return 'off';
}

/** The settings patch for a snooze: an hour from now, or until the next 08:00 (shared rule). */
export function snooze(s: Settings, how: 'hour' | 'tomorrow', now: number): Pick<Settings, 'dnd'> {
  return { dnd: { ...s.dnd, mode: 'until', until: how === 'hour' ? now + 3_600_000 : nextMorning(now) } };
}
