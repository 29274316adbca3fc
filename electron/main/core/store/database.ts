/**
 * Opens the SQLite database (libsql) in the data folder, applies pragmas and migrations, and recovers from a
 * corrupt or unreadable file by moving it aside (kept, never deleted) and starting fresh.
 */
import Database from 'libsql';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreNotice, Logger } from '../types';
import { migrations } from './migrations';

export type Db = Database.Database;

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
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  db.pragma('temp_store = MEMORY');
  // Keep the page cache modest: resident memory matters more than a few page reads.
  db.pragma('cache_size = -8000');
  db.pragma('wal_autocheckpoint = 2000');
}

export function migrate(db: Db): number {
  const current = Number(pragmaValue(db, 'user_version') ?? 0);
  if (current > migrations.length) {
    throw new Error(
      `The database was written by a newer Tidings (schema ${current}, this build knows ${migrations.length}).`,
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    const sql = migrations[version - 1] as string;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return migrations.length;
}

/** Cheap integrity probe: header, schema, and the pages a normal start touches. */
function probe(db: Db): void {
  const check = db.prepare('PRAGMA quick_check(1)').raw().get() as unknown[] | undefined;
  if (!check || check[0] !== 'ok') throw new Error(`integrity check failed: ${String(check?.[0])}`);
}

function openAndMigrate(path: string): Db {
  const db = new Database(path);
  try {
    configure(db);
    probe(db);
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

export function openDatabase(dataDir: string, options: { logger: Logger; now?: () => number }): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DATABASE_FILE);
  const notices: CoreNotice[] = [];
  try {
    return { db: openAndMigrate(path), path, notices };
  } catch (error) {
    if (!isCorruption(error)) throw error;
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
    const db = openAndMigrate(path);
    notices.push({
      kind: 'database-recovered',
      message:
        'The message database could not be read, so Tidings started a new one. The old file was kept: ' + movedTo,
      path: movedTo,
    });
    return { db, path, notices };
  }
}
