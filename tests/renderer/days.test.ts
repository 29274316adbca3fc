import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain';
import {
  dayStart,
  entryAt,
  entryIndexOf,
  isDay,
  messageIndex,
  separatorLayout,
  withDays,
  type ListEntry,
} from '../../renderer/src/lib/days';

const HOUR = 3_600_000;
const msg = (id: number, receivedAt: number) => ({ id, receivedAt }) as Message;

/** The list as the user sees it, built the obvious way: a separator before each day's first message. */
function naive(items: Message[]): ListEntry[] {
  const out: ListEntry[] = [];
  let day = Number.NaN;
  for (const m of items) {
    const d = dayStart(m.receivedAt);
    if (d !== day) out.push({ kind: 'day', day: (day = d) });
    out.push(m);
  }
  return out;
}

describe('day separators as an index over the messages', () => {
  // Newest first, ids descending, spread over four days with uneven gaps; and an empty list.
  const base = new Date(2026, 2, 14, 12).getTime();
  const cases: Message[][] = [
    [],
    [msg(1, base)],
    Array.from({ length: 60 }, (_, i) => msg(1000 - i * 3, base - i * 2.1 * HOUR)),
    Array.from({ length: 20 }, (_, i) => msg(500 - i, base - (i < 10 ? i : i * 10) * HOUR)),
  ];

  it('every position gives the entry the plain list has there; messages find their position by id', () => {
    for (const items of cases) {
      const list = withDays(items);
      const expected = naive(items);
      expect(list.count).toBe(expected.length);
      expected.forEach((e, at) => {
        const got = entryAt(list, at)!;
        if (isDay(e)) {
          expect(isDay(got) && got.day).toBe(e.day);
        } else {
          expect(got).toBe(e);
          expect(messageIndex(list, at)).toBe(items.indexOf(e));
          expect(entryIndexOf(list, e.id)).toBe(at);
        }
      });
      expect(entryAt(list, -1)).toBeUndefined();
      expect(entryAt(list, list.count)).toBeUndefined();
      expect(entryIndexOf(list, 999_999)).toBe(-1);
    }
  });

  it('finds a message even when ids are out of order (the scan behind the search)', () => {
    const items = [msg(5, base), msg(9, base - HOUR), msg(2, base - 30 * HOUR)];
    const list = withDays(items);
    expect(entryIndexOf(list, 9)).toBe(naive(items).indexOf(items[1]!));
    expect(entryIndexOf(list, 2)).toBe(naive(items).indexOf(items[2]!));
  });

  it('the layout key changes when a separator moves, not when only the messages change', () => {
    const day1 = Array.from({ length: 5 }, (_, i) => msg(100 - i, base - i * HOUR));
    const older = [msg(50, base - 30 * HOUR)];
    const a = withDays([...day1, ...older]);
    const b = withDays([...day1.map((m) => msg(m.id + 10, m.receivedAt)), ...older]);
    expect(separatorLayout(b)).toBe(separatorLayout(a));
    const c = withDays([msg(200, base), ...day1, ...older]);
    expect(separatorLayout(c)).not.toBe(separatorLayout(a));
  });
});
