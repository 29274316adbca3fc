/**
 * One feed's connection: an `eventsource` instance per attempt, driven by a custom fetch that adds the feed's
 * headers and Last-Event-ID, times out slow response headers, classifies the response (status, Retry-After,
 * Content-Type) and wraps the body to count bytes (watchdog), keep raw frames, observe `retry:` lines and keep
 * one huge event from overflowing the parser (the EventGate: the event arrives cut, the stream goes on).
 *
 * The engine alone decides about reconnecting: the eventsource package never sees a failure it would retry by
 * itself (failed fetches and stream errors reach it as AbortErrors, which it ignores; at the end of a stream the
 * instance is closed before the reader reports `done`). Every timer goes through the injected Timers.
 */
import { EventSource } from 'eventsource';
import type { FeedCounters, FeedState, FeedStatus, RawFrame } from '../../../../shared/domain';
import { reasonEnglish, type Reason } from '../../../../shared/reason';
import type { Clock, FetchLike, Logger, Timers } from '../types';
import { clampRetry, MAX_TIMER_MS, parseRetryAfter, reconnectDelay, type BackoffPolicy } from './backoff';
import { classifyResponse, describeNetworkError, invalidHeader, retry as retryOutcome, type Outcome } from './errors';
import { EventGate, type GateReport } from './event-gate';
import { RetryScanner } from './retry-scanner';
import type { ConnectionConfig, FeedEvent } from './types';

export interface ConnectionDeps {
  fetch: FetchLike;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  policy: BackoffPolicy;
  headersTimeoutMs: number;
  maxEventBytes: number;
  backfillWindowMs: number;
  random: () => number;
  emitEvents(events: FeedEvent[]): void;
  emitStatus(status: FeedStatus): void;
}

const FRAME_RING = 50;
const FRAME_BYTES = 4096;
/** `id:`, `event:` and `retry:` lines are cut beyond max(maxEventBytes, this). */
const MIN_LINE_CAP = 64 * 1024;
/** A resumed connection's replay ends at the first gap this long between chunks (or at backfillWindowMs). */
const BACKFILL_GAP_MS = 50;

/** What the eventsource instance reports back to its connection. */
interface EventSink {
  dispatch(event: Event): void;
}

/**
 * Receives every event the package dispatches (open, error, and messages of ANY type — an EventSource only
 * delivers types someone listens to, and feed types are not known in advance). No EventTarget dispatch cost.
 */
class InterceptingEventSource extends EventSource {
  sink: EventSink | null = null;
  override dispatchEvent(event: Event): boolean {
    this.sink?.dispatch(event);
    return true;
  }
}

function abortError(): Error {
  const error = new Error('aborted by the feed engine');
  error.name = 'AbortError';
  return error;
}

/** Header values are byte strings: send a non-ASCII id as its UTF-8 bytes (as the eventsource package does). */
function toByteString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  let out = '';
  for (const byte of new TextEncoder().encode(value)) out += String.fromCharCode(byte);
  return out;
}

const encoder = new TextEncoder();

function truncate(data: string, maxBytes: number): string | null {
  // Fast path: even at 3 bytes per UTF-16 unit it fits.
  if (data.length * 3 <= maxBytes) return null;
  if (Buffer.byteLength(data, 'utf8') <= maxBytes) return null;
  // encodeInto writes whole characters only, so the cut never splits one.
  const { read } = encoder.encodeInto(data, new Uint8Array(maxBytes));
  return data.slice(0, read);
}

type ReadResult = { done: false; value: Uint8Array } | { done: true; value: undefined };

interface Frame {
  at: number;
  bytes: Uint8Array;
}

export class FeedConnection {
  private config: ConnectionConfig;
  private typeFilter: Set<string> | null;
  private state: FeedState = 'idle';
  private reason: Reason | null = null;
  private retryAt: number | null = null;
  private cursor: string | null;
  private readonly counters: FeedCounters = {
    events: 0,
    bytes: 0,
    reconnects: 0,
    lastEventAt: null,
    lastErrorAt: null,
    lastError: null,
  };

  /** Attempt generation: callbacks of an older attempt are ignored. */
  private generation = 0;
  private source: InterceptingEventSource | null = null;
  private controller: AbortController | null = null;
  /** Headers of the current request as the feed's profile planned them (null: the configured ones). */
  private planHeaders: Record<string, string> | null = null;
  private headersTimer: unknown = null;
  private watchdogTimer: unknown = null;
  private retryTimer: unknown = null;
  private failures = 0;
  private serverRetryMs: number | null = null;
  private openedAt: number | null = null;
  private resumedFrom: string | null = null;
  private lastByteAt = 0;
  private chunkAt = 0;
  private chunkBackfill = false;
  private prevChunkAt = 0;
  /** The package's lastEventId as last seen: a change means the event carried an `id:` field. */
  private seenBuffer = '';
  private pending: FeedEvent[] = [];
  private flushQueued = false;
  private readonly frameRing: Frame[] = [];
  private frameNext = 0;
  private paused = false;
  private closed = false;
  /** The size beyond which an event is bad input (recorded as an error); the parser's own limit (a backstop). */
  private readonly maxBufferSize: number;

  constructor(
    config: ConnectionConfig,
    private readonly deps: ConnectionDeps,
  ) {
    this.config = { ...config, headers: { ...config.headers }, eventTypes: [...config.eventTypes] };
    this.typeFilter = config.eventTypes.length > 0 ? new Set(config.eventTypes) : null;
    this.cursor = config.lastEventId;
    this.maxBufferSize = Math.max(deps.maxEventBytes * 16, 1 << 20);
  }

  get id(): string {
    return this.config.id;
  }

  get currentState(): FeedState {
    return this.state;
  }

  /** Starts (or leaves paused / disabled). */
  start(paused: boolean): void {
    this.paused = paused;
    if (!this.config.enabled) this.disable();
    else if (paused) this.setState('paused', null);
    else this.connect('connecting');
  }

  /** Applies a new config; reconnects only when the URL or headers changed (or it was enabled again). */
  update(next: ConnectionConfig): void {
    const prev = this.config;
    this.config = { ...next, headers: { ...next.headers }, eventTypes: [...next.eventTypes] };
    this.typeFilter = next.eventTypes.length > 0 ? new Set(next.eventTypes) : null;
    const urlChanged = prev.url !== next.url;
    const headersChanged = JSON.stringify(prev.headers) !== JSON.stringify(next.headers);
    if (urlChanged || (this.cursor === null && next.lastEventId !== null)) this.cursor = next.lastEventId;
    if (!next.enabled) {
      if (this.state !== 'disabled') this.disable();
      return;
    }
    if (this.paused) {
      if (this.state !== 'paused') {
        this.teardown();
        this.setState('paused', null);
      }
      return;
    }
    if (!prev.enabled || urlChanged || headersChanged || this.state === 'idle') {
      this.failures = 0;
      this.serverRetryMs = null;
      this.connect('connecting');
    } else if (prev.idleTimeoutSec !== next.idleTimeoutSec && this.state === 'open') {
      this.armWatchdog(this.generation, this.idleMs());
    }
  }

  pause(): void {
    this.paused = true;
    if (this.state === 'stopped' || this.state === 'disabled') return;
    this.teardown();
    this.setState('paused', null);
  }

  resume(): void {
    this.paused = false;
    if (this.state !== 'paused') return;
    this.failures = 0;
    this.connect('connecting');
  }

  /** "Reconnect now": immediate, resets the backoff; retries stopped feeds too (the user may have fixed them). */
  reconnectNow(): void {
    if (this.closed || !this.config.enabled) return;
    this.paused = false;
    this.failures = 0;
    this.counters.reconnects += this.state === 'idle' ? 0 : 1;
    this.connect('connecting');
  }

  /** Reconnect unless stopped for good (used after sleep / network change). */
  refresh(): void {
    if (this.closed || !this.config.enabled || this.state === 'stopped') return;
    this.reconnectNow();
  }

  close(): void {
    this.closed = true;
    this.teardown();
    this.pending = [];
  }

  status(): FeedStatus {
    return {
      feedId: this.config.id,
      state: this.state,
      reason: this.reason,
      retryAt: this.retryAt,
      lastEventId: this.cursor,
      counters: { ...this.counters },
    };
  }

  frames(): RawFrame[] {
    const out: RawFrame[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const n = this.frameRing.length;
    const start = n < FRAME_RING ? 0 : this.frameNext;
    for (let k = 0; k < n; k++) {
      const frame = this.frameRing[(start + k) % n]!;
      out.push({ at: frame.at, text: decoder.decode(frame.bytes) });
    }
    return out;
  }

  // ── connecting ────────────────────────────────────────────────────────────────────────────────────────────

  private connect(state: 'connecting' | 'reconnecting'): void {
    if (this.closed) return;
    this.teardown();
    // The feed's server profile decides the request (resume as since= or Last-Event-ID); else the URL as configured.
    const plan = this.config.request?.(this.cursor) ?? null;
    this.planHeaders = plan?.headers ?? null;
    let url: URL;
    try {
      url = new URL(plan?.url ?? this.config.url);
    } catch {
      this.stop({ kind: 'invalidUrl' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      const scheme = url.protocol.replace(':', '');
      this.stop({ kind: 'scheme', scheme });
      return;
    }
    const badHeader = invalidHeader(this.planHeaders ?? this.config.headers);
    if (badHeader !== null) {
      this.stop({ kind: 'header', name: badHeader });
      return;
    }
    const token = ++this.generation;
    this.controller = new AbortController();
    this.openedAt = null;
    this.resumedFrom = this.cursor;
    this.seenBuffer = '';
    this.setState(state, state === 'reconnecting' ? this.reason : null);
    const source = new InterceptingEventSource(url, {
      fetch: (input, init) => this.fetchStream(token, input, init),
      // A backstop only: the gate in front of the parser keeps every event far below this.
      maxBufferSize: this.maxBufferSize,
    });
    source.sink = { dispatch: (event) => this.onDispatch(token, event) };
    this.source = source;
  }

  private async fetchStream(
    token: number,
    input: string | URL,
    init: { signal?: unknown },
  ): Promise<{
    status: number;
    url: string;
    redirected: boolean;
    headers: { get(name: string): string | null };
    body: { getReader(): ReadableStreamDefaultReader<Uint8Array> };
  }> {
    const controller = this.controller;
    if (token !== this.generation || controller === null) throw abortError();
    const signal = init.signal as AbortSignal | undefined;
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const headers: Record<string, string> = {};
    const plan = this.planHeaders;
    for (const [name, value] of Object.entries(plan ?? this.config.headers)) {
      const lower = name.toLowerCase();
      if (lower === 'last-event-id' && plan) headers['Last-Event-ID'] = toByteString(value);
      else if (lower !== 'accept' && lower !== 'last-event-id' && lower !== 'cache-control') headers[name] = value;
    }
    headers.Accept = 'text/event-stream';
    headers['Cache-Control'] = 'no-cache';
    if (!plan && this.cursor !== null && this.cursor !== '') headers['Last-Event-ID'] = toByteString(this.cursor);
    const { timers } = this.deps;
    this.headersTimer = timers.setTimeout(() => {
      this.headersTimer = null;
      this.fail(token, retryOutcome({ kind: 'headersTimeout', seconds: this.deps.headersTimeoutMs / 1000 }));
    }, this.deps.headersTimeoutMs);
    let response: Response;
    try {
      // A string, not a URL object: Electron's net.fetch takes strings and Requests only.
      response = await this.deps.fetch(typeof input === 'string' ? input : input.href, {
        method: 'GET',
        headers,
        redirect: 'follow',
        signal: controller.signal,
      });
    } catch (error) {
      if (token === this.generation) {
        this.clearHeadersTimer();
        this.fail(token, describeNetworkError(error));
      }
      throw abortError();
    }
    if (token !== this.generation) {
      void response.body?.cancel().catch(() => undefined);
      throw abortError();
    }
    this.clearHeadersTimer();
    const contentType = response.headers.get('content-type');
    const outcome = classifyResponse(response.status, contentType);
    if (outcome !== null || response.body === null) {
      void response.body?.cancel().catch(() => undefined);
      const failure: Outcome = outcome ?? retryOutcome({ kind: 'emptyBody' });
      if (failure.kind === 'retry') failure.retryAfter = response.headers.get('retry-after');
      this.fail(token, failure);
      throw abortError();
    }
    if (response.redirected)
      this.deps.logger.info(`feed ${this.config.id}: redirected to ${new URL(response.url).origin}`);
    const reader = response.body.getReader();
    return {
      status: 200,
      url: response.url || String(input),
      redirected: response.redirected,
      headers: response.headers,
      body: { getReader: () => this.wrapReader(token, reader) },
    };
  }

  private wrapReader(
    token: number,
    reader: ReadableStreamDefaultReader<Uint8Array>,
  ): ReadableStreamDefaultReader<Uint8Array> {
    const scanner = new RetryScanner();
    const maxEventBytes = this.deps.maxEventBytes;
    // The parser gets a little more than maxEventBytes of an event's data (so the cut in onDispatch is exact and
    // marked), never the rest of it.
    const gate = new EventGate(
      { dataCap: maxEventBytes + 4, lineCap: Math.max(maxEventBytes, MIN_LINE_CAP), reportBytes: this.maxBufferSize },
      (what) => this.onOversize(token, what),
    );
    const read = async (): Promise<ReadResult> => {
      let result: ReadResult;
      try {
        result = (await reader.read()) as ReadResult;
      } catch (error) {
        if (token === this.generation) this.fail(token, describeNetworkError(error));
        throw abortError();
      }
      if (token !== this.generation) return { done: true, value: undefined };
      if (result.done) {
        this.fail(token, retryOutcome({ kind: 'closedByServer' }));
        return { done: true, value: undefined };
      }
      const chunk = result.value;
      const now = this.deps.clock.now();
      this.lastByteAt = now;
      this.chunkAt = now;
      if (this.chunkBackfill) {
        // The replay is the burst the server writes right after opening: it ends at the first quiet gap.
        this.chunkBackfill =
          now - this.prevChunkAt <= BACKFILL_GAP_MS &&
          this.openedAt !== null &&
          now - this.openedAt < this.deps.backfillWindowMs;
      }
      this.prevChunkAt = now;
      this.counters.bytes += chunk.byteLength;
      this.recordFrame(now, chunk);
      const retry = scanner.scan(chunk);
      if (retry !== null) this.serverRetryMs = clampRetry(this.deps.policy, retry);
      const passed = gate.pass(chunk);
      return passed === chunk ? result : { done: false, value: passed };
    };
    return {
      read,
      cancel: (reason?: unknown) => reader.cancel(reason),
      releaseLock: () => reader.releaseLock(),
      closed: reader.closed,
    } as ReadableStreamDefaultReader<Uint8Array>;
  }

  /** Bad input the gate cut: a clear error (status, log, a note among the raw frames); the stream goes on. */
  private onOversize(token: number, what: GateReport): void {
    if (token !== this.generation) return;
    const reason: Reason =
      what === 'event'
        ? { kind: 'oversizeEvent', limitBytes: this.maxBufferSize, cutToBytes: this.deps.maxEventBytes }
        : { kind: 'oversizeLine', part: what, limitBytes: Math.max(this.deps.maxEventBytes, MIN_LINE_CAP) };
    const now = this.deps.clock.now();
    this.counters.lastError = reason;
    this.counters.lastErrorAt = now;
    const text = reasonEnglish(reason);
    this.recordFrame(now, encoder.encode(`[Tidings] ${text}\n`));
    this.deps.logger.warn(`feed ${this.config.id}: ${text}`);
    this.deps.emitStatus(this.status());
  }

  private recordFrame(at: number, chunk: Uint8Array): void {
    const frame = { at, bytes: chunk.byteLength > FRAME_BYTES ? chunk.slice(0, FRAME_BYTES) : chunk.slice() };
    if (this.frameRing.length < FRAME_RING) this.frameRing.push(frame);
    else this.frameRing[this.frameNext] = frame;
    this.frameNext = (this.frameNext + 1) % FRAME_RING;
  }

  // ── events from the eventsource instance ──────────────────────────────────────────────────────────────────

  private onDispatch(token: number, event: Event): void {
    if (token !== this.generation) return;
    const type = event.type;
    if (type === 'open') {
      this.onOpen(token);
      return;
    }
    if (type === 'error') {
      const message = (event as Event & { message?: string }).message;
      const tooBig = message !== undefined && /buffer size/i.test(message);
      this.fail(
        token,
        retryOutcome(
          tooBig
            ? { kind: 'eventTooLarge', limitBytes: this.maxBufferSize }
            : { kind: 'streamError', detail: message ?? 'unknown' },
        ),
      );
      return;
    }
    const message = event as unknown as { data: string; lastEventId: string };
    const buffer = message.lastEventId;
    let eventId: string | null = null;
    if (buffer !== this.seenBuffer) {
      this.seenBuffer = buffer;
      if (buffer !== '') {
        eventId = buffer;
        this.cursor = buffer;
      }
    }
    if (this.typeFilter !== null && !this.typeFilter.has(type)) return;
    let data = message.data;
    let truncated = false;
    const cut = truncate(data, this.deps.maxEventBytes);
    if (cut !== null) {
      data = cut;
      truncated = true;
    }
    this.counters.events++;
    this.counters.lastEventAt = this.chunkAt;
    this.pending.push({
      feedId: this.config.id,
      type,
      eventId,
      data,
      truncated,
      receivedAt: this.chunkAt,
      backfill: this.chunkBackfill,
    });
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(this.flush);
    }
  }

  /** Delivers the events of one chunk as one batch. */
  private readonly flush = (): void => {
    this.flushQueued = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deps.emitEvents(batch);
  };

  private onOpen(token: number): void {
    const now = this.deps.clock.now();
    this.openedAt = now;
    this.lastByteAt = now;
    this.chunkAt = now;
    this.prevChunkAt = now;
    this.chunkBackfill = this.resumedFrom !== null;
    this.setState('open', null);
    this.armWatchdog(token, this.idleMs());
  }

  private idleMs(): number {
    const sec = this.config.idleTimeoutSec;
    return Number.isFinite(sec) && sec > 0 ? Math.min(sec * 1000, MAX_TIMER_MS) : 0;
  }

  private armWatchdog(token: number, ms: number): void {
    if (this.watchdogTimer !== null) this.deps.timers.clearTimeout(this.watchdogTimer);
    this.watchdogTimer = null;
    if (ms <= 0) return;
    this.watchdogTimer = this.deps.timers.setTimeout(() => {
      this.watchdogTimer = null;
      if (token !== this.generation) return;
      const idleMs = this.idleMs();
      if (idleMs <= 0) return;
      const quiet = this.deps.clock.now() - this.lastByteAt;
      if (quiet >= idleMs) {
        this.fail(token, retryOutcome({ kind: 'idleTimeout', seconds: idleMs / 1000 }));
      } else {
        this.armWatchdog(token, idleMs - quiet);
      }
    }, ms);
  }

  // ── failures ──────────────────────────────────────────────────────────────────────────────────────────────

  private fail(token: number, outcome: Outcome): void {
    if (token !== this.generation || this.closed) return;
    const now = this.deps.clock.now();
    if (this.openedAt !== null && now - this.openedAt >= this.deps.policy.healthyMs) this.failures = 0;
    this.teardown();
    this.counters.lastError = outcome.reason;
    this.counters.lastErrorAt = now;
    if (outcome.kind === 'stop') {
      this.deps.logger.warn(`feed ${this.config.id} stopped: ${reasonEnglish(outcome.reason)}`);
      this.stop(outcome.reason);
      return;
    }
    const retryAfter = parseRetryAfter(this.deps.policy, outcome.retryAfter ?? null, now);
    const floor = Math.max(this.serverRetryMs ?? 0, retryAfter ?? 0);
    const delay = reconnectDelay(this.deps.policy, this.failures, floor, this.deps.random);
    this.failures++;
    this.counters.reconnects++;
    this.deps.logger.info(`feed ${this.config.id}: ${reasonEnglish(outcome.reason)}; reconnecting in ${delay} ms`);
    this.setState('reconnecting', outcome.reason, now + delay);
    this.retryTimer = this.deps.timers.setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      this.connect('reconnecting');
    }, delay);
  }

  private stop(reason: Reason): void {
    this.teardown();
    this.setState('stopped', reason);
  }

  /** The user turned the feed off: no connection, no reason. */
  private disable(): void {
    this.teardown();
    this.setState('disabled', null);
  }

  /** Ends the current attempt (if any) and clears every timer. Parsed events still pending are delivered. */
  private teardown(): void {
    this.generation++;
    const { timers } = this.deps;
    this.clearHeadersTimer();
    if (this.watchdogTimer !== null) timers.clearTimeout(this.watchdogTimer);
    if (this.retryTimer !== null) timers.clearTimeout(this.retryTimer);
    this.watchdogTimer = null;
    this.retryTimer = null;
    this.retryAt = null;
    if (this.source !== null) {
      this.source.sink = null;
      this.source.close();
      this.source = null;
    }
    if (this.controller !== null) {
      this.controller.abort();
      this.controller = null;
    }
    this.openedAt = null;
  }

  private clearHeadersTimer(): void {
    if (this.headersTimer !== null) this.deps.timers.clearTimeout(this.headersTimer);
    this.headersTimer = null;
  }

  private setState(state: FeedState, reason: Reason | null, retryAt: number | null = null): void {
    this.state = state;
    this.reason = reason;
    this.retryAt = retryAt;
    this.deps.emitStatus(this.status());
  }
}
