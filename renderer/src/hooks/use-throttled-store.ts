import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useStore } from '../store';
import type { AppState } from '../store/types';

interface Shown<T> {
  selector: (s: AppState) => T;
  value: T;
  /** When the value shown last changed (performance.now()). */
  at: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * A store value that may change on every live batch (an unread count during a burst: sixty times a second), shown
 * at a pace a person can read: the first change at once, then at most once per `intervalMs`, always ending on the
 * latest value. Between those moments the component is not rendered at all — its text, the sidebar's layout and
 * paint stay as they were — which a throttled copy of a value the component already re-renders for would not
 * give. `selector` must be stable (module level, or useCallback/useMemo).
 */
export function useThrottledStore<T>(selector: (s: AppState) => T, intervalMs: number): T {
  const box = useRef<Shown<T> | null>(null);
  // What is shown for this selector (a new selector starts over).
  const read = useCallback((): Shown<T> => {
    if (box.current?.selector !== selector) {
      if (box.current?.timer) clearTimeout(box.current.timer);
      box.current = { selector, value: selector(useStore.getState()), at: -Infinity, timer: null };
    }
    return box.current;
  }, [selector]);
  const subscribe = useCallback(
    (notify: () => void) => {
      const shown = read();
      const show = (): void => {
        shown.timer = null;
        const value = selector(useStore.getState());
        if (Object.is(value, shown.value)) return;
        shown.value = value;
        shown.at = performance.now();
        notify();
      };
      const off = useStore.subscribe(() => {
        if (shown.timer !== null) return;
        const wait = shown.at + intervalMs - performance.now();
        if (wait <= 0) show();
        else shown.timer = setTimeout(show, wait);
      });
      // Changed between the render and the subscription.
      show();
      return () => {
        off();
        if (shown.timer !== null) clearTimeout(shown.timer);
        shown.timer = null;
      };
    },
    [read, selector, intervalMs],
  );
  return useSyncExternalStore(subscribe, () => read().value);
}
