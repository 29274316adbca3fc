/**
 * A connection's life: states in order, the watchdog (stalled stream, stalled headers, comments keep it alive),
 * pause / resume / reconnect, config changes, removal, and a storm of 200 failing feeds that must neither
 * reconnect in lockstep nor pile up timers.
 */
import { reasonEnglish } from '../../../shared/reason';
import { afterEach, describe, expect, test } from 'vitest';
import type { Timers } from '../../../electron/main/core/types';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, shutdown, realTimers, sleep, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
afterEach(async () => {
  await shutdown(rec, server);
  [rec, server] = [null, null];
});

describe('states', () => {
  test('idle → connecting → open → reconnecting → open, with counters', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`));
    expect(rec.hub.status('f')!.state).toBe('connecting');
    await server.waitForClients(1);
    server.send({ id: '1', data: 'hello' });
    await waitFor(() => rec!.events.length === 1, 'event');
    server.endAll(); // clean close by the server
    await waitFor(() => rec!.states('f').length >= 4, 'back open');
    expect(rec.states('f')).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    const reconnecting = rec.statuses.find((s) => s.state === 'reconnecting' && s.retryAt !== null)!;
    expect(reconnecting.reason).toEqual({ kind: 'closedByServer' });
    expect(reasonEnglish(reconnecting.reason!)).toBe('Connection closed by the server');
    const status = rec.hub.status('f')!;
    expect(status.counters).toMatchObject({ events: 1, reconnects: 1, lastError: { kind: 'closedByServer' } });
    expect(status.counters.bytes).toBeGreaterThan(10);
    expect(status.counters.lastEventAt).not.toBeNull();
    expect(rec.hub.statuses().map((s) => s.feedId)).toEqual(['f']);
  });

  test('a listener that throws disturbs neither the feed nor other listeners', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.onEvents(() => {
      throw new Error('listener bug');
    });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1);
    server.send({ id: '1', data: 'a' });
    server.send({ id: '2', data: 'b' });
    await waitFor(() => rec!.events.length === 2, 'events');
    expect(rec.hub.status('f')!.state).toBe('open');
    expect(server.requests).toHaveLength(1);
  });
});

test('hub subscriptions are core Emitter subscriptions: disposed ones hear nothing, nothing is told after close', async () => {
  server = await startSseServer();
  rec = makeHub();
  const heard: string[] = [];
  const gone = rec.hub.onEvents((events) => heard.push(...events.map((e) => `gone:${e.data}`)));
  const kept = rec.hub.onEvents((events) => heard.push(...events.map((e) => `kept:${e.data}`)));
  const statusesAfterClose: string[] = [];
  gone.dispose();
  rec.hub.upsert(feed('f', `${server.url}/events`));
  await server.waitForClients(1);
  server.send({ id: '1', data: 'a' });
  await waitFor(() => heard.length === 1, 'event');
  expect(heard).toEqual(['kept:a']);
  kept();
  rec.hub.onStatus((s) => statusesAfterClose.push(s.state));
  rec.hub.close();
  server.send({ id: '2', data: 'b' });
  await sleep(100);
  expect(heard).toEqual(['kept:a']);
  expect(statusesAfterClose).toEqual([]); // closing connections is not told
});

describe('watchdog', () => {
  test('a stream that goes silent is reconnected after the idle timeout, resuming', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`, { idleTimeoutSec: 0.3 }));
    await server.waitForClients(1);
    server.send({ id: '1', data: 'then silence' });
    await waitFor(() => rec!.events.length === 1, 'event');
    server.freeze();
    await waitFor(() => server!.requests.length === 2, 'watchdog reconnect', 3000);
    const elapsed = server.requests[1]!.at - rec.events[0]!.receivedAt; // measured from the last byte received
    expect(elapsed).toBeGreaterThanOrEqual(298);
    expect(elapsed).toBeLessThan(1500); // idle 0.3 s + at most one 200 ms backoff span, with slack for a busy CI
    expect(reasonEnglish(rec.hub.status('f')!.counters.lastError!)).toBe('No data for 0.3 s');
    expect(server.requests[1]!.lastEventId).toBe('1');
  });

  test('time is injected: a 45 s watchdog and the retry run on the given clock and timers, not wall time', async () => {
    server = await startSseServer();
    let now = 1_000_000;
    const queue = new Map<number, { fn: () => void; ms: number }>();
    let nextHandle = 0;
    const timers: Timers = {
      setTimeout(fn, ms) {
        queue.set(++nextHandle, { fn, ms });
        return nextHandle;
      },
      clearTimeout(handle) {
        queue.delete(handle as number);
      },
    };
    const fire = (ms: (value: number) => boolean): number => {
      const entry = [...queue.entries()].find(([, t]) => ms(t.ms));
      if (!entry) throw new Error(`no timer matching; pending: ${[...queue.values()].map((t) => t.ms).join(', ')}`);
      queue.delete(entry[0]);
      entry[1].fn();
      return entry[1].ms;
    };
    rec = makeHub({ timers, clock: { now: () => now }, backoff: { baseMs: 1000, capMs: 60_000 } });
    rec.hub.upsert(feed('f', `${server.url}/events`, { idleTimeoutSec: 45 }));
    await server.waitForClients(1);
    server.send({ id: '1', data: 'x' });
    await waitFor(() => rec!.events.length === 1, 'event');
    expect([...queue.values()].map((t) => t.ms)).toEqual([45_000]); // headers timer gone, watchdog armed
    now += 45_000;
    fire((ms) => ms === 45_000);
    const status = rec.hub.status('f')!;
    expect(status).toMatchObject({ state: 'reconnecting', reason: { kind: 'idleTimeout', seconds: 45 } });
    expect(reasonEnglish(status.reason!)).toBe('No data for 45 s');
    const retryMs = status.retryAt! - now;
    expect(retryMs).toBeGreaterThanOrEqual(0);
    expect(retryMs).toBeLessThanOrEqual(1000);
    await sleep(100);
    expect(server.requests).toHaveLength(1); // nothing happens until the injected timer fires
    now += retryMs;
    expect(fire((ms) => ms === retryMs)).toBe(retryMs);
    await waitFor(() => server!.requests.length === 2, 'reconnect');
    expect(server.requests[1]!.lastEventId).toBe('1');
  });

  test('comments (heartbeats) count as data and keep the stream alive', async () => {
    server = await startSseServer();
    server.heartbeat(80);
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`, { idleTimeoutSec: 0.3 }));
    await server.waitForClients(1);
    await sleep(1000);
    expect(server.requests).toHaveLength(1);
    expect(rec.hub.status('f')!.state).toBe('open');
    expect(rec.hub.status('f')!.counters.bytes).toBeGreaterThan(8 * 5);
  });

  test('headers that never come time out and are retried', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'stall' }, { times: 1 });
    rec = makeHub({ headersTimeoutMs: 250 });
    const started = Date.now(); // the headers timer starts after this; the retry comes after it fires
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1, { timeoutMs: 3000 });
    expect(server.requests[1]!.at - started).toBeGreaterThanOrEqual(250);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(200);
    expect(reasonEnglish(rec.hub.status('f')!.counters.lastError!)).toBe('No response within 0.3 s');
    const retrying = rec.statuses.find((st) => st.state === 'reconnecting')!;
    expect(retrying.reason).toEqual({ kind: 'headersTimeout', seconds: 0.25 });
    expect(reasonEnglish(retrying.reason!)).toBe('No response within 0.3 s');
  });

  test('200 OK with headers and then nothing trips the watchdog', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'silent' }, { times: 1 });
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`, { idleTimeoutSec: 0.2 }));
    await waitFor(() => server!.requests.length === 2, 'second request', 3000);
    expect(rec.states('f').slice(0, 3)).toEqual(['connecting', 'open', 'reconnecting']);
  });
});

describe('control', () => {
  test('pauseAll closes every connection; resumeAll resumes with Last-Event-ID', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('a', `${server.url}/a`));
    rec.hub.upsert(feed('b', `${server.url}/b`));
    await server.waitForClients(2);
    server.send({ id: 'a1', data: 'x' }, '/a');
    await waitFor(() => rec!.events.length === 1, 'a1');
    rec.hub.pauseAll();
    expect(rec.hub.statuses().map((s) => s.state)).toEqual(['paused', 'paused']);
    await waitFor(() => server!.clients === 0, 'sockets closed');
    server.send({ id: 'a2', data: 'while paused' }, '/a');
    await sleep(100);
    expect(server.requests).toHaveLength(2); // no reconnect while paused
    rec.hub.upsert(feed('c', `${server.url}/c`)); // added while paused: stays paused
    expect(rec.hub.status('c')!.state).toBe('paused');
    rec.hub.resumeAll();
    await server.waitForClients(3);
    await waitFor(() => rec!.events.length === 2, 'a2 replayed');
    expect(rec.events[1]!.eventId).toBe('a2');
    expect(server.requests.find((r) => r.path === '/a' && r.lastEventId === 'a1')).toBeDefined();
  });

  test('reconnect(id) skips a long backoff and resets it; works on a stopped feed', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'status', status: 503, retryAfter: '3600' });
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await waitFor(() => rec!.hub.status('f')!.state === 'reconnecting', 'reconnecting');
    expect(rec.hub.status('f')!.retryAt! - Date.now()).toBeGreaterThan(3_500_000);
    server.setFault('/events', { kind: 'status', status: 401 });
    rec.hub.reconnect('f');
    await waitFor(() => rec!.hub.status('f')!.state === 'stopped', 'stopped');
    server.clearFaults();
    rec.hub.reconnect('f');
    await waitFor(() => rec!.hub.status('f')!.state === 'open', 'open');
    expect(server.requests).toHaveLength(3);
  });

  test('reconnectAll ends a pause and reconnects live feeds, but leaves stopped ones alone', async () => {
    server = await startSseServer();
    server.setFault('/gone', { kind: 'status', status: 404 });
    rec = makeHub();
    rec.hub.upsert(feed('ok', `${server.url}/events`));
    rec.hub.upsert(feed('gone', `${server.url}/gone`));
    await server.waitForClients(1);
    await waitFor(() => rec!.hub.status('gone')!.state === 'stopped', 'gone stopped');
    rec.hub.reconnectAll();
    await waitFor(() => server!.requests.filter((r) => r.path === '/events').length === 2, 'ok reconnected');
    rec.hub.pauseAll();
    rec.hub.reconnectAll();
    await waitFor(() => rec!.hub.status('ok')!.state === 'open', 'open after pause');
    expect(server.requests.filter((r) => r.path === '/gone')).toHaveLength(1);
    expect(rec.hub.status('gone')!.state).toBe('stopped');
  });

  test('disabled feeds do not connect; enabling connects; remove closes and forgets', async () => {
    server = await startSseServer();
    rec = makeHub();
    const config = feed('f', `${server.url}/events`, { enabled: false });
    rec.hub.upsert(config);
    expect(rec.hub.status('f')).toMatchObject({ state: 'disabled', reason: null });
    await sleep(50);
    expect(server.requests).toHaveLength(0);
    rec.hub.upsert({ ...config, enabled: true });
    await server.waitForClients(1);
    rec.hub.upsert({ ...config, enabled: true, eventTypes: ['only-this'] }); // no reconnect for a filter change
    await sleep(50);
    expect(server.requests).toHaveLength(1);
    server.send({ event: 'other', data: 'dropped' });
    server.send({ event: 'only-this', data: 'kept' });
    await waitFor(() => rec!.events.length === 1, 'filtered event');
    expect(rec.events[0]!.data).toBe('kept');
    rec.hub.upsert({ ...config, enabled: false });
    await waitFor(() => server!.clients === 0, 'closed when disabled');
    rec.hub.upsert({ ...config, enabled: true });
    await server.waitForClients(1);
    rec.hub.remove('f');
    await waitFor(() => server!.clients === 0, 'closed on remove');
    expect(rec.hub.status('f')).toBeUndefined();
    const count = rec.statuses.length;
    await sleep(100);
    expect(rec.statuses.length).toBe(count);
  });

  test('a URL change reconnects to the new stream with the config’s cursor, not the old stream’s', async () => {
    server = await startSseServer();
    server.send({ id: 'b1', data: 'old on b' }, '/b');
    server.send({ id: 'b2', data: 'new on b' }, '/b');
    rec = makeHub();
    const config = feed('f', `${server.url}/a`);
    rec.hub.upsert(config);
    await server.waitForClients(1, { path: '/a' });
    server.send({ id: 'a1', data: 'on a' }, '/a');
    await waitFor(() => rec!.hub.status('f')!.lastEventId === 'a1', 'cursor a1');
    rec.hub.upsert({ ...config, url: `${server.url}/b`, lastEventId: 'b1' });
    await waitFor(() => rec!.events.length === 2, 'replay on b');
    expect(rec.events.map((e) => e.eventId)).toEqual(['a1', 'b2']);
    expect(server.requests.at(-1)).toMatchObject({ path: '/b', lastEventId: 'b1' });
    await waitFor(() => server!.clientCount('/a') === 0, 'old stream closed');
  });

  test('close() ends every connection and timer', async () => {
    server = await startSseServer();
    server.setFault('/failing', { kind: 'status', status: 500 });
    rec = makeHub();
    rec.hub.upsert(feed('a', `${server.url}/events`));
    rec.hub.upsert(feed('b', `${server.url}/failing`));
    await server.waitForClients(1);
    rec.hub.close();
    await waitFor(() => server!.clients === 0, 'closed');
    await sleep(50); // a request already on the wire may still land
    const requests = server.requests.length;
    await sleep(400); // many backoff spans (base 20 ms, cap 200 ms)
    expect(server.requests.length).toBe(requests);
  });
});

describe('storm guard', () => {
  test('200 feeds failing together: spread-out retries, bounded timers, bounded requests', async () => {
    server = await startSseServer();
    server.setFault('*', { kind: 'status', status: 503 });
    let live = 0;
    let peak = 0;
    const handles = new Set<unknown>();
    const timers: Timers = {
      setTimeout(fn, ms) {
        const handle = realTimers.setTimeout(() => {
          if (handles.delete(handle)) live--;
          fn();
        }, ms);
        handles.add(handle);
        live++;
        peak = Math.max(peak, live);
        return handle;
      },
      clearTimeout(handle) {
        if (handles.delete(handle)) live--;
        realTimers.clearTimeout(handle);
      },
    };
    rec = makeHub({ timers, backoff: { baseMs: 400, capMs: 5000 } });
    const firstRetry = new Map<string, number>();
    rec.hub.onStatus((s) => {
      if (s.state === 'reconnecting' && s.retryAt !== null && !firstRetry.has(s.feedId))
        firstRetry.set(s.feedId, s.retryAt);
    });
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < 200; i++) rec.hub.upsert(feed(`f${i}`, `${server.url}/feed-${i}`));
    await waitFor(() => firstRetry.size === 200, 'all 200 failed once', 20_000);
    await sleep(1500);
    const cpu = process.cpuUsage(cpuBefore);
    // Retry times are spread over the jitter span, not one instant.
    const times = [...firstRetry.values()].sort((a, b) => a - b);
    expect(new Set(times).size).toBeGreaterThan(150);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(200);
    const buckets = new Map<number, number>();
    for (const t of times) buckets.set(Math.floor(t / 50), (buckets.get(Math.floor(t / 50)) ?? 0) + 1);
    expect(Math.max(...buckets.values())).toBeLessThan(60); // no 50 ms slot holds a crowd
    // At most a retry timer and a headers timer per feed.
    expect(peak).toBeLessThanOrEqual(400);
    // Exponential backoff bounds the work: within ~2 s at most a handful of attempts per feed.
    expect(server.requests.length).toBeLessThan(200 * 6);
    // No spinning: CPU goes into requests (about 1–2 ms each here), not into busy loops between them. Per request,
    // so a loaded machine (slower requests, not more of them) does not fail it; a spin shows up either way.
    expect((cpu.user + cpu.system) / 1000 / server.requests.length).toBeLessThan(6);
    expect(rec.hub.statuses().every((s) => s.state === 'reconnecting')).toBe(true);
  }, 30_000);
});
