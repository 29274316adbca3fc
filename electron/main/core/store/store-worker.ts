/**
 * The store worker: a worker_threads Worker that owns the messages — ingest's writes, queries, search, marking
 * read, message actions, retention and the search index's background steps — on its own SQLite connection, so a
 * burst of writes or a slow query never blocks the main thread. The main thread (store-client.ts) routes calls
 * here and gets the answers, and the unread counts after every change, back as messages (store-protocol.ts).
 * WAL checkpoints run in a further worker of this one (checkpointer.ts).
 *
 * Built as its own entry (electron.vite.config.ts: out/main/store-worker.js); from source it runs under tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CursorMove } from '../feeds/types';
import type { UnreadCounts } from '../../../../shared/domain';
import type { Logger, Timers } from '../types';
import { Checkpointer } from './checkpointer';
import { openConnection, type Db } from './database';
import { Maintenance } from './maintenance';
import { MessageStore, type RetentionLimits } from './message-store';
import {
  toWire,
  unpackEvents,
  type AppendAnswer,
  type PackedEvents,
  type FromWorker,
  type StoreMethod,
  type StoreWorkerData,
  type ToWorker,
} from './store-protocol';

function detail(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function run(port: NonNullable<typeof parentPort>, data: StoreWorkerData): void {
  const post = (message: FromWorker): void => port.postMessage(message);
  const log =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, ...details: unknown[]): void =>
      post({ kind: 'log', level, message, details: details.map(detail) });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const timers: Timers = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };

  let db: Db;
  try {
    db = openConnection(data.path);
  } catch (error) {
    post({ kind: 'fatal', error: toWire(error) });
    return;
  }
  const store = new MessageStore(db, logger);
  const checkpointer = new Checkpointer(db, data.path, logger, timers);
  let retention: RetentionLimits = data.retention;
  const maintenance = new Maintenance({
    store,
    timers,
    clock: { now: () => Date.now() },
    logger,
    retention: () => retention,
    onPruned: () => checkpointer.written(),
    ...data.maintenance,
  });

  // Unread counts go to the main thread after every change: with the answer of the call that made it (one
  // message, not two: each wakes the main thread), or on their own after background work.
  let unreadDirty = false;
  const takeUnread = (): { unread?: UnreadCounts } => {
    if (!unreadDirty) return {};
    unreadDirty = false;
    return { unread: store.unreadCounts() };
  };
  const sendUnread = (): void => {
    if (unreadDirty) post({ kind: 'unread', ...(takeUnread() as { unread: UnreadCounts }) });
  };
  store.onDidChangeUnread(() => {
    if (!unreadDirty) queueMicrotask(sendUnread);
    unreadDirty = true;
  });

  store.adoptOrphans(new Set(data.knownFeeds));

  // A crash for tests: the thread ends without answering (process.exit in a worker ends the thread only). Its
  // SQLite connections are closed first: libsql (neon) aborts the whole process when a thread is torn down with
  // a connection open ("left: PendingException, right: Ok"), after worker.terminate() or an exit alike.
  let crashAfterCommit = false;
  const crash = (): Promise<never> => {
    maintenance.stop();
    return checkpointer.close().then(() => {
      db.close();
      return process.exit(70);
    });
  };

  const methods: Record<StoreMethod, (...args: never[]) => unknown> = {
    append: (packed: PackedEvents, moves: CursorMove[], token?: string) => {
      const stored = store.write(unpackEvents(packed), moves, token);
      if (crashAfterCommit) return crash(); // committed; the answer never leaves
      maintenance.wrote();
      checkpointer.written();
      // Every event stored: their ids are consecutive, and the main thread has the events. Only the first id goes
      // back (copying the messages back cost the main thread more than anything else it does per event).
      if (!Array.isArray(stored)) return { first: stored.first } satisfies AppendAnswer;
      return stored satisfies AppendAnswer;
    },
    resetCursor: (feed: string) => store.resetCursor(feed),
    get: (id: number) => store.get(id),
    count: () => store.count(),
    list: (query: Parameters<MessageStore['list']>[0]) => store.list(query),
    feedMessageCount: (feed: string) => store.feedMessageCount(feed),
    markRead: (request: Parameters<MessageStore['markRead']>[0]) => store.markRead(request),
    markUnread: (ids: number[]) => store.markUnread(ids),
    markViewRead: (query: Parameters<MessageStore['list']>[0], max: number) => store.markViewRead(query, max),
    star: (ids: number[], starred: boolean) => store.star(ids, starred),
    deleteMessages: (ids: number[]) => store.deleteMessages(ids),
    clearFeed: (feed: string) => store.clearFeed(feed),
    indexLag: () => store.indexLag(),
    forgetFeed: (feed: string) => {
      store.forgetFeed(feed);
      maintenance.kick(50);
    },
    adoptOrphans: (known: string[]) => {
      store.adoptOrphans(new Set(known));
      maintenance.kick(50);
    },
    drainMaintenance: () => maintenance.drain(),
    close: async () => {
      maintenance.stop();
      store.close();
      await checkpointer.close();
      db.close();
    },
  };

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'retention') {
      retention = message.limits;
      maintenance.kick(50);
      return;
    }
    if (message.kind === 'kick') {
      maintenance.kick(message.delayMs);
      return;
    }
    if (message.kind === 'crash') {
      if (message.when === 'now') void crash();
      else crashAfterCommit = true;
      return;
    }
    const { id, method, args } = message;
    let value: unknown;
    try {
      value = (methods[method] as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      post({ kind: 'error', id, error: toWire(error), ...takeUnread() });
      return;
    }
    if (value instanceof Promise) {
      sendUnread();
      value.then(
        (v: unknown) => {
          post({ kind: 'result', id, value: v });
          if (method === 'close') port.close();
        },
        (error: unknown) => post({ kind: 'error', id, error: toWire(error) }),
      );
    } else post({ kind: 'result', id, value, ...takeUnread() });
  });

  maintenance.start();
  post({ kind: 'ready', unread: store.unreadCounts() });
}

if (parentPort && (workerData as { tidingsStore?: unknown } | null)?.tidingsStore) {
  run(parentPort, (workerData as { tidingsStore: StoreWorkerData }).tidingsStore);
}
