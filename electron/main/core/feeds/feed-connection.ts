/**
 * One feed's lifecycle: states, reconnect timing, the watchdog, stop reasons and the resume cursor. Each
 * connection attempt (attempt.ts) brings the body's bytes; the stream reader (stream-reader.ts) turns them into
 * events in one pass; this class decides what happens next. Every timer goes through the injected Timers.
 *
 *   idle → connecting → open → reconnecting ↺ → stopped (with a reason) | paused
 *
 * Reconnect timing (backoff.ts): a stream that delivered events and then ended or dropped (or that the server
 * ended cleanly after at least a second) comes back after the server's reconnection time (`retry:` or the
 * default) with ≤ 10 % jitter, and the failure count starts again;
 * anything else — refused, 5xx, 429, no headers, a silent stream (watchdog) — is a failure, backed off
 * exponentially with full jitter above the server's floor (`retry:`, Retry-After).
 *
 * The cursor (sent as Last-Event-ID) is the standard's last event id when it can be sent back as a header value:
 * an empty `id:` clears it; an id with control characters or over 1 KiB is kept with its message but never
 * becomes the cursor. A 431 answer to a resume drops the cursor and retries once without it.
 */
import type {
  FeedCounters,
  FeedState,
  FeedStatus,
  HttpExchange,
  PauseSource,
  RawFrame,
} from '../../../../shared/domain';
import { reasonEnglish, type Reason } from '../../../../shared/reason';
import { checkHttpUrl } from '../../../../shared/rules';
import type { StreamResponse, Transport } from '../net/transport';
import type { Clock, Logger, Timers } from '../types';
import { Attempt, type FlowControl } from './attempt';
import { clampRetry, MAX_TIMER_MS, parseRetryAfter, reconnectDelay, retryDelay, type BackoffPolicy } from './backoff';
import { invalidHeader, retry as retryOutcome, type Outcome } from './errors';
import { exchangeHeader, maskUrl, REQUEST_SECRETS, RESPONSE_SECRETS } from './exchange';
import { FrameRing } from './frame-ring';
import { EventStreamReader, type StreamEvent, type StreamProblem } from './stream-reader';
import type { ConnectionConfig, CursorMove, FeedEvent } from './types';

export interface ConnectionDeps {
  transport: Transport;
  flow: FlowControl;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  policy: BackoffPolicy;
  headersTimeoutMs: number;
  maxEventBytes: number;
  backfillWindowMs: number;
  random: () => number;
  emitEvents(events: FeedEvent[]): void;
  emitCursor(move: CursorMove): void;
  emitStatus(status: FeedStatus): void;
}

/** `id:` and `event:` values are cut (ids: ignored) beyond max(maxEventBytes, this). */
const MIN_LINE_CAP = 64 * 1024;
/** A resumed connection's replay ends at the first gap this long between chunks (or at backfillWindowMs). */
const BACKFILL_GAP_MS = 50;
/** A server that ends a quiet stream after this long is cycling it on purpose, not failing. */
const QUIET_CYCLE_MS = 1000;
/** The longest id used as a cursor (UTF-8 bytes); longer ones are kept with their message only. */
export const MAX_CURSOR_BYTES = 1024;

const encoder = new TextEncoder();

/** Whether an id can go back to the server as a Last-Event-ID header value, unchanged. */
export function isSendableId(id: string): boolean {
  if (id === '' || Buffer.byteLength(id, 'utf8') > MAX_CURSOR_BYTES) return false;
  // Control characters are refused in header values (or would be stripped or change the id: leading/trailing
  // whitespace is trimmed by HTTP).
  // eslint-disable-next-line no-control-regex
  return !/[\x00-\x1f\x7f]/.test(id) && !/^[ \t]|[ \t]$/.test(id);
}

/** A stored cursor that cannot be sent (saved by an older version) is not used: the feed starts from now. */
function resumable(cursor: string | null): string | null {
  return cursor !== null && isSendableId(cursor) ? cursor : null;
}

/** Header values are byte strings: a non-ASCII id goes out as its UTF-8 bytes (as browsers and eventsource do). */
function toByteString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  let out = '';
  for (const byte of encoder.encode(value)) out += String.fromCharCode(byte);
  return out;
}

/** Data cut to maxBytes UTF-8 bytes on a character boundary; null when it fits. */
function cut(data: string, maxBytes: number): string | null {
  if (data.length * 3 <= maxBytes || Buffer.byteLength(data, 'utf8') <= maxBytes) return null;
  const { read } = encoder.encodeInto(data, new Uint8Array(maxBytes));
  return data.slice(0, read);
}

export class FeedConnection {
  private config: ConnectionConfig;
  private typeFilter: Set<string> | null;
  private state: FeedState = 'idle';
  private reason: Reason | null = null;
  private retryAt: number | null = null;
  private readonly counters: FeedCounters = {
    events: 0,
    bytes: 0,
    reconnects: 0,
    lastEventAt: null,
    lastError: null,
    lastErrorAt: null,
  };
  /** The resume cursor (Last-Event-ID); null = none. */
  private cursor: string | null;
  /** The standard's last event ID string (may differ from the cursor when an id cannot be sent back). */
  private lastEventId: string;
  /** The cursor as last handed on to storage. */
  private emittedCursor: string | null;

  private attempt: Attempt | null = null;
  private reader: EventStreamReader | null = null;
  private headersTimer: unknown = null;
  private watchdogTimer: unknown = null;
  private retryTimer: unknown = null;
  private failures = 0;
  /** The server's `retry:` as sent (clamped where used). */
  private serverRetryMs: number | null = null;
  private openedAt: number | null = null;
  /** This attempt's stream delivered an event or moved the last event id. */
  private delivered = false;
  /** The cursor sent with this attempt (null: none). */
  private sentCursor: string | null = null;
  private lastByteAt = 0;
  private chunkAt = 0;
  private prevChunkAt = 0;
  private chunkBackfill = false;
  private pending: FeedEvent[] = [];
  private readonly frameRing = new FrameRing();
  /** Who paused this feed; null while it is not paused. */
  private lastExchange: HttpExchange | null = null;
  private pausedBy: PauseSource | null = null;
  private closed = false;
  /** An unsendable id was noted during this attempt (said once, not per event). */
  private unsendableNoted = false;
  private readonly reportBytes: number;
  private readonly lineCap: number;

  constructor(
    config: ConnectionConfig,
    private readonly deps: ConnectionDeps,
  ) {
    this.config = { ...config, headers: { ...config.headers }, eventTypes: [...config.eventTypes] };
    this.typeFilter = config.eventTypes.length > 0 ? new Set(config.eventTypes) : null;
    this.cursor = resumable(config.lastEventId);
    this.lastEventId = this.cursor ?? '';
    this.emittedCursor = this.cursor;
    this.reportBytes = Math.max(deps.maxEventBytes * 16, 1 << 20);
    this.lineCap = Math.max(deps.maxEventBytes, MIN_LINE_CAP);
  }

  get id(): string {
    return this.config.id;
  }

  /** Starts (or leaves paused / disabled). */
  start(pausedBy: PauseSource | null): void {
    this.pausedBy = pausedBy;
    if (!this.config.enabled) this.disable();
    else if (pausedBy) this.setState('paused', null);
    else this.connect('connecting');
  }

  /** Applies a new config; reconnects only when what the request depends on changed (or it was enabled again). */
  update(next: ConnectionConfig): void {
    const prev = this.config;
    this.config = { ...next, headers: { ...next.headers }, eventTypes: [...next.eventTypes] };
    this.typeFilter = next.eventTypes.length > 0 ? new Set(next.eventTypes) : null;
    const urlChanged = prev.url !== next.url;
    const requestChanged =
      urlChanged ||
      JSON.stringify(prev.headers) !== JSON.stringify(next.headers) ||
      (prev.trustedCa ?? null) !== (next.trustedCa ?? null) ||
      prev.request !== next.request; // the server profile changed (the same profile keeps its hook)
    if (urlChanged || (this.cursor === null && next.lastEventId !== null)) {
      this.cursor = resumable(next.lastEventId);
      this.lastEventId = this.cursor ?? '';
      this.emittedCursor = this.cursor;
    }
    if (!next.enabled) {
      if (this.state !== 'disabled') this.disable();
      return;
    }
    if (this.pausedBy) {
      if (this.state !== 'paused') {
        this.teardown();
        this.setState('paused', null);
      }
      return;
    }
    if (!prev.enabled || requestChanged || this.state === 'idle') {
      this.failures = 0;
      this.serverRetryMs = null;
      this.connect('connecting');
    } else if (prev.idleTimeoutSec !== next.idleTimeoutSec && this.state === 'open') {
      this.armWatchdog(this.idleMs());
    }
  }

  /**
   * Pauses the feed, saying who did. A pause of every feed (the window's or the tray's Pause all, sleep, going
   * offline) leaves a feed the user paused on its own paused by the user: that pause outlives the global one.
   */
  pause(source: PauseSource): void {
    if (source === 'feed' || this.pausedBy !== 'feed') this.pausedBy = source;
    if (this.state === 'stopped' || this.state === 'disabled') return;
    this.teardown();
    this.setState('paused', null);
  }

  /** Who paused the feed (null: not paused). */
  get pauseSource(): PauseSource | null {
    return this.pausedBy;
  }

  resume(): void {
    this.pausedBy = null;
    if (this.state !== 'paused') return;
    this.failures = 0;
    this.connect('connecting');
  }

  /** "Reconnect now": immediate, resets the backoff; retries stopped feeds too (the user may have fixed them). */
  reconnectNow(): void {
    if (this.closed || !this.config.enabled) return;
    this.pausedBy = null;
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
  }

  status(): FeedStatus {
    return {
      feedId: this.config.id,
      state: this.state,
      reason: this.reason,
      retryAt: this.retryAt,
      lastEventId: this.cursor,
      counters: { ...this.counters },
      ...(this.state === 'paused' && this.pausedBy ? { pausedBy: this.pausedBy } : {}),
    };
  }

  frames(): RawFrame[] {
    return this.frameRing.frames();
  }

  /** The last request and its answer (secrets masked); null before the first. */
  exchange(): HttpExchange | null {
    return this.lastExchange === null ? null : structuredClone(this.lastExchange);
  }

  /** Header names whose values are secret: the feed's secret headers and credentials. */
  private secretNames(): ReadonlySet<string> {
    return new Set([...REQUEST_SECRETS, ...(this.config.secretHeaders ?? []).map((n) => n.toLowerCase())]);
  }

  // ── an attempt ────────────────────────────────────────────────────────────────────────────────────────────

  private connect(state: 'connecting' | 'reconnecting'): void {
    if (this.closed) return;
    this.teardown();
    // The feed's server profile decides the request: URL and headers, resume included (since= or Last-Event-ID).
    const plan = this.config.request?.(this.cursor) ?? null;
    const checked = checkHttpUrl(plan?.url ?? this.config.url);
    if (!checked.ok) {
      const { problem } = checked;
      this.stop(problem.kind === 'urlScheme' ? { kind: 'scheme', scheme: problem.scheme } : { kind: 'invalidUrl' });
      return;
    }
    const url = new URL(checked.href);
    const missing = this.config.headersNeedingValue?.[0];
    if (missing !== undefined) {
      this.stop({ kind: 'headerNeedsValue', name: missing });
      return;
    }
    const badHeader = invalidHeader(plan?.headers ?? this.config.headers);
    if (badHeader !== null) {
      this.stop({ kind: 'header', name: badHeader });
      return;
    }
    this.setState(state, state === 'reconnecting' ? this.reason : null);

    const headers: Record<string, string> = {};
    let planned: string | null = null;
    for (const [name, value] of Object.entries(plan?.headers ?? this.config.headers)) {
      const lower = name.toLowerCase();
      if (lower === 'last-event-id') planned = value;
      else if (lower !== 'accept' && lower !== 'cache-control') headers[name] = value;
    }
    headers.Accept = 'text/event-stream';
    headers['Cache-Control'] = 'no-cache';
    // A profile that resumes in its URL (since=) resumes too: what comes first is the replay (backfill).
    this.sentCursor = plan ? (planned ?? (plan.url !== this.config.url ? (this.cursor ?? '') : null)) : this.cursor;
    const resume = plan ? planned : this.cursor;
    if (resume !== null) headers['Last-Event-ID'] = toByteString(resume);

    this.delivered = false;
    this.unsendableNoted = false;
    this.openedAt = null;
    const reader = new EventStreamReader(
      { dataCap: this.deps.maxEventBytes + 4, lineCap: this.lineCap, reportBytes: this.reportBytes },
      {
        event: (event) => this.onEvent(event),
        lastEventId: (id) => this.onLastEventId(id),
        retry: (ms) => {
          this.serverRetryMs = ms;
        },
        problem: (what) => this.onProblem(what),
      },
      this.lastEventId,
    );
    const secret = this.secretNames();
    this.lastExchange = {
      at: this.deps.clock.now(),
      request: {
        url: maskUrl(url.href),
        headers: Object.entries(headers).map(([name, value]) => exchangeHeader(name, value, secret)),
      },
      response: null,
    };
    const exchange = this.lastExchange;
    const attempt: Attempt = new Attempt(this.deps.transport, this.deps.flow, {
      answered: (response) => {
        if (this.attempt !== attempt) return;
        exchange.response = {
          status: response.status,
          url: maskUrl(response.url || url.href),
          headers: (response.headers.entries?.() ?? []).map(([name, value]) =>
            exchangeHeader(name, value, RESPONSE_SECRETS),
          ),
        };
      },
      opened: (response) => this.attempt === attempt && this.onOpen(response),
      chunk: (bytes) => this.attempt === attempt && this.onChunk(bytes),
      ended: (outcome) => this.attempt === attempt && this.fail(outcome),
    });
    this.reader = reader;
    this.attempt = attempt;
    const timeoutMs = this.deps.headersTimeoutMs;
    this.headersTimer = this.deps.timers.setTimeout(() => {
      this.headersTimer = null;
      attempt.fail(retryOutcome({ kind: 'headersTimeout', seconds: timeoutMs / 1000 }));
    }, timeoutMs);
    attempt.start({ url: url.href, headers, trustedCa: this.config.trustedCa ?? null });
  }

  private onOpen(response: StreamResponse): void {
    this.clearHeadersTimer();
    const now = this.deps.clock.now();
    this.openedAt = now;
    this.lastByteAt = now;
    this.chunkAt = now;
    this.prevChunkAt = now;
    this.chunkBackfill = this.sentCursor !== null;
    if (response.redirected) {
      this.deps.logger.info(`feed ${this.config.id}: redirected to ${new URL(response.url).origin}`);
    }
    this.setState('open', null);
    this.armWatchdog(this.idleMs());
  }

  private onChunk(bytes: Uint8Array): void {
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
    this.counters.bytes += bytes.byteLength;
    this.frameRing.add(now, bytes);
    this.reader?.push(bytes);
    // One batch per chunk; then the cursor, if it moved past what the events carried.
    if (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.emittedCursor = batch[batch.length - 1]!.cursor ?? null;
      this.deps.emitEvents(batch);
    }
    if (this.cursor !== this.emittedCursor) {
      this.emittedCursor = this.cursor;
      this.deps.emitCursor({ feedId: this.config.id, cursor: this.cursor, at: now });
    }
  }

  private onLastEventId(id: string): void {
    this.delivered = true;
    this.lastEventId = id;
    if (id === '') this.cursor = null;
    else if (isSendableId(id)) this.cursor = id;
    else if (!this.unsendableNoted) {
      this.unsendableNoted = true;
      this.note({ kind: 'idNotResumable', limitBytes: MAX_CURSOR_BYTES });
    }
  }

  private onEvent(event: StreamEvent): void {
    this.delivered = true;
    if (this.typeFilter !== null && !this.typeFilter.has(event.type)) return;
    const short = cut(event.data, this.deps.maxEventBytes);
    this.counters.events++;
    this.counters.lastEventAt = this.chunkAt;
    const truncated = event.truncated || short !== null;
    this.pending.push({
      feedId: this.config.id,
      type: event.type,
      eventId: event.id,
      lastEventId: event.lastEventId,
      cursor: this.cursor,
      data: short ?? event.data,
      truncated,
      // The size as sent, for "original size X, cut at 1 MiB" (the reader counts bytes past its cap too).
      ...(truncated ? { originalSize: event.dataBytes } : {}),
      ...(this.config.arriveRead ? { read: true } : {}),
      receivedAt: this.chunkAt,
      backfill: this.chunkBackfill,
    });
  }

  /** A limit the reader hit: a clear error (status, log, a note among the raw frames); the stream goes on. */
  private onProblem(what: StreamProblem): void {
    this.note(
      what === 'event'
        ? { kind: 'oversizeEvent', limitBytes: this.reportBytes, cutToBytes: this.deps.maxEventBytes }
        : { kind: 'oversizeLine', part: what, limitBytes: this.lineCap },
    );
  }

  /** Not a failure — the stream goes on — but worth saying: the last error, a raw-frame note, the log. */
  private note(reason: Reason): void {
    const now = this.deps.clock.now();
    const text = reasonEnglish(reason);
    this.counters.lastError = reason;
    this.counters.lastErrorAt = now;
    this.frameRing.add(now, encoder.encode(`[Tidings] ${text}\n`));
    this.deps.logger.warn(`feed ${this.config.id}: ${text}`);
    this.deps.emitStatus(this.status());
  }

  private idleMs(): number {
    const sec = this.config.idleTimeoutSec;
    return Number.isFinite(sec) && sec > 0 ? Math.min(sec * 1000, MAX_TIMER_MS) : 0;
  }

  private armWatchdog(ms: number): void {
    if (this.watchdogTimer !== null) this.deps.timers.clearTimeout(this.watchdogTimer);
    this.watchdogTimer = null;
    const attempt = this.attempt;
    if (ms <= 0 || attempt === null) return;
    this.watchdogTimer = this.deps.timers.setTimeout(() => {
      this.watchdogTimer = null;
      const idleMs = this.idleMs();
      if (idleMs <= 0 || this.attempt !== attempt) return;
      const now = this.deps.clock.now();
      // Held by storage's backpressure, silence is ours, not the server's.
      if (this.deps.flow.held) this.lastByteAt = now;
      const quiet = now - this.lastByteAt;
      if (quiet >= idleMs) {
        attempt.fail(retryOutcome({ kind: 'idleTimeout', seconds: idleMs / 1000 }));
      } else {
        this.armWatchdog(idleMs - quiet);
      }
    }, ms);
  }

  // ── the end of an attempt ─────────────────────────────────────────────────────────────────────────────────

  private fail(outcome: Outcome): void {
    if (this.closed) return;
    const now = this.deps.clock.now();
    const { policy } = this.deps;
    const openFor = this.openedAt === null ? -1 : now - this.openedAt;
    // The stream did its job: it delivered, or lived long, or the server ended it on purpose after a while (Nchan's
    // subscriber timeout, a proxy's idle timeout on a quiet feed). A stream refused or ended at once is a failure.
    const healthy =
      this.delivered ||
      openFor >= policy.healthyMs ||
      (outcome.reason.kind === 'closedByServer' && openFor >= QUIET_CYCLE_MS);
    this.teardown();
    this.counters.lastError = outcome.reason;
    this.counters.lastErrorAt = now;
    if (outcome.kind === 'stop') {
      if (outcome.reason.kind === 'http' && outcome.reason.status === 431 && this.sentCursor !== null) {
        this.dropRejectedCursor();
        return;
      }
      this.deps.logger.warn(`feed ${this.config.id} stopped: ${reasonEnglish(outcome.reason)}`);
      this.stop(outcome.reason);
      return;
    }
    const retryAfter = parseRetryAfter(policy, outcome.retryAfter ?? null, now);
    let delay: number;
    if (healthy) this.failures = 0;
    if (healthy && retryAfter === null && outcome.reason.kind !== 'idleTimeout') {
      // The stream did its job and ended (or dropped): come back when the server said.
      delay = retryDelay(policy, this.serverRetryMs, this.deps.random);
    } else {
      const serverFloor = this.serverRetryMs === null ? 0 : clampRetry(policy, this.serverRetryMs);
      delay = reconnectDelay(policy, this.failures, Math.max(serverFloor, retryAfter ?? 0), this.deps.random);
      this.failures++;
    }
    this.counters.reconnects++;
    this.deps.logger.info(`feed ${this.config.id}: ${reasonEnglish(outcome.reason)}; reconnecting in ${delay} ms`);
    this.setState('reconnecting', outcome.reason, now + delay);
    this.retryTimer = this.deps.timers.setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      this.connect('reconnecting');
    }, delay);
  }

  /** 431 to a resume: the server will never take this cursor. Forget it (stored too) and retry once without. */
  private dropRejectedCursor(): void {
    this.note({ kind: 'resumeRefused', status: 431 });
    this.cursor = null;
    this.lastEventId = '';
    this.emittedCursor = null;
    this.deps.emitCursor({ feedId: this.config.id, cursor: null, at: this.deps.clock.now() });
    this.connect('reconnecting');
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

  /** Ends the current attempt (if any) and clears every timer. */
  private teardown(): void {
    const { timers } = this.deps;
    this.clearHeadersTimer();
    if (this.watchdogTimer !== null) timers.clearTimeout(this.watchdogTimer);
    if (this.retryTimer !== null) timers.clearTimeout(this.retryTimer);
    this.watchdogTimer = null;
    this.retryTimer = null;
    this.retryAt = null;
    this.attempt?.abort();
    this.attempt = null;
    this.reader = null;
    this.pending = [];
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
