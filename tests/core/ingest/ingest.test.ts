import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { Ingest } from '../../../electron/main/core/ingest/ingest';
import { openDatabase, type Db } from '../../../electron/main/core/store/database';
import type { FeedEvent } from '../../../electron/main/core/feeds/types';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { LocalMessageStore } from '../../../electron/main/core/store/store-api';
import { captureLogger, event, tempDir } from '../store/helpers';
import { FakeTime } from './fake-time';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let store: MessageStore;
let time: FakeTime;
let logger: ReturnType<typeof captureLogger>;

beforeEach(() => {
  dir = tempDir('tidings-ingest-');
  db = openDatabase(dir.dir, { logger: captureLogger() }).db;
  store = new MessageStore(db);
  time = new FakeTime();
  logger = captureLogger();
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

function make(options: Partial<ConstructorParameters<typeof Ingest>[0]> = {}) {
  const ingest = new Ingest({ store: new LocalMessageStore(store), timers: time, logger, ...options });
  const batches: Message[][] = [];
  ingest.onDidStoreMessages((m) => batches.push(m));
  return { ingest, batches };
}

/** The store answers with a Promise: lets its answers (and the writes they start) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const many = (n: number, feedId = 'a', from = 0): FeedEvent[] =>
  Array.from({ length: n }, (_, i) => event({ feedId, eventId: String(from + i) }));

describe('Ingest batching', () => {
  it('holds a small batch until the delay passes, then writes it in one transaction and emits once', async () => {
    const { ingest, batches } = make({ delayMs: 20 });
    ingest.accept(many(3));
    ingest.accept(many(2, 'a', 3));
    expect(store.count()).toBe(0);
    expect(batches).toHaveLength(0);
    time.advance(19);
    expect(store.count()).toBe(0);
    time.advance(1);
    expect(store.count()).toBe(5);
    await settle();
    expect(batches.map((b) => b.length)).toEqual([5]);
    expect(batches[0]!.every((m) => m.id > 0 && m.read === false)).toBe(true);
    expect(store.cursor('a')).toBe('4');
  });

  it('never waits longer than maxDelayMs even if asked to', () => {
    const { ingest } = make({ delayMs: 500, maxDelayMs: 50 });
    ingest.accept(many(1));
    time.advance(49);
    expect(store.count()).toBe(0);
    time.advance(1);
    expect(store.count()).toBe(1);
  });

  it('flushes at once when maxBatch events are waiting, without a timer', async () => {
    const { ingest, batches } = make({ maxBatch: 500, delayMs: 50 });
    ingest.accept(many(499));
    expect(store.count()).toBe(0);
    ingest.accept(many(1, 'a', 499));
    expect(store.count()).toBe(500);
    await settle();
    expect(batches.map((b) => b.length)).toEqual([500]);
    ingest.accept(many(1201, 'b'));
    await settle();
    expect(batches.map((b) => b.length)).toEqual([500, 500, 500, 201]);
    expect(time.timers).toBe(0);
  });

  it('drops duplicates against the store and within a batch; emits only what was stored', async () => {
    const { ingest, batches } = make();
    const replayed = many(3);
    ingest.accept(replayed);
    await ingest.flush();
    ingest.accept([
      ...replayed,
      ...many(2, 'a', 3),
      event({ feedId: 'a', eventId: '9', data: 'nine' }),
      event({ feedId: 'a', eventId: '9', data: 'nine' }),
    ]);
    await ingest.flush();
    expect(batches.map((b) => b.map((m) => m.eventId))).toEqual([
      ['0', '1', '2'],
      ['3', '4', '9'],
    ]);
    expect(store.count()).toBe(6);
  });

  it('keeps the backfill flag and drops events of feeds it does not accept', async () => {
    const { ingest, batches } = make({ accepts: (id) => id !== 'removed' });
    ingest.accept([event({ feedId: 'a', eventId: '1', backfill: true }), event({ feedId: 'removed', eventId: '1' })]);
    await ingest.flush();
    expect(batches[0]!.map((m) => [m.feedId, m.backfill])).toEqual([['a', true]]);
    expect(store.cursor('removed')).toBeNull();
  });

  it('discards the waiting events of a removed feed', async () => {
    const { ingest, batches } = make({ delayMs: 50 });
    ingest.accept([...many(3, 'gone'), ...many(2, 'kept')]);
    ingest.discard('gone');
    time.advance(50);
    await settle();
    expect(batches.flat().map((m) => m.feedId)).toEqual(['kept', 'kept']);
    expect(store.cursor('gone')).toBeNull();
  });

  it('writes everything waiting on close and accepts nothing afterwards', async () => {
    const { ingest } = make({ delayMs: 50 });
    ingest.accept(many(7));
    await ingest.close();
    expect(store.count()).toBe(7);
    ingest.accept(many(3, 'a', 100));
    time.advance(1000);
    expect(store.count()).toBe(7);
  });

  it('keeps a batch whose write failed and stores it on retry; nothing is emitted twice', async () => {
    const { ingest, batches } = make({ delayMs: 5, retryDelayMs: 100 });
    const real = store.append.bind(store);
    let failures = 1;
    store.append = (events, moves, token) => {
      if (failures-- > 0) throw new Error('disk full');
      return real(events, moves, token);
    };
    ingest.accept(many(4));
    time.advance(5);
    await settle();
    expect(store.count()).toBe(0);
    expect(logger.lines.some((l) => l.level === 'error' && /retry/.test(l.message))).toBe(true);
    ingest.accept(many(2, 'a', 4)); // arrives while failing: waits for the retry
    time.advance(99);
    expect(store.count()).toBe(0);
    time.advance(1);
    await settle(); // the kept batch, then what arrived meanwhile
    expect(store.count()).toBe(6);
    expect(batches.flat().map((m) => m.eventId)).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('a listener that throws does not stop storage or the other listeners', async () => {
    const { ingest, batches } = make();
    ingest.onDidStoreMessages(() => {
      throw new Error('boom');
    });
    ingest.accept(many(2));
    await ingest.flush();
    expect(batches).toHaveLength(1);
    expect(store.count()).toBe(2);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });
});
