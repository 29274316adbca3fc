/**
 * Runs `fn` at most once per interval: at once when it has not run for an interval, otherwise once when the
 * interval ends (however many calls came meanwhile). For subscribers that redraw on frequent domain events.
 */
import type { Clock, Timers } from '../types';

export interface Throttled {
  (): void;
  /** Drops a pending run. */
  cancel(): void;
}

export function throttle(fn: () => void, intervalMs: number, timers: Timers, clock: Clock): Throttled {
  let last = -Infinity;
  let handle: unknown = null;
  const run = (): void => {
    handle = null;
    last = clock.now();
    fn();
  };
  const throttled = (() => {
    if (handle !== null) return;
    const wait = last + intervalMs - clock.now();
    if (wait <= 0) run();
    else handle = timers.setTimeout(run, wait);
  }) as Throttled;
  throttled.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return throttled;
}
