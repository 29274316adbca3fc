/**
 * Opens the SQLite database (libsql) in the data folder, applies pragmas and migrations, and recovers from a
 * corrupt or unreadable file by moving it aside (kept, never deleted) and starting fresh.
 */
import Database from 'libsql';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoreNotice, Logger } from '../types';
import { migrations } from './migrations';

export type Db = Database.Database;
export type Stmt = Database.Statement<unknown[]>;

export const DATABASE_FILE = 'tidings.db';

export interface OpenedDatabase {
  db: Db;
  path: string;
  notices: CoreNotice[];
}

function pragmaValue(db: Db, name: string): unknown {
  const rows = db.pragma(name) as Record<string, unknown>[];
  const row = rows[0];
  return row ? row[name] : undefined;
}

function configure(db: Db): void {
  // First: another connection (the checkpoint worker, a second listener on the file) may hold a lock briefly,
  // also while this one switches the journal mode or migrates.
  db.pragma('busy_timeout = 1000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  db.pragma('temp_store = MEMORY');
  // Keep the page cache modest: resident memory matters more than a few page reads.
  db.pragma('cache_size = -8000');
  db.pragma('wal_autocheckpoint = 1000');
  db.pragma('journal_size_limit = 33554432');
}

/**
 * Applies the migrations this database lacks, each in its own write transaction. The version is read again under
 * the write lock, so two processes opening a new file at once (two listeners) migrate it once.
 */
export function migrate(db: Db): number {
  const version = (): number => Number(pragmaValue(db, 'user_version') ?? 0);
  const check = (current: number): void => {
    if (current > migrations.length) {
      throw new Error(
        `The database was written by a newer Tidings (schema ${current}, this build knows ${migrations.length}).`,
      );
    }
  };
  check(version());
  // A migration may build an index over every message: its sort spills to temporary files instead of memory
  // (schema 13 on ten million rows: 880 MB resident with temp_store = MEMORY).
  const migrating = version() < migrations.length;
  if (migrating) db.pragma('temp_store = FILE');
  while (version() < migrations.length) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const current = version();
      check(current);
      if (current < migrations.length) {
        const migration = migrations[current]!;
        if (typeof migration === 'string') db.exec(migration);
        else migration(db);
        db.exec(`PRAGMA user_version = ${current + 1}`);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
  if (migrating) db.pragma('temp_store = MEMORY');
  return migrations.length;
}

/**
 * A second connection to a database openDatabaseFile already opened and migrated (the store worker's): the same
 * pragmas, no recovery. Fails when the schema is not the one this build knows.
 */
export function openConnection(path: string): Db {
  const db = new Database(path);
  try {
    configure(db);
    const version = Number(pragmaValue(db, 'user_version') ?? 0);
    if (version !== migrations.length)
      throw new Error(`unexpected schema ${version} (this build knows ${migrations.length})`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Files up to this size get a full quick_check at start (well under a second); larger ones a targeted probe. */
const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Integrity probe: header, schema, and the pages a normal start touches; everything when the file is small. */
function probe(db: Db, path: string, fullCheckMaxBytes: number): void {
  const size = fileSize(path);
  if (size <= fullCheckMaxBytes) {
    const check = db.prepare('PRAGMA quick_check(1)').raw().get() as unknown[] | undefined;
    if (!check || check[0] !== 'ok') throw new Error(`integrity check failed: ${String(check?.[0])}`);
    return;
  }
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (fileSize(path + '-wal') === 0) {
    // Without a WAL every page lives in the file: a shorter file was truncated.
    const pages = Number((db.prepare('PRAGMA page_count').raw().get() as [number])[0]);
    const pageSize = Number((db.prepare('PRAGMA page_size').raw().get() as [number])[0]);
    if (pages * pageSize > size) throw new Error('integrity check failed: the database file is truncated');
  }
  if (tables.includes('messages')) {
    db.prepare('SELECT * FROM messages ORDER BY id DESC LIMIT 50').raw().all();
    db.prepare('SELECT * FROM messages ORDER BY id LIMIT 50').raw().all();
  }
}

function openAndMigrate(path: string, fullCheckMaxBytes: number): Db {
  const db = new Database(path);
  try {
    configure(db);
    probe(db, path, fullCheckMaxBytes);
    migrate(db);
    return db;
  } catch (error) {
    try {
      db.close();
    } catch {
      // already unusable
    }
    throw error;
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Errors that mean "this file is not a usable database", as opposed to e.g. a newer schema. */
function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return (
    (typeof code === 'string' && /SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FORMAT)/.test(code)) ||
    /not a database|malformed|corrupt|integrity check failed|disk I\/O error|unable to open/i.test(message)
  );
}

const TRANSIENT_RETRY_MS = 250;

/** Failures that may not be about the file's content at all. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return (
    (typeof code === 'string' && /SQLITE_(IOERR|CANTOPEN)/.test(code)) ||
    (!/not a database|malformed|corrupt/i.test(message) && /disk I\/O error|unable to open/i.test(message))
  );
}

export interface OpenOptions {
  logger: Logger;
  now?: () => number;
  /** Files up to this size get a full quick_check (default 64 MiB). */
  fullCheckMaxBytes?: number;
}

/** Opens `tidings.db` in the data folder (created if missing). */
export function openDatabase(dataDir: string, options: OpenOptions): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  return openDatabaseFile(join(dataDir, DATABASE_FILE), options);
}

/**
 * Opens a database file (the app's, or the listener's --db) with the same pragmas, migrations and recovery: a
 * corrupt or unreadable file is moved aside and a fresh one created, with a notice saying where the old one went.
 */
export function openDatabaseFile(path: string, options: OpenOptions): OpenedDatabase {
  const fullCheck = options.fullCheckMaxBytes ?? FULL_CHECK_MAX_BYTES;
  mkdirSync(dirname(path), { recursive: true });
  const notices: CoreNotice[] = [];
  try {
    return { db: openAndMigrate(path, fullCheck), path, notices };
  } catch (first) {
    let error = first;
    if (!isCorruption(error)) throw error;
    // An I/O error or a failed open may pass (a disk waking up, an antivirus scan holding the file): try once more
    // before declaring a healthy database unreadable and moving it aside.
    if (isTransient(error)) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, TRANSIENT_RETRY_MS);
      try {
        return { db: openAndMigrate(path, fullCheck), path, notices };
      } catch (again) {
        if (!isCorruption(again)) throw again;
        error = again;
      }
    }
    const movedTo = `${path}.corrupt-${stamp(new Date(options.now ? options.now() : Date.now()))}`;
    options.logger.error('Database unreadable; moving it aside and starting fresh', {
      path,
      movedTo,
      error: error instanceof Error ? error.message : String(error),
    });
    renameSync(path, movedTo);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
    }
    const db = openAndMigrate(path, fullCheck);
    notices.push({
      kind: 'database-recovered',
      message:
        'The message database could not be read, so Tidings started a new one. The old file was kept: ' + movedTo,
      path: movedTo,
    });
    return { db, path, notices };
  }
}

/**
 * Runs `body` in one write transaction. It takes the write lock at once (IMMEDIATE), so another connection to the
 * file (a second listener, the checkpoint worker) makes it wait up to the busy timeout rather than fail halfway.
 * Unlike libsql's db.transaction(), a failure whose error already ended the transaction (SQLite rolls back by
 * itself on some errors) surfaces as the original error, not as "cannot rollback - no transaction is active".
 */
export function inTransaction<T>(db: Db, body: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = body();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
