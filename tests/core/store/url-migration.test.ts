/**
 * Feeds stored before URLs were normalised (schema 8 and earlier kept the URL as typed) get their WHATWG
 * serialisation once, by the same rule a feed is saved with (shared/rules.ts); a URL the rule refuses is left as is.
 */
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkHttpUrl } from '../../../shared/rules';
import { DATABASE_FILE, openDatabase } from '../../../electron/main/core/store/database';
import { FeedStore } from '../../../electron/main/core/store/feed-store';
import { migrations } from '../../../electron/main/core/store/migrations';
import { captureLogger, tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

/** The last schema that stored URLs as typed. */
const BEFORE = 8;

const STORED: [id: string, url: string][] = [
  ['caps', 'HTTP://Example.COM:80/Events?Topic=A'],
  ['one-slash', 'https:/ntfy.sh/alerts/sse'],
  ['spaces', '  https://host.example/a b  '],
  ['fine', 'https://ntfy.sh/fine/sse'],
  ['refused', 'ftp://files.example/feed'],
];

function oldDatabase(path: string): void {
  const db = new Database(path);
  for (let v = 0; v < BEFORE; v++) db.exec(migrations[v] as string);
  db.exec(`PRAGMA user_version = ${BEFORE}`);
  const insert = db.prepare(
    'INSERT INTO feeds(id, position, name, url, headers, event_types, notify, idle_timeout_sec, enabled, created_at) ' +
      `VALUES (?, ?, ?, ?, '[]', '[]', '{"mode":"all","types":[],"include":[],"exclude":[]}', 45, 1, 1)`,
  );
  STORED.forEach(([id, url], i) => insert.run(id, i, id, url));
  db.close();
}

it('normalises the URLs of feeds stored as typed, once, with the rule feeds are saved with', () => {
  oldDatabase(join(dir.dir, DATABASE_FILE));
  const opened = openDatabase(dir.dir, { logger: captureLogger() });
  try {
    const store = new FeedStore(opened.db, { available: false, encrypt: () => '', decrypt: () => '' });
    const urls = Object.fromEntries(store.list().map((f) => [f.id, f.url]));
    expect(urls).toEqual({
      caps: 'http://example.com/Events?Topic=A',
      'one-slash': 'https://ntfy.sh/alerts/sse',
      spaces: 'https://host.example/a%20b',
      fine: 'https://ntfy.sh/fine/sse',
      refused: 'ftp://files.example/feed',
    });
    // The same rule as saving a feed: every accepted URL is now what checkHttpUrl makes of it.
    for (const [id, url] of STORED) {
      const checked = checkHttpUrl(url);
      if (checked.ok) expect(urls[id]).toBe(checked.href);
    }
  } finally {
    opened.db.close();
  }
});
