/**
 * WAL checkpoints off the main thread. With automatic checkpoints, the commit that crosses the threshold copies
 * the log into the database and fsyncs, stalling ingest and pushes for milliseconds to tens of milliseconds. Here
 * the main connection never checkpoints; a worker thread with its own connection runs PASSIVE checkpoints (never
 * blocking the writer) shortly after writes. If the worker cannot start, automatic checkpoints are switched back on.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger, Timers } from '../types';
import type { Db } from './database';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ ok: true });
    } catch (error) {
      parentPort.postMessage({ ok: false, error: String(error && error.message || error) });
    }
  } else if (message === 'close') {
    try { db.close(); } catch {}
    parentPort.close();
  }
});
`;

/** Absolute path of the libsql entry, so the worker loads the same package wherever the host runs from. */
function libsqlEntry(): string {
  const req = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'noop.js'));
  return req.resolve('libsql');
}

export class Checkpointer {
  private worker: Worker | null = null;
  private due = false;
  private busy = false;
  private timer: unknown = null;
  private closed = false;
  private lastSizeCheck = -Infinity;

  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly logger: Logger,
    private readonly timers: Timers,
    private readonly delayMs = 250,
    private readonly maxWalBytes = 64 * 1024 * 1024,
  ) {
    try {
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: libsqlEntry(), path } });
      this.worker.unref();
      this.worker.on('message', (m: { ok: boolean; error?: string }) => {
        this.busy = false;
        if (!m.ok) this.logger.warn('WAL checkpoint failed', m.error);
        if (this.due) this.schedule();
      });
      this.worker.on('error', (error) => this.fallBack(error));
      db.pragma('wal_autocheckpoint = 0');
    } catch (error) {
      this.fallBack(error);
    }
  }

  private fallBack(error: unknown): void {
    this.logger.warn('Background checkpoints unavailable; checkpointing on the main thread', error);
    this.worker = null;
    if (!this.closed) {
      try {
        this.db.pragma('wal_autocheckpoint = 1000');
      } catch {
        // the database is closing
      }
    }
  }

  /** Something was written: checkpoint soon. */
  written(): void {
    this.due = true;
    if (!this.busy) this.schedule();
    this.boundWal();
  }

  /**
   * Under sustained writes a PASSIVE checkpoint never catches the end of the log (new frames arrive while it
   * copies), so SQLite never restarts the WAL and the file grows without bound (438 MB seen after 600k events).
   * When it passes maxWalBytes, the writer itself finishes the checkpoint between two transactions — cheap, as
   * the worker already copied nearly everything — and the next transaction starts the log over.
   */
  private boundWal(): void {
    // A stat at most every 5 ms: ingest commits about that often anyway, and a tight write loop cannot outrun the
    // bound by more than 5 ms of writes (with 50 ms the log overshot to 12–16 MB in the test, flaky under load).
    const now = performance.now();
    if (now - this.lastSizeCheck < 5) return;
    this.lastSizeCheck = now;
    let size: number;
    try {
      size = statSync(this.path + '-wal').size;
    } catch {
      return;
    }
    if (size <= this.maxWalBytes) return;
    try {
      // RESTART, not PASSIVE: a PASSIVE checkpoint gives up (busy) while the worker holds the checkpoint lock, and
      // under a long burst the log then kept growing (21 MB against a 0.5 MB bound, seen in the test). RESTART
      // waits for the worker (busy_timeout) and leaves the log to start over with the next transaction; the wait
      // is rare, as the worker has already copied nearly everything.
      this.db.pragma('wal_checkpoint(RESTART)');
    } catch (error) {
      this.logger.warn('WAL checkpoint on the main thread failed', error);
    }
  }

  private schedule(): void {
    if (this.timer !== null || this.worker === null || this.closed) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.worker === null || this.busy || this.closed) return;
      this.due = false;
      this.busy = true;
      this.worker.postMessage('checkpoint');
    }, this.delayMs);
  }

  /** Stops the worker (its connection closes); the main connection's close then checkpoints the rest. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    // Keep the process alive until the worker is gone: an unref'd worker plus an unref'd timeout would let Node
    // exit in the middle of close() (seen in a CLI run).
    worker.ref();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const timedOut = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, 2000);
    });
    worker.postMessage('close');
    await Promise.race([exited, timedOut]);
    clearTimeout(timeout);
    await worker.terminate();
  }
}
