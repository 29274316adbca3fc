import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../../../electron/main/core/store/checkpointer';
import { openDatabase, type Db } from '../../../electron/main/core/store/database';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { waitFor } from '../api/host';
import { captureLogger, event, tempDir } from './helpers';

const timers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

let dir: ReturnType<typeof tempDir>;
let db: Db;
let path: string;
beforeEach(() => {
  dir = tempDir('tidings-ckpt-');
  const opened = openDatabase(dir.dir, { logger: captureLogger() });
  db = opened.db;
  path = opened.path;
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

describe('Checkpointer', () => {
  it('turns off automatic checkpoints and copies the WAL into the database from a worker thread', async () => {
    const logger = captureLogger();
    const checkpointer = new Checkpointer(db, path, logger, timers, 10);
    expect((db.prepare('PRAGMA wal_autocheckpoint').raw().get() as [number])[0]).toBe(0);
    const store = new MessageStore(db);
    const before = statSync(path).size;
    for (let b = 0; b < 10; b++) {
      store.append(
        Array.from({ length: 200 }, (_, i) => event({ feedId: 'a', eventId: `${b}-${i}`, data: 'x'.repeat(500) })),
      );
    }
    expect(statSync(path).size).toBe(before); // everything is still in the WAL
    checkpointer.written();
    await waitFor(() => statSync(path).size > before + 500_000, 'checkpoint into the database file');
    await checkpointer.close();
    expect(logger.lines.filter((l) => l.level !== 'debug')).toEqual([]);
    expect(store.count()).toBe(2000);
  });

  it('keeps the WAL bounded under sustained writes by finishing a checkpoint between transactions', async () => {
    const limit = 512 * 1024;
    const checkpointer = new Checkpointer(db, path, captureLogger(), timers, 10, limit);
    const store = new MessageStore(db);
    let maxWal = 0;
    let written = 0;
    // Written to the end however slow the machine is (a time bound made it fall short under load in CI runs).
    for (let b = 0; written < 24 * 1024 * 1024; b++) {
      store.append(
        Array.from({ length: 100 }, (_, i) => event({ feedId: 'a', eventId: `${b}-${i}`, data: 'y'.repeat(400) })),
      );
      written += 100 * 400;
      checkpointer.written();
      maxWal = Math.max(maxWal, statSync(`${path}-wal`).size);
      if (b % 20 === 0) await new Promise((r) => setImmediate(r)); // let the worker's replies in now and then
    }
    await checkpointer.close();
    expect(written).toBeGreaterThanOrEqual(24 * 1024 * 1024); // unbounded, the log would hold all of it (and more)
    expect(maxWal).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);

  it('falls back to automatic checkpoints when the worker cannot run', async () => {
    const logger = captureLogger();
    const checkpointer = new Checkpointer(db, `${dir.dir}/missing/dir/none.db`, logger, timers, 10);
    await waitFor(() => logger.lines.some((l) => l.level === 'warn'), 'fallback warning');
    expect((db.prepare('PRAGMA wal_autocheckpoint').raw().get() as [number])[0]).toBe(1000);
    await checkpointer.close();
  });
});
