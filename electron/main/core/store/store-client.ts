/**
 * The main thread's side of the store worker (store-worker.ts): every message call is posted to the worker and
 * answered by a Promise; the main thread only routes. Unread counts are mirrored here from the worker's updates,
 * so the tray and pushes read them at once; a feed's cursor is a point read on the main connection.
 *
 * If the worker dies (a crash, an out-of-memory, a test's terminate()), the calls it had not answered fail with
 * StoreWorkerGoneError and a new worker starts at once — up to `maxRestarts` within `restartWindowMs`, then the
 * store stays stopped and every call fails with StoreUnavailableError (logged once). Nothing is lost: ingest keeps
 * a batch until its append is answered and sends it again with the same token (MessageStore.append), so a batch
 * whose commit happened just before the crash is not stored twice; cursors live in the same transactions, so a
 * feed that reconnects resumes from the last stored one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Message, MessagePage, UnreadCounts } from '../../../../shared/domain';
import type { MarkReadRequest, MessageQuery } from '../../../../shared/ipc/schemas';
import type { CursorMove, FeedEvent } from '../feeds/types';
import type { Logger } from '../types';
import { Emitter, type Event } from '../util/emitter';
import { CursorStore } from './cursor-store';
import type { Db } from './database';
import { InvalidQueryError, type RetentionLimits } from './message-store';
import type { MessageStoreApi } from './store-api';
import { wellFormedEvent } from './message-rows';
import { storedMessages } from './message-writer';
import {
  packEvents,
  type AppendAnswer,
  type FromWorker,
  type StoreMethod,
  type StoreWorkerData,
  type ToWorker,
  type WireError,
} from './store-protocol';
import { Statements } from './statements';

/** The worker's answer never came: it died. The call may or may not have taken effect. */
export class StoreWorkerGoneError extends Error {
  readonly code = 'STORE_WORKER_GONE';
}

/** The store worker failed too often and was not started again. */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
}

/**
 * Where the worker's code is: beside the built main bundle (out/main/store-worker.js), or the TypeScript source
 * (tests, tsx), which the worker loads through tsx's require hook.
 */
export function storeWorkerEntry(dir: string = __dirname): { entry: string; tsx: string | null } {
  const built = join(dir, 'store-worker.js');
  if (existsSync(built)) return { entry: built, tsx: null };
  const source = join(dir, 'store-worker.ts');
  return { entry: source, tsx: createRequire(source).resolve('tsx/cjs/api') };
}

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);
`;

export interface StoreClientOptions {
  /** The database file, already opened and migrated by `db`. */
  path: string;
  /** The main thread's connection (cursor reads). */
  db: Db;
  logger: Logger;
  retention: RetentionLimits;
  /** Feeds that exist (a restarted worker adopts the messages of others as removed feeds'). */
  knownFeeds: () => string[];
  maintenance?: StoreWorkerData['maintenance'];
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Where the worker's code is (default: beside this module). */
  entry?: { entry: string; tsx: string | null };
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

function fromWire(error: WireError): Error {
  if (error.name === 'InvalidQueryError') return new InvalidQueryError(error.message);
  const result = new Error(error.message) as Error & { code?: string };
  result.name = error.name;
  if (error.code !== undefined) result.code = error.code;
  return result;
}

export class StoreClient implements MessageStoreApi {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ready: Promise<void> = Promise.resolve();
  private unread: UnreadCounts = {};
  private readonly removed = new Set<string>();
  private readonly cursors: CursorStore;
  private readonly restarts: number[] = [];
  private failure: Error | null = null;
  private closing = false;
  private retention: RetentionLimits;
  private readonly unreadEmitter: Emitter<void>;
  readonly onDidChangeUnread: Event<void>;
  /** Workers started so far (1 + restarts). */
  starts = 0;

  private constructor(private readonly o: StoreClientOptions) {
    this.cursors = new CursorStore(new Statements(o.db));
    this.retention = o.retention;
    this.unreadEmitter = new Emitter('onDidChangeUnread', o.logger);
    this.onDidChangeUnread = this.unreadEmitter.event;
  }

  /** Starts the worker; resolves once it has opened the database. */
  static async start(options: StoreClientOptions): Promise<StoreClient> {
    const client = new StoreClient(options);
    client.spawn();
    await client.ready;
    return client;
  }

  private spawn(): void {
    this.starts += 1;
    const entry = this.o.entry ?? storeWorkerEntry();
    const data: StoreWorkerData = {
      path: this.o.path,
      retention: this.retention,
      knownFeeds: this.o.knownFeeds(),
      ...(this.o.maintenance ? { maintenance: this.o.maintenance } : {}),
    };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...entry, tidingsStore: data } });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromWorker): void => {
        if (message.kind === 'ready') {
          this.setUnread(message.unread);
          resolve();
        } else if (message.kind === 'fatal') {
          reject(fromWire(message.error));
        }
      };
      worker.on('message', onMessage);
      worker.once('exit', () => reject(new StoreWorkerGoneError('The store worker stopped while starting')));
    });
    // A rejection here is seen by callers through `ready`; never unhandled.
    this.ready.catch(() => {});
    worker.on('message', (message: FromWorker) => this.received(message));
    worker.on('error', (error) => this.o.logger.error('The store worker failed', error));
    worker.on('exit', (code) => this.exited(worker, code));
  }

  private received(message: FromWorker): void {
    switch (message.kind) {
      case 'result':
      case 'error': {
        if (message.unread) this.setUnread(message.unread);
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.kind === 'result') call.resolve(message.value);
        else call.reject(fromWire(message.error));
        return;
      }
      case 'unread':
        this.setUnread(message.unread);
        return;
      case 'log':
        this.o.logger[message.level](`[store] ${message.message}`, ...message.details);
        return;
      default:
        return;
    }
  }

  /** Counts from the worker (with most append answers: a hot path, so compared without serialising either side). */
  private setUnread(unread: UnreadCounts): void {
    const before = this.unread;
    const next: UnreadCounts = {};
    let changed = false;
    let kept = 0;
    for (const feed in unread) {
      if (this.removed.has(feed)) continue;
      const n = unread[feed] as number;
      next[feed] = n;
      kept++;
      if (before[feed] !== n) changed = true;
    }
    this.unread = next;
    if (changed || kept !== Object.keys(before).length) this.unreadEmitter.fire();
  }

  private exited(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const gone = new StoreWorkerGoneError(`The store worker stopped (exit code ${code})`);
    for (const call of this.pending.values()) call.reject(gone);
    this.pending.clear();
    if (this.closing) return;
    const now = Date.now();
    const window = this.o.restartWindowMs ?? 60_000;
    while (this.restarts.length > 0 && (this.restarts[0] as number) < now - window) this.restarts.shift();
    if (this.restarts.length >= (this.o.maxRestarts ?? 5)) {
      this.failure = new StoreUnavailableError(
        `The message store stopped ${this.restarts.length + 1} times within ${Math.round(window / 1000)} s; it is not started again`,
      );
      this.o.logger.error(this.failure.message);
      return;
    }
    this.restarts.push(now);
    this.o.logger.warn(`The store worker stopped (exit code ${code}); starting it again`);
    this.spawn();
    this.ready.catch((error: unknown) => this.o.logger.error('Starting the store worker again failed', error));
  }

  private async call<T>(method: StoreMethod, ...args: unknown[]): Promise<T> {
    if (this.failure) throw this.failure;
    await this.ready;
    const worker = this.worker;
    if (this.failure) throw this.failure;
    if (!worker) throw new StoreWorkerGoneError('The store worker is not running');
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const message: ToWorker = { kind: 'call', id, method, args };
      worker.postMessage(message);
    });
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  /** The store stopped for good (too many worker failures): why. */
  get failed(): Error | null {
    return this.failure;
  }

  /**
   * For tests: the worker dies as a crash would — now (resolves when it is gone), or right after its next
   * append commits, before it answers (resolves at once) — and the client starts a new one.
   */
  async crashWorker(when: 'now' | 'after-commit' = 'now'): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.send({ kind: 'crash', when });
    if (when === 'now') await exited;
  }

  unreadCounts(): UnreadCounts {
    return { ...this.unread };
  }
  unreadTotal(): number {
    let total = 0;
    for (const n of Object.values(this.unread)) total += n;
    return total;
  }
  cursor(feed: string): string | null {
    return this.cursors.get(feed);
  }

  setRetention(limits: RetentionLimits): void {
    this.retention = limits;
    this.send({ kind: 'retention', limits });
  }
  kickMaintenance(delayMs: number): void {
    this.send({ kind: 'kick', delayMs });
  }
  /** Runs background upkeep (search index, retention) to completion. */
  drainMaintenance(): Promise<void> {
    return this.call('drainMaintenance');
  }

  async append(events: readonly FeedEvent[], moves?: readonly CursorMove[], token?: string): Promise<Message[]> {
    const answer = await this.call<AppendAnswer>('append', packEvents(events), moves ?? [], token);
    if (Array.isArray(answer)) return answer;
    // Every event was stored, in order, with consecutive ids: the messages are the events as the store wrote them.
    return storedMessages({ first: answer.first, events: events.map(wellFormedEvent) });
  }
  resetCursor(feed: string): Promise<void> {
    return this.call('resetCursor', feed);
  }
  get(id: number): Promise<Message | undefined> {
    return this.call('get', id);
  }
  count(): Promise<number> {
    return this.call('count');
  }
  list(query: MessageQuery): Promise<MessagePage> {
    return this.call('list', query);
  }
  feedMessageCount(feed: string): Promise<number> {
    return this.call('feedMessageCount', feed);
  }
  markRead(request: MarkReadRequest): Promise<UnreadCounts> {
    return this.call('markRead', request);
  }
  markUnread(ids: readonly number[]): Promise<UnreadCounts> {
    return this.call('markUnread', ids);
  }
  markViewRead(query: MessageQuery, maxIds: number): Promise<{ unread: UnreadCounts; ids: number[] }> {
    return this.call('markViewRead', query, maxIds);
  }
  star(ids: readonly number[], starred: boolean): Promise<number[]> {
    return this.call('star', ids, starred);
  }
  deleteMessages(ids: readonly number[]): Promise<UnreadCounts> {
    return this.call('deleteMessages', ids);
  }
  clearFeed(feed: string): Promise<UnreadCounts> {
    return this.call('clearFeed', feed);
  }
  indexLag(): Promise<number> {
    return this.call('indexLag');
  }
  forgetFeed(feed: string): Promise<void> {
    // It stops counting now, whatever the worker is busy with.
    this.removed.add(feed);
    if (this.unread[feed] !== undefined) {
      const { [feed]: _gone, ...rest } = this.unread;
      this.unread = rest;
      this.unreadEmitter.fire();
    }
    return this.call('forgetFeed', feed);
  }
  adoptOrphans(knownFeeds: readonly string[]): Promise<void> {
    return this.call('adoptOrphans', knownFeeds);
  }

  /** Stops the worker after it has finished what it was asked (its connection and checkpoints close). */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const worker = this.worker;
    if (worker && !this.failure) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      try {
        await this.call('close');
      } catch (error) {
        this.o.logger.warn('Closing the store worker failed', error);
        await worker.terminate();
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)));
      await Promise.race([exited, late]);
      clearTimeout(timer);
      if (this.worker === worker) await worker.terminate();
    }
    this.unreadEmitter.dispose();
  }
}
