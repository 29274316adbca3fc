/** Day separators for the message list: a list entry per local day, before that day's first message. */
import type { Message } from '../../../shared/domain';

/** A day separator in the list. Messages are entries as they are: no object per message and render. */
export interface DayEntry {
  kind: 'day';
  day: number;
}
export type ListEntry = DayEntry | Message;

export function isDay(entry: ListEntry): entry is DayEntry {
  return (entry as DayEntry).kind === 'day';
}

/** The list's entries and where its day separators are (entry positions, ascending). */
export interface DayList {
  entries: ListEntry[];
  days: number[];
}

// One separator object per day, reused from render to render.
const dayEntries = new Map<number, DayEntry>();
function dayEntry(day: number): DayEntry {
  let entry = dayEntries.get(day);
  if (!entry) {
    if (dayEntries.size > 1000) dayEntries.clear();
    entry = { kind: 'day', day };
    dayEntries.set(day, entry);
  }
  return entry;
}

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
 * whole in-memory window, so the calendar is asked once per day, not per message (a message inside the current
 * day's [start, next start) needs no Date), and no object is made per message.
 */
export function withDays(items: Message[]): DayList {
  const entries: ListEntry[] = [];
  const days: number[] = [];
  let current = Number.NaN;
  let end = Number.NaN;
  for (const message of items) {
    const at = message.receivedAt;
    if (!(at >= current && at < end)) {
      const day = dayStart(at);
      if (day !== current) {
        days.push(entries.length);
        entries.push(dayEntry(day));
        current = day;
        end = nextDayStart(day);
      }
    }
    entries.push(message);
  }
  return { entries, days };
}

/** The position among the messages (0-based) of the message at entry position `at`. */
export function messageIndex(list: DayList, at: number): number {
  let before = 0;
  while (before < list.days.length && list.days[before]! < at) before++;
  return at - before;
}

/** Where a message is among the list's entries (-1 when it is not listed). */
export function entryIndexOf(entries: readonly ListEntry[], id: number): number {
  return entries.findIndex((e) => !isDay(e) && e.id === id);
}

/** 'today', 'yesterday', or null for an older day (said as a date). */
export function relativeDay(day: number, now: number): 'today' | 'yesterday' | null {
  const today = dayStart(now);
  if (day === today) return 'today';
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  return day === yesterday.getTime() ? 'yesterday' : null;
}
