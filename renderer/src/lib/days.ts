/** Day separators for the message list: a list entry per local day, before that day's first message. */
import type { Message } from '../../../shared/domain';

export type ListEntry = { kind: 'day'; day: number } | { kind: 'message'; message: Message; index: number };

/** Local midnight of the day `at` falls in. */
export function dayStart(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Local midnight of the day after `day` (a dayStart; days are 23 or 25 hours long across DST changes). */
function nextDayStart(day: number): number {
  const d = new Date(day);
  d.setDate(d.getDate() + 1);
  return d.getTime();
}

/**
 * Messages (newest first) with a day entry before each local day's first one. Runs on every live batch over the
 * whole in-memory window, so the calendar is asked once per day, not per message: a message inside the current
 * day's [start, next start) needs no Date.
 */
export function withDays(items: Message[]): ListEntry[] {
  const out: ListEntry[] = [];
  let current = Number.NaN;
  let end = Number.NaN;
  for (let index = 0; index < items.length; index++) {
    const message = items[index]!;
    const at = message.receivedAt;
    if (!(at >= current && at < end)) {
      const day = dayStart(at);
      if (day !== current) {
        out.push({ kind: 'day', day });
        current = day;
        end = nextDayStart(day);
      }
    }
    out.push({ kind: 'message', message, index });
  }
  return out;
}

/** Where a message is among the list's entries (-1 when it is not listed). */
export function entryIndexOf(entries: readonly ListEntry[], id: number): number {
  return entries.findIndex((e) => e.kind === 'message' && e.message.id === id);
}

/** 'today', 'yesterday', or null for an older day (said as a date). */
export function relativeDay(day: number, now: number): 'today' | 'yesterday' | null {
  const today = dayStart(now);
  if (day === today) return 'today';
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  return day === yesterday.getTime() ? 'yesterday' : null;
}
