/** Prepared statements by their SQL, prepared once per connection. Shared by the store modules of one database. */
import type { Db, Stmt } from './database';

/** Filter combinations make many query shapes; the cache is bounded. */
const MAX_CACHED = 256;

export class Statements {
  private readonly cache = new Map<string, Stmt>();

  constructor(readonly db: Db) {}

  get(sql: string): Stmt {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      stmt = this.db.prepare<unknown[]>(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  /** The single value of a one-column query (null when there is no row). */
  value<T>(sql: string, ...params: unknown[]): T | null {
    const row = this.get(sql)
      .raw()
      .get(...params) as [T] | undefined;
    return row === undefined ? null : row[0];
  }
}

/** True for the error SQLite raises when the search index (a virtual table) is damaged. */
export function isDamagedIndex(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_CORRUPT_VTAB';
}
