import { useCallback, useSyncExternalStore } from 'react';

/** A shared clock for relative times and countdowns: one interval per period, however many components read it. */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
}
const clocks = new Map<number, Clock>();

function clock(period: number): Clock {
  let c = clocks.get(period);
  if (!c) {
    c = { now: Date.now(), listeners: new Set(), timer: null };
    clocks.set(period, c);
  }
  return c;
}

function subscribe(period: number, listener: () => void): () => void {
  const c = clock(period);
  c.listeners.add(listener);
  if (!c.timer) {
    c.now = Date.now();
    c.timer = setInterval(() => {
      c.now = Date.now();
      for (const l of c.listeners) l();
    }, period);
  }
  return () => {
    c.listeners.delete(listener);
    if (c.listeners.size === 0 && c.timer) {
      clearInterval(c.timer);
      c.timer = null;
    }
  };
}

const snapshot = (period: number): number => clock(period).now;

export function useNow(period = 10_000): number {
  const sub = useCallback((listener: () => void) => subscribe(period, listener), [period]);
  return useSyncExternalStore(sub, () => snapshot(period));
}
