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

/**
 * The list's entries — the messages (newest first) with a separator before each local day's first one — as an
 * index over the messages rather than a copy of them: entry positions map to a message or a separator with a
 * search over the days (a handful), so a live batch costs a scan of the receive times, not a new array of every
 * entry in the window.
 */
export interface DayList {
  readonly items: readonly Message[];
  /** Position in `items` of each day's first message, ascending (0 first when there are messages). */
  readonly starts: readonly number[];
  /** Local midnight of each of those days. */
  readonly days: readonly number[];
  /** Number of entries: messages plus separators. */
  readonly count: number;
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
 * Where the day separators go among `items` (newest first). Runs on every live batch over the whole in-memory
 * window, so the calendar is asked once per day, not per message (a message inside the current day's
 * [start, next start) needs no Date), and nothing is allocated per message.
 */
export function withDays(items: readonly Message[]): DayList {
  const starts: number[] = [];
  const days: number[] = [];
  let current = Number.NaN;
  let end = Number.NaN;
  for (let i = 0; i < items.length; i++) {
    const at = items[i]!.receivedAt;
    if (at >= current && at < end) continue;
    const day = dayStart(at);
    if (day !== current) {
      starts.push(i);
      days.push(day);
      current = day;
      end = nextDayStart(day);
    }
  }
  return { items, starts, days, count: items.length + starts.length };
}

/** How many separators `holds` is true for, when it is true for a prefix of them: a binary search. */
function separatorsWhere(list: DayList, holds: (j: number) => boolean): number {
  let lo = 0;
  let hi = list.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many separators stand before entry position `at` or at it (separator j stands at starts[j] + j). */
function separatorsUpTo(list: DayList, at: number): number {
  return separatorsWhere(list, (j) => list.starts[j]! + j <= at);
}

/** The entry at position `at` (undefined outside the list). */
export function entryAt(list: DayList, at: number): ListEntry | undefined {
  if (at < 0 || at >= list.count) return undefined;
  const n = separatorsUpTo(list, at);
  if (n > 0 && list.starts[n - 1]! + n - 1 === at) return dayEntry(list.days[n - 1]!);
  return list.items[at - n];
}

/** The position among the messages (0-based) of the message at entry position `at`. */
export function messageIndex(list: DayList, at: number): number {
  return at - separatorsUpTo(list, at);
}

/** Entry position of the message at position `index` among the messages. */
export function entryOfMessage(list: DayList, index: number): number {
  // Separators before it: those of the days starting at or before it.
  return index + separatorsWhere(list, (j) => list.starts[j]! <= index);
}

/**
 * Where a message is among the list's entries (-1 when it is not listed). The list is newest first, so ids
 * descend: a binary search, with a scan as the fallback should the order ever not hold.
 */
export function entryIndexOf(list: DayList, id: number): number {
  const { items } = list;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = items[mid]!.id;
    if (at === id) return entryOfMessage(list, mid);
    if (at > id) lo = mid + 1;
    else hi = mid - 1;
  }
  const index = items.findIndex((m) => m.id === id);
  return index === -1 ? -1 : entryOfMessage(list, index);
}

/** A text that changes exactly when a separator moves: the entries' sizes (for the virtualizer) follow it. */
export function separatorLayout(list: DayList): string {
  return list.starts.map((s, j) => s + j).join(',');
}

/** 'today', 'yesterday', or null for an older day (said as a date). */
export function relativeDay(day: number, now: number): 'today' | 'yesterday' | null {
  const today = dayStart(now);
  if (day === today) return 'today';
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  return day === yesterday.getTime() ? 'yesterday' : null;
}
