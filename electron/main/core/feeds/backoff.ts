/**
 * Reconnect timing. Pure functions so the bounds can be tested without a network.
 *  - After a stream that delivered events ends or drops: the server's reconnection time (`retry:`, else the
 *    default), clamped to [min, cap], plus a small jitter (at most 10 %, and at most one base span) —
 *    retryDelay().
 *  - Consecutive failures: exponential backoff with full jitter on top of the server's floor (`retry:` or
 *    Retry-After) — reconnectDelay().
 */
import type { BackoffOptions } from './types';

/** Node timers overflow above this (2^31-1 ms) and fire after 1 ms instead. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  healthyMs: number;
  maxRetryAfterMs: number;
  /** Reconnection time when the server sent no `retry:`. */
  defaultRetryMs: number;
  /** A reconnection time is never shorter than this. */
  minRetryMs: number;
}

/** The shortest reconnection time a server can ask for (a lower configured base, as in tests, lowers it). */
export const MIN_RETRY_MS = 250;

export function backoffPolicy(options: BackoffOptions = {}): BackoffPolicy {
  const baseMs = positive(options.baseMs, 1000);
  const capMs = Math.max(baseMs, positive(options.capMs, 60_000));
  const cap = Math.min(capMs, MAX_TIMER_MS);
  const minRetryMs = Math.min(positive(options.minRetryMs, Math.min(MIN_RETRY_MS, baseMs)), cap);
  return {
    baseMs,
    capMs: cap,
    healthyMs: positive(options.healthyMs, 30_000),
    maxRetryAfterMs: Math.min(positive(options.maxRetryAfterMs, 3_600_000), MAX_TIMER_MS),
    defaultRetryMs: positive(options.defaultRetryMs, baseMs),
    minRetryMs,
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Delay before the next attempt after `failures` consecutive failures (0 = first failure):
 * floor + random × min(cap, base × 2^failures). The floor is the server's wish (retry:/Retry-After, already
 * clamped); the jitter term spreads feeds that fail together, so they never reconnect in lockstep.
 */
export function reconnectDelay(policy: BackoffPolicy, failures: number, floorMs: number, random: () => number): number {
  const exponent = Math.min(Math.max(failures, 0), 30);
  const span = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = random();
  const jitter = span * (r >= 0 && r < 1 ? r : 0);
  return Math.min(Math.round(Math.max(floorMs, 0) + jitter), MAX_TIMER_MS);
}

/**
 * Delay before reconnecting after a stream that delivered events ended or dropped: the reconnection time
 * (`retry:` or the default) clamped to [minRetryMs, capMs], plus jitter of at most 10 % of it and at most one
 * base span, never past the cap. Servers that cycle their streams on purpose (Nchan, proxies with idle timeouts)
 * get back what they asked for, and feeds dropped together do not return in lockstep.
 */
export function retryDelay(policy: BackoffPolicy, retryMs: number | null, random: () => number): number {
  const wanted = retryMs === null || !Number.isFinite(retryMs) ? policy.defaultRetryMs : retryMs;
  const base = Math.min(Math.max(wanted, policy.minRetryMs), policy.capMs);
  const r = random();
  const jitter = Math.min(base * 0.1, policy.baseMs) * (r >= 0 && r < 1 ? r : 0);
  return Math.round(Math.min(base + jitter, policy.capMs));
}

/** A server `retry:` value in ms, clamped to the cap (a 2^32 ms retry must not overflow into a 1 ms timer). */
export function clampRetry(policy: BackoffPolicy, retryMs: number): number {
  if (!Number.isFinite(retryMs) || retryMs < 0) return policy.capMs;
  return Math.min(retryMs, policy.capMs);
}

/** Retry-After as delay seconds or an HTTP date; null when absent or unparseable. Clamped. */
export function parseRetryAfter(policy: BackoffPolicy, value: string | null, now: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (text === '') return null;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  if (!Number.isFinite(ms)) return policy.maxRetryAfterMs;
  return Math.min(Math.max(ms, 0), policy.maxRetryAfterMs);
}
