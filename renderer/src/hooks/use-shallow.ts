import { useRef } from 'react';

/**
 * Whether two selector results hold the same values: plain objects key by key, arrays item by item, else identity.
 * Allocation-free — zustand's `shallow` builds two Maps (and two `Object.entries` arrays) for every comparison of
 * plain objects, and a store update compares every `useShallow` selector in the window: at 2,000 events/s that was
 * over a megabyte of garbage every ten seconds in the list alone.
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.hasOwn(y, key) || !Object.is(x[key], y[key])) return false;
    keys++;
  }
  for (const key in y) if (Object.hasOwn(y, key)) keys--;
  return keys === 0;
}

const NONE: unique symbol = Symbol('none');

/** zustand's `useShallow`, with `shallowEqual`: the selector's previous result is kept while its values are the same. */
export function useShallow<S, U>(selector: (state: S) => U): (state: S) => U {
  const previous = useRef<U | typeof NONE>(NONE);
  return (state) => {
    const next = selector(state);
    const last = previous.current;
    if (last !== NONE && shallowEqual(last, next)) return last;
    previous.current = next;
    return next;
  };
}
