/**
 * Test helpers for the feed engine: a hub on real fetch, real loopback servers, and recorders.
 */
import { FeedHub } from '../../../electron/main/core/feeds/feed-hub';
import { createTransport } from '../../../electron/main/core/net/transport';
import type { SseTestServer } from '../../support/sse-server';
import type { ConnectionConfig, FeedEvent, HubOptions } from '../../../electron/main/core/feeds/types';
import type { Logger, Timers } from '../../../electron/main/core/types';
import type { FeedStatus } from '../../../shared/domain';

export const quietLogger: Logger & { lines: string[] } = {
  lines: [],
  debug() {},
  info(message: string) {
    quietLogger.lines.push(message);
    if (quietLogger.lines.length > 1000) quietLogger.lines.splice(0, 500);
  },
  warn(message: string) {
    quietLogger.lines.push(message);
  },
  error(message: string) {
    quietLogger.lines.push(message);
  },
};

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Real timers that remember every delay asked for. */
export function recordingTimers(): { timers: Timers; requested: number[] } {
  const requested: number[] = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      requested.push(ms);
      return realTimers.setTimeout(fn, ms);
    },
    clearTimeout: realTimers.clearTimeout,
  };
  return { timers, requested };
}

export interface Recorder {
  hub: FeedHub;
  events: FeedEvent[];
  statuses: FeedStatus[];
  batches: number;
  /** States seen for a feed, in order (consecutive duplicates collapsed). */
  states(feedId: string): string[];
}

export function makeHub(overrides: Partial<HubOptions> = {}): Recorder {
  const hub = new FeedHub({
    transport: createTransport(),
    clock: { now: () => Date.now() },
    timers: realTimers,
    logger: quietLogger,
    backoff: { baseMs: 20, capMs: 200, healthyMs: 30_000 },
    ...overrides,
  });
  const recorder: Recorder = {
    hub,
    events: [],
    statuses: [],
    batches: 0,
    states(feedId) {
      const out: string[] = [];
      for (const s of recorder.statuses) {
        if (s.feedId === feedId && out[out.length - 1] !== s.state) out.push(s.state);
      }
      return out;
    },
  };
  hub.onEvents((events) => {
    recorder.batches++;
    for (const e of events) recorder.events.push(e);
  });
  hub.onStatus((s) => recorder.statuses.push(s));
  return recorder;
}

export function feed(id: string, url: string, extra: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return { id, url, headers: {}, eventTypes: [], idleTimeoutSec: 45, enabled: true, lastEventId: null, ...extra };
}

export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** afterEach teardown: closes the hub, then the server. */
export async function shutdown(rec: Recorder | null, server: SseTestServer | null): Promise<void> {
  rec?.hub.close();
  await server?.close();
}
