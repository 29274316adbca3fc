/** Do-not-disturb: an explicit "until" or quiet hours in local time, which may span midnight. */
import type { Settings } from '../../../../shared/domain';

/** Minutes since local midnight for an epoch-ms instant. Injectable so tests need not depend on the machine's zone. */
export type MinutesOfDay = (at: number) => number;

export const localMinutesOfDay: MinutesOfDay = (at) => {
  const date = new Date(at);
  return date.getHours() * 60 + date.getMinutes();
};

export function parseHhmm(value: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** True when `minute` lies in [start, end), wrapping past midnight when end < start. start === end is empty. */
export function inQuietHours(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function isDndActive(
  dnd: Settings['dnd'],
  now: number,
  minutesOfDay: MinutesOfDay = localMinutesOfDay,
): boolean {
  switch (dnd.mode) {
    case 'off':
      return false;
    case 'until':
      // No end time means "until I turn it off".
      return dnd.until === null || now < dnd.until;
    case 'quiet-hours': {
      const start = parseHhmm(dnd.quietStart);
      const end = parseHhmm(dnd.quietEnd);
      if (start === null || end === null) return false;
      return inQuietHours(minutesOfDay(now), start, end);
    }
  }
}

/** "Until tomorrow": the next local 08:00 after `now` (the shared rule, also the settings dialog's). */
export { nextMorning } from '../../../../shared/rules';
