import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/main/core/store/database';
import { Maintenance } from '../../../electron/main/core/store/maintenance';
import { MessageStore, type RetentionLimits } from '../../../electron/main/core/store/message-store';
import { FakeTime } from '../ingest/fake-time';
import { captureLogger, event, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let store: MessageStore;
let time: FakeTime;
beforeEach(() => {
  dir = tempDir('tidings-maint-');
  db = openDatabase(dir.dir, { logger: captureLogger() }).db;
  store = new MessageStore(db);
  time = new FakeTime();
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

describe('Maintenance', () => {
  it('indexes and prunes in the background in small steps, then sleeps until kicked', () => {
    let retention: RetentionLimits = { maxPerFeed: 10_000_000, maxAgeDays: 36_500 };
    let pruned = 0;
    const maintenance = new Maintenance({
      store,
      timers: time,
      clock: time,
      logger: captureLogger(),
      retention: () => retention,
      onPruned: () => pruned++,
      budgetMs: 1000, // generous: the fake clock does not advance during a step
      busyDelayMs: 15,
      idleDelayMs: 60_000,
    });
    for (let b = 0; b < 10; b++)
      store.append(Array.from({ length: 100 }, (_, i) => event({ feedId: 'a', eventId: `${b}-${i}` })));
    maintenance.start();
    expect(store.indexLag()).toBe(1000);
    time.advance(15);
    expect(store.indexLag()).toBe(0);
    time.advance(60_000 - 1);
    expect(time.timers).toBe(1); // asleep: one timer, nothing to do
    retention = { maxPerFeed: 400, maxAgeDays: 36_500 };
    maintenance.kick(50);
    time.advance(50 + 15 * 5);
    expect(store.feedMessageCount('a')).toBe(400);
    expect(pruned).toBeGreaterThan(0);
    maintenance.stop();
    expect(time.timers).toBe(0);
  });

  it('while ingest is busy, a retention backlog keeps the quick pace (the search index waits)', () => {
    const steps = (retention: RetentionLimits): number => {
      let pruningSteps = 0;
      const maintenance = new Maintenance({
        store,
        timers: time,
        clock: time,
        logger: captureLogger(),
        retention: () => retention,
        onPruned: () => pruningSteps++,
        budgetMs: 0.001, // one chunk of 200 rows per step: the backlog outlasts the window
        pruneChunk: 200,
        busyDelayMs: 15,
      });
      maintenance.start();
      for (let t = 0; t < 600; t += 10) {
        maintenance.wrote(); // ingest writes every 10 ms
        time.advance(10);
      }
      maintenance.stop();
      return pruningSteps;
    };
    for (let b = 0; b < 20; b++)
      store.append(Array.from({ length: 1000 }, (_, i) => event({ feedId: 'a', eventId: `${b}-${i}` })));
    // 600 ms of ingest: a step every 15 ms while rows are due (not every 40 ms as for the search index alone).
    expect(steps({ maxPerFeed: 1000, maxAgeDays: 36_500 })).toBeGreaterThanOrEqual(30);
    expect(store.feedMessageCount('a')).toBeGreaterThan(1000);
  });

  it('keeps going after a failing step and logs it', () => {
    const logger = captureLogger();
    const maintenance = new Maintenance({
      store,
      timers: time,
      clock: time,
      logger,
      retention: () => {
        throw new Error('settings unreadable');
      },
      idleDelayMs: 1000,
    });
    maintenance.start();
    time.advance(20);
    expect(logger.lines.some((l) => l.level === 'error' && l.message === 'Background maintenance failed')).toBe(true);
    expect(time.timers).toBe(1);
    maintenance.stop();
  });
});
