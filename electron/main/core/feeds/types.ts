/**
 * The feeds engine's public types: what the hub delivers (FeedEvent, to ingest and the listener) and takes
 * (ConnectionConfig, HubOptions).
 */
import type { MessageFields } from '../../../../shared/message-fields';
import type { Transport } from '../net/transport';
import type { Clock, Logger, Timers } from '../types';
import type { FlowControl } from './attempt';

/** One normalised SSE event. */
export interface FeedEvent {
  feedId: string;
  /** The SSE event type; `message` when the server sent none. */
  type: string;
  /** The event's own `id:` field; null when the event carried none. */
  eventId: string | null;
  /** The last event ID as the standard defines it (the MessageEvent's lastEventId; '' when none). */
  lastEventId?: string;
  /**
   * The feed's resume cursor once this event is stored: the last event id if it can be sent back as a header
   * (no control characters, at most 1 KiB), else the previous cursor; null = none. Absent: derive it from eventId.
   */
  cursor?: string | null;
  data: string;
  /** True when data was cut at maxEventBytes (at a character boundary). */
  truncated: boolean;
  /** With `truncated`: the UTF-8 bytes of the event's whole data as the server sent it. */
  originalSize?: number;
  /** Stored as read: the feed's messages do not count as unread (Feed.countUnread false). */
  read?: boolean;
  receivedAt: number;
  /** Replayed after a resume: part of the first burst of a connection opened with Last-Event-ID. */
  backfill: boolean;
  /** What the feed's server profile read out of the event (core/profiles); null/absent: nothing. */
  fields?: MessageFields | null;
}

export interface ConnectionConfig {
  id: string;
  url: string;
  /** Already decrypted; never logged. */
  headers: Record<string, string>;
  /** Event types to keep; empty = all. */
  eventTypes: string[];
  /** Watchdog: reconnect when no bytes (comments count) arrive for this long; 0 disables it. */
  idleTimeoutSec: number;
  enabled: boolean;
  /** Persisted cursor, sent as Last-Event-ID on the first connect. */
  lastEventId: string | null;
  /**
   * The feed's server profile decides each request (core/profiles/feed-profiles.ts): the URL and headers to use
   * given the engine's cursor, resume included (`since=`, or `Last-Event-ID`). Absent: the URL and headers as
   * configured plus `Last-Event-ID`.
   */
  request?: (cursor: string | null) => { url: string; headers: Record<string, string> };
  /** Headers that have no value yet (a secret left out of an export): the feed stops and asks for them. */
  headersNeedingValue?: string[];
  /** PEM of a CA certificate trusted for this feed only (a private CA); null/absent: the system's roots. */
  trustedCa?: string | null;
  /** Its events are stored read (the feed does not count as unread). */
  arriveRead?: boolean;
  /** Names of the feed's secret headers: diagnostics show that they were sent, never their values. */
  secretHeaders?: string[];
}

/** The feed's cursor moved without an event to carry it (an id-only block, an empty `id:`, a filtered event). */
export interface CursorMove {
  feedId: string;
  cursor: string | null;
  at: number;
}

export interface BackoffOptions {
  /** First delay bound (default 1000 ms); doubles per consecutive failure. */
  baseMs?: number;
  /** Upper bound of the exponential part and of a server `retry:` (default 60 000 ms). */
  capMs?: number;
  /** Open this long and the failure count resets (default 30 000 ms). */
  healthyMs?: number;
  /** Retry-After is honoured up to this (default 1 h). */
  maxRetryAfterMs?: number;
  /** Reconnection time when the server sent no `retry:` (default: baseMs). */
  defaultRetryMs?: number;
  /** Shortest reconnection time (default min(250 ms, baseMs)). */
  minRetryMs?: number;
}

export interface HubOptions {
  /** Every connection goes through it (core/net/transport.ts). */
  transport: Transport;
  /** Storage's backpressure (default: never held). */
  flow?: FlowControl;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  backoff?: BackoffOptions;
  /** Time allowed until response headers arrive (default 30 000 ms). */
  headersTimeoutMs?: number;
  /** Data beyond this many UTF-8 bytes is cut and the event marked truncated (default 1 MiB). */
  maxEventBytes?: number;
  /**
   * On a connection opened with Last-Event-ID, the burst of chunks right after opening (no gap over 50 ms) is
   * backfill, up to this long after opening (default 2000 ms).
   */
  backfillWindowMs?: number;
  /** Source of jitter, [0, 1). Default Math.random. */
  random?: () => number;
}
