/**
 * Background upkeep in the store worker (store-worker.ts) in small, time-boxed steps: fill the search index, apply
 * retention and delete removed feeds' messages. Each step holds the database for a few milliseconds at most so ingest latency
 * stays low; while work remains, steps repeat quickly, otherwise the loop sleeps.
 */
import type { Clock, Logger, Timers } from '../types';
import type { MessageStore, RetentionLimits } from './message-store';

export interface MaintenanceOptions {
  store: MessageStore;
  timers: Timers;
  clock: Clock;
  logger: Logger;
  retention: () => RetentionLimits;
  /** Called after retention deleted rows (unread counts changed). */
  onPruned?: () => void;
  /** Time budget per step. */
  budgetMs?: number;
  /** Pause between steps while work remains. */
  busyDelayMs?: number;
  /** Pause when nothing is due (age-based retention needs an occasional look). */
  idleDelayMs?: number;
  /** Rows deleted per retention transaction (default PRUNE_CHUNK). */
  pruneChunk?: number;
}

/**
 * Rows per retention transaction. Half of a small chunk's cost was its commit (the deleted rows of one feed are
 * spread over many pages of the table and its indexes): 200 rows cost 11.4 µs CPU a row, 1000 rows 9.0, 2000 rows
 * 7.8 — about what inserting a row costs. A chunk takes ~15 ms of the store worker, not of the main thread.
 */
export const PRUNE_CHUNK = 2000;

/**
 * Rows the search index takes per transaction while ingest writes (about 0.5 ms: 20 µs a row). A 1 ms step every
 * 40 ms indexes over a thousand rows a second; a faster stream's rows wait, found by a scan, until ingest pauses.
 */
const INGESTING_INDEX_ROWS = 25;

export class Maintenance {
  private handle: unknown = null;
  private dueAt = Infinity;
  private stopped = false;
  private lastWrite = -Infinity;
  /** The last step ran out of time while retention still had rows to delete. */
  private pruning = false;
  private readonly budgetMs: number;
  private readonly busyDelayMs: number;
  private readonly idleDelayMs: number;
  private readonly pruneChunk: number;

  constructor(private readonly o: MaintenanceOptions) {
    this.budgetMs = o.budgetMs ?? 8;
    this.busyDelayMs = o.busyDelayMs ?? 15;
    this.idleDelayMs = o.idleDelayMs ?? 60_000;
    this.pruneChunk = o.pruneChunk ?? PRUNE_CHUNK;
  }

  start(): void {
    this.schedule(this.busyDelayMs);
  }

  /** New rows arrived or settings changed: make sure a step runs soon. */
  kick(delayMs = 250): void {
    this.schedule(delayMs);
  }

  /** Ingest just wrote: while it is busy, upkeep takes a smaller share of the thread. */
  wrote(): void {
    this.lastWrite = this.o.clock.now();
    this.schedule(250);
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.o.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Runs steps until nothing is due (tests, shutdown of a bench). Bounded by maxSteps. */
  drain(maxSteps = 100_000): void {
    for (let i = 0; i < maxSteps; i++) if (!this.step(this.budgetMs)) return;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = this.o.clock.now() + delayMs;
    if (this.handle !== null) {
      if (at >= this.dueAt) return;
      this.o.timers.clearTimeout(this.handle);
    }
    this.dueAt = at;
    this.handle = this.o.timers.setTimeout(() => {
      this.handle = null;
      this.dueAt = Infinity;
      let busy = false;
      const ingesting = this.o.clock.now() - this.lastWrite < 250;
      try {
        // While ingest writes, small steps: an event that arrives during one waits for it (at 1,000 events/s, a
        // 3 ms step every 40 ms put 3 ms into the latency of one event in thirteen).
        busy = ingesting ? this.step(Math.min(1, this.budgetMs), INGESTING_INDEX_ROWS) : this.step(this.budgetMs);
      } catch (error) {
        this.o.logger.error('Background maintenance failed', error);
      }
      // While ingest is busy, the search index may wait (search scans its tail), but retention may not: a feed at
      // its cap that receives thousands of events a second must be pruned as fast, so pruning keeps the quick pace.
      const pace = ingesting && !this.pruning ? Math.max(40, this.busyDelayMs) : this.busyDelayMs;
      this.schedule(busy ? pace : this.idleDelayMs);
    }, delayMs);
  }

  /** One time-boxed step, indexing `indexRows` rows at a time. Returns true when more work remains. */
  private step(budgetMs: number, indexRows = 100): boolean {
    const started = performance.now();
    let pruned = 0;
    let more = false;
    // At least one chunk per step, so retention progresses whatever the budget.
    do {
      const deleted = this.o.store.pruneStep(this.o.retention(), this.o.clock.now(), this.pruneChunk);
      pruned += deleted;
      if (deleted === 0) break;
      more = true;
    } while (performance.now() - started < budgetMs);
    if (pruned > 0) this.o.onPruned?.();
    if (performance.now() - started < budgetMs) more = false;
    this.pruning = more;
    while (performance.now() - started < budgetMs) {
      const remaining = this.o.store.indexStep(indexRows);
      if (remaining === 0) return more;
    }
    return true;
  }
}
