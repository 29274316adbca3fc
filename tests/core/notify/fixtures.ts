import { defaultSettings, type Feed, type FeedStatus, type Message, type Settings } from '../../../shared/domain';

export function feed(id: string, name: string, notify: Partial<Feed['notify']> = {}): Feed {
  return {
    id,
    name,
    url: `http://127.0.0.1:1/${id}`,
    headers: [],
    eventTypes: [],
    notify: { mode: 'all', types: [], include: [], exclude: [], ...notify },
    idleTimeoutSec: 45,
    enabled: true,
    createdAt: 0,
  };
}

let nextId = 1;
export function message(feedId: string, data: string, extra: Partial<Message> = {}): Message {
  const id = nextId++;
  return {
    id,
    feedId,
    type: 'message',
    eventId: `e${id}`,
    data,
    truncated: false,
    receivedAt: 0,
    read: false,
    backfill: false,
    starred: false,
    size: Buffer.byteLength(data),
    preview: false,
    ...extra,
  };
}

export function settings(patch: Partial<Settings> = {}): Settings {
  return { ...defaultSettings, ...patch, dnd: { ...defaultSettings.dnd, ...patch.dnd } };
}

export function status(feedId: string, state: FeedStatus['state'], reason: FeedStatus['reason'] = null): FeedStatus {
  return {
    feedId,
    state,
    reason,
    retryAt: null,
    lastEventId: null,
    counters: { events: 0, bytes: 0, reconnects: 0, lastEventAt: null, lastErrorAt: null, lastError: null },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): {
  now(): number;
  advance(ms: number): void;
  set(at: number): void;
} {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
    set: (value) => {
      at = value;
    },
  };
}

/** Minutes of the day in UTC, so quiet-hours tests do not depend on the machine's time zone. */
export const utcMinutes = (at: number): number => Math.floor(at / 60_000) % 1440;
export const utcAt = (day: number, hh: number, mm: number): number => Date.UTC(2026, 0, day, hh, mm);
