/** Day separators for the message list: a list entry per local day, before that day's first message. */
import type { Message } from '../../../shared/domain';

export type ListEntry = { kind: 'day'; day: number } | { kind: 'message'; message: Message; index: number };

/** Local midnight of the day `at` falls in. */
export function dayStart(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Messages (newest first) with a day entry before each local day's first one. */
export function withDays(items: Message[]): ListEntry[] {
  const out: ListEntry[] = [];
  let current = Number.NaN;
  for (let index = 0; index < items.length; index++) {
    const message = items[index]!;
    const day = dayStart(message.receivedAt);
    if (day !== current) {
      out.push({ kind: 'day', day });
      current = day;
    }
    out.push({ kind: 'message', message, index });
  }
  return out;
}

/** 'today', 'yesterday', or null for an older day (said as a date). */
export function relativeDay(day: number, now: number): 'today' | 'yesterday' | null {
  const today = dayStart(now);
  if (day === today) return 'today';
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  return day === yesterday.getTime() ? 'yesterday' : null;
}
