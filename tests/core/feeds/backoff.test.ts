/**
 * Reconnect timing: full-jitter bounds, Retry-After (seconds and HTTP date), the server's `retry:` as a floor,
 * absurd values clamped, and the reset after a healthy period. Pure bounds are checked directly; the rest against
 * the real test server, measuring the gaps between the requests it saw.
 */
import { reasonEnglish } from '../../../shared/reason';
import { afterEach, describe, expect, test } from 'vitest';
import {
  backoffPolicy,
  clampRetry,
  MAX_TIMER_MS,
  parseRetryAfter,
  reconnectDelay,
} from '../../../electron/main/core/feeds/backoff';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, recordingTimers, shutdown, sleep, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
afterEach(async () => {
  await shutdown(rec, server);
  [rec, server] = [null, null];
});

const HEADERS_TIMEOUT = 30_000;
const IDLE = 45_000;

function gaps(s: SseTestServer): number[] {
  const out: number[] = [];
  for (let i = 1; i < s.requests.length; i++) out.push(s.requests[i]!.at - s.requests[i - 1]!.at);
  return out;
}

describe('backoff policy (pure)', () => {
  const policy = backoffPolicy({ baseMs: 1000, capMs: 60_000 });

  test('full jitter stays within [floor, floor + min(cap, base·2^n)] and spreads over the range', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let failures = 0; failures < 12; failures++) {
      const span = Math.min(60_000, 1000 * 2 ** failures);
      const samples = Array.from({ length: 2000 }, () => reconnectDelay(policy, failures, 0, random));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThanOrEqual(span);
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      expect(mean / span).toBeGreaterThan(0.42);
      expect(mean / span).toBeLessThan(0.58);
      expect(new Set(samples).size).toBeGreaterThan(Math.min(span, 2000) * 0.5);
    }
    // A server floor is never undercut.
    for (let i = 0; i < 500; i++) expect(reconnectDelay(policy, 3, 5000, random)).toBeGreaterThanOrEqual(5000);
  });

  test('absurd values are clamped, never overflow a Node timer', () => {
    expect(clampRetry(policy, 2 ** 32)).toBe(60_000);
    expect(clampRetry(policy, Number.POSITIVE_INFINITY)).toBe(60_000);
    expect(reconnectDelay(policy, 1e9, 0, () => 0.999999)).toBeLessThanOrEqual(60_000);
    expect(reconnectDelay(policy, 0, 2 ** 40, () => 0.5)).toBe(MAX_TIMER_MS);
    expect(reconnectDelay(policy, 0, 0, () => Number.NaN)).toBe(0);
    expect(backoffPolicy({ capMs: 2 ** 40 }).capMs).toBe(MAX_TIMER_MS);
  });

  test('Retry-After: delay seconds, HTTP date, garbage, clamped to an hour', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(policy, '120', now)).toBe(120_000);
    expect(parseRetryAfter(policy, 'Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(policy, 'Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(policy, 'soon', now)).toBeNull();
    expect(parseRetryAfter(policy, null, now)).toBeNull();
    expect(parseRetryAfter(policy, '99999999999', now)).toBe(3_600_000);
  });
});

describe('backoff against a real server', () => {
  test('consecutive 503s back off exponentially (jitter at its top end)', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'status', status: 503 }, { times: 5 });
    const { timers, requested } = recordingTimers();
    rec = makeHub({ timers, backoff: { baseMs: 40, capMs: 400 }, random: () => 0.999 });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1, { timeoutMs: 5000 });
    const spans = [40, 80, 160, 320, 400];
    expect(requested.filter((ms) => ms !== HEADERS_TIMEOUT && ms !== IDLE)).toEqual(spans);
    const g = gaps(server);
    expect(g).toHaveLength(5);
    g.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(spans[i]! - 5)); // timers never fire early
    expect(rec.hub.status('f')!.counters.reconnects).toBe(5);
    expect(reasonEnglish(rec.hub.status('f')!.counters.lastError!)).toBe('Server error (503)');
  });

  test('jitter at its low end reconnects almost at once (full jitter, not equal jitter)', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'status', status: 500 }, { times: 4 });
    rec = makeHub({ backoff: { baseMs: 2000, capMs: 60_000 }, random: () => 0 });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1, { timeoutMs: 2000 });
    // Equal jitter would wait at least half the 2 s span; full jitter with r = 0 goes at once.
    for (const gap of gaps(server)) expect(gap).toBeLessThan(900);
  });

  test('503 with Retry-After (seconds) waits at least that long', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'status', status: 503, retryAfter: '1' }, { times: 1 });
    rec = makeHub({ backoff: { baseMs: 10, capMs: 50 } });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await waitFor(() => rec!.hub.status('f')?.state === 'reconnecting', 'reconnecting');
    const status = rec.hub.status('f')!;
    expect(reasonEnglish(status.reason!)).toBe('Server error (503)');
    expect(status.retryAt! - Date.now()).toBeGreaterThan(800);
    await server.waitForClients(1, { timeoutMs: 3000 });
    expect(gaps(server)[0]).toBeGreaterThanOrEqual(995);
  });

  test('429 with Retry-After as an HTTP date is honoured and retried, not stopped', async () => {
    server = await startSseServer();
    const when = new Date(Math.ceil((Date.now() + 1200) / 1000) * 1000);
    server.setFault('/events', { kind: 'status', status: 429, retryAfter: when.toUTCString() }, { times: 1 });
    rec = makeHub({ backoff: { baseMs: 10, capMs: 50 } });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await waitFor(() => rec!.hub.status('f')?.state === 'reconnecting', 'reconnecting');
    expect(reasonEnglish(rec.hub.status('f')!.reason!)).toBe('Rate limited by the server (429)');
    await server.waitForClients(1, { timeoutMs: 4000 });
    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(when.getTime() - 5);
  });

  test('the server’s retry: is a floor for the next reconnect', async () => {
    server = await startSseServer();
    const { timers, requested } = recordingTimers();
    rec = makeHub({ timers, backoff: { baseMs: 10, capMs: 5000 } });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1);
    server.send({ id: '1', data: 'slow down', retry: 500 });
    await waitFor(() => rec!.events.length === 1, 'event');
    server.dropAll();
    await server.waitForClients(1, { timeoutMs: 3000 });
    expect(gaps(server)[0]).toBeGreaterThanOrEqual(495);
    const retries = requested.filter((ms) => ms !== HEADERS_TIMEOUT && ms !== IDLE);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toBeGreaterThanOrEqual(500);
    expect(retries[0]).toBeLessThanOrEqual(510);
  });

  test('a retry: of 2^32 ms is clamped to the cap, not turned into a 1 ms timer', async () => {
    const { timers, requested } = recordingTimers();
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      server = await startSseServer();
      rec = makeHub({ timers, backoff: { baseMs: 10, capMs: 300 } });
      rec.hub.upsert(feed('f', `${server.url}/events`));
      await server.waitForClients(1);
      server.send({ id: '1', data: 'x', retry: 2 ** 32 });
      await waitFor(() => rec!.events.length === 1, 'event');
      server.dropAll();
      await server.waitForClients(1, { timeoutMs: 3000 });
      expect(gaps(server)[0]!).toBeGreaterThanOrEqual(295);
      const retries = requested.filter((ms) => ms !== HEADERS_TIMEOUT && ms !== IDLE);
      expect(retries).toHaveLength(1);
      expect(retries[0]).toBeGreaterThanOrEqual(300); // the cap is the floor now…
      expect(retries[0]).toBeLessThanOrEqual(310); // …plus at most one base of jitter
      expect(Math.max(...requested)).toBeLessThan(2 ** 31);
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  test('after a healthy period the backoff starts again from the base', async () => {
    server = await startSseServer();
    const seen: { at: number; retryAt: number | null; state: string }[] = [];
    rec = makeHub({ backoff: { baseMs: 50, capMs: 2000, healthyMs: 150 }, random: () => 0.999 });
    rec.hub.onStatus((s) => seen.push({ at: Date.now(), retryAt: s.retryAt, state: s.state }));
    server.setFault('/events', { kind: 'status', status: 503 }, { times: 4 });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1, { timeoutMs: 5000 });
    // Four failures: the next span would be 800 ms. Stay open past the healthy period, then drop.
    await sleep(250);
    server.dropAll();
    await waitFor(
      () => seen.filter((s) => s.state === 'reconnecting' && s.retryAt !== null).length === 5,
      'fifth retry',
    );
    const last = seen.filter((s) => s.state === 'reconnecting' && s.retryAt !== null).at(-1)!;
    expect(last.retryAt! - last.at).toBeLessThanOrEqual(60);
  });

  test('a drop before the healthy period keeps escalating', async () => {
    server = await startSseServer();
    const seen: { at: number; retryAt: number | null; state: string }[] = [];
    rec = makeHub({ backoff: { baseMs: 50, capMs: 2000, healthyMs: 10_000 }, random: () => 0.999 });
    rec.hub.onStatus((s) => seen.push({ at: Date.now(), retryAt: s.retryAt, state: s.state }));
    server.setFault('/events', { kind: 'status', status: 503 }, { times: 3 });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1, { timeoutMs: 5000 });
    server.dropAll();
    await waitFor(
      () => seen.filter((s) => s.state === 'reconnecting' && s.retryAt !== null).length === 4,
      'fourth retry',
    );
    const last = seen.filter((s) => s.state === 'reconnecting' && s.retryAt !== null).at(-1)!;
    expect(last.retryAt! - last.at).toBeGreaterThan(350); // span 400 ms at the 4th failure
  });
});
