import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, migrate, openDatabase } from '../../../electron/main/core/store/database';
import { migrations } from '../../../electron/main/core/store/migrations';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import { captureLogger, event, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const userVersion = (db: Database.Database): number => (db.prepare('PRAGMA user_version').raw().get() as [number])[0];

describe('openDatabase', () => {
  it('tries once more before moving aside a file it could not open, so a passing failure loses nothing', async () => {
    // The database path is briefly a folder (cannot open); a worker removes it while the opener waits to retry.
    const path = join(dir.dir, DATABASE_FILE);
    mkdirSync(path);
    const worker = new Worker(
      `const { rmSync } = require('node:fs'); const { workerData, parentPort } = require('node:worker_threads');
       parentPort.postMessage('ready');
       setTimeout(() => { rmSync(workerData, { recursive: true }); parentPort.postMessage('removed'); }, 80);`,
      { eval: true, workerData: path },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const logger = captureLogger();
    const opened = openDatabase(dir.dir, { logger });
    await worker.terminate();
    expect(opened.notices).toEqual([]);
    expect(readdirSync(dir.dir).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(userVersion(opened.db)).toBe(migrations.length);
    opened.db.close();
  });

  it('moves aside what still cannot be opened after the retry', () => {
    mkdirSync(join(dir.dir, DATABASE_FILE));
    const opened = openDatabase(dir.dir, { logger: captureLogger() });
    expect(opened.notices).toHaveLength(1);
    expect(readdirSync(dir.dir).some((f) => f.startsWith(`${DATABASE_FILE}.corrupt-`))).toBe(true);
    opened.db.close();
  });

  it('creates the schema with WAL, NORMAL sync and the latest user_version, and reopens without migrating again', () => {
    const first = openDatabase(dir.dir, { logger: captureLogger() });
    expect(first.path).toBe(join(dir.dir, DATABASE_FILE));
    expect(userVersion(first.db)).toBe(migrations.length);
    expect((first.db.prepare('PRAGMA journal_mode').raw().get() as [string])[0]).toBe('wal');
    expect((first.db.prepare('PRAGMA synchronous').raw().get() as [number])[0]).toBe(1);
    const tables = first.db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
      .pluck()
      .all() as string[];
    for (const t of ['cursors', 'feeds', 'messages', 'messages_fts', 'settings']) expect(tables).toContain(t);
    new MessageStore(first.db).append([event({ feedId: 'a', eventId: '1' })]);
    first.db.close();
    const second = openDatabase(dir.dir, { logger: captureLogger() });
    expect(second.notices).toEqual([]);
    expect(new MessageStore(second.db).count()).toBe(1);
    second.db.close();
  });

  it('migrates step by step from an older user_version and refuses a newer one', () => {
    const db = new Database(join(dir.dir, 'm.db'));
    expect(userVersion(db)).toBe(0);
    expect(migrate(db)).toBe(migrations.length);
    expect(userVersion(db)).toBe(migrations.length);
    expect(migrate(db)).toBe(migrations.length); // idempotent
    db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer Tidings/);
    db.close();
  });

  it('upgrades a schema-2 database with history: replays of its rows stay duplicates, reused ids become new events', () => {
    const path = join(dir.dir, DATABASE_FILE);
    const old = new Database(path);
    for (const [i, sql] of migrations.slice(0, 2).entries())
      old.exec(`BEGIN; ${sql}; PRAGMA user_version = ${i + 1}; COMMIT;`);
    old
      .prepare(
        "INSERT INTO messages(feed, type, event_id, data, received_at) VALUES ('a', 'message', '1', 'old one', 1)",
      )
      .run();
    old.close();
    const { db } = openDatabase(dir.dir, { logger: captureLogger() });
    expect(userVersion(db)).toBe(migrations.length);
    const store = new MessageStore(db);
    expect(store.append([event({ feedId: 'a', eventId: '1', data: 'old one' })])).toEqual([]);
    expect(store.append([event({ feedId: 'a', eventId: '1', data: 'new one' })]).map((m) => m.data)).toEqual([
      'new one',
    ]);
    expect(store.count()).toBe(2);
    db.close();
  });

  it('moves a garbage file aside, keeps it byte for byte, starts fresh and adds a notice', () => {
    const path = join(dir.dir, DATABASE_FILE);
    const garbage = Buffer.from('this is not a database at all '.repeat(200));
    writeFileSync(path, garbage);
    const logger = captureLogger();
    const opened = openDatabase(dir.dir, { logger, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(opened.notices).toHaveLength(1);
    const notice = opened.notices[0]!;
    expect(notice.kind).toBe('database-recovered');
    expect(notice.path).toBe(`${path}.corrupt-2026-01-02T03-04-05-000Z`);
    expect(notice.message).toContain(notice.path);
    expect(readFileSync(notice.path).equals(garbage)).toBe(true);
    expect(new MessageStore(opened.db).count()).toBe(0);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
    opened.db.close();
  });

  for (const fullCheckMaxBytes of [undefined, 0]) {
    it(`moves a truncated database aside and starts fresh (${fullCheckMaxBytes === 0 ? 'targeted probe' : 'full check'})`, () => {
      const first = openDatabase(dir.dir, { logger: captureLogger() });
      const store = new MessageStore(first.db);
      for (let b = 0; b < 20; b++) {
        store.append(
          Array.from({ length: 200 }, (_, i) => event({ feedId: 'a', eventId: `${b}-${i}`, data: 'x'.repeat(300) })),
        );
      }
      first.db.pragma('wal_checkpoint(TRUNCATE)');
      first.db.close();
      const path = join(dir.dir, DATABASE_FILE);
      const size = statSync(path).size;
      expect(size).toBeGreaterThan(100_000);
      truncateSync(path, Math.floor(size / 3));
      const opened = openDatabase(dir.dir, { logger: captureLogger(), fullCheckMaxBytes });
      expect(opened.notices).toHaveLength(1);
      expect(existsSync(opened.notices[0]!.path)).toBe(true);
      expect(statSync(opened.notices[0]!.path).size).toBe(Math.floor(size / 3));
      expect(new MessageStore(opened.db).count()).toBe(0);
      opened.db.close();
      expect(readdirSync(dir.dir).filter((f) => f.includes('.corrupt-')).length).toBeGreaterThanOrEqual(1);
    });
  }

  it('opens a healthy large-file database with the targeted probe without a notice', () => {
    const first = openDatabase(dir.dir, { logger: captureLogger() });
    new MessageStore(first.db).append([event({ feedId: 'a', eventId: '1' })]);
    first.db.close();
    const again = openDatabase(dir.dir, { logger: captureLogger(), fullCheckMaxBytes: 0 });
    expect(again.notices).toEqual([]);
    expect(new MessageStore(again.db).count()).toBe(1);
    again.db.close();
  });
});
