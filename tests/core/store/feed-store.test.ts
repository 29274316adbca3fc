import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedInput } from '../../../shared/ipc/schemas';
import { openDatabase, type Db } from '../../../electron/main/core/store/database';
import { FeedInputError, FeedStore } from '../../../electron/main/core/store/feed-store';
import { SettingsStore } from '../../../electron/main/core/store/settings-store';
import { defaultSettings } from '../../../shared/domain';
import { captureLogger, tempDir, testCodec } from './helpers';

let dir: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  dir = tempDir('tidings-feeds-');
  db = openDatabase(dir.dir, { logger: captureLogger() }).db;
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

const input = (headers: FeedInput['headers'], extra: Partial<FeedInput> = {}): FeedInput => ({
  name: 'Feed',
  url: 'http://127.0.0.1:1/x',
  headers,
  eventTypes: ['a', 'a', 'b'],
  notify: { mode: 'all', types: [], include: [], exclude: [] },
  idleTimeoutSec: 45,
  enabled: true,
  ...extra,
});

const rawHeaders = (): string => (db.prepare('SELECT headers FROM feeds').pluck().all() as string[]).join('\n');

describe('FeedStore', () => {
  it('stores secret values only as ciphertext and hands them decrypted to the connection only', () => {
    const store = new FeedStore(db, testCodec());
    const feed = store.create(
      input([
        { name: 'Authorization', value: 'Bearer topsecret', secret: true },
        { name: 'X-Plain', value: 'shown', secret: false },
      ]),
      'f1',
      1,
    );
    expect(feed.headers).toEqual([
      { name: 'Authorization', secret: true, value: null },
      { name: 'X-Plain', secret: false, value: 'shown' },
    ]);
    expect(feed.eventTypes).toEqual(['a', 'b']);
    expect(rawHeaders()).not.toContain('topsecret');
    expect(rawHeaders()).toContain('enc:');
    expect(store.connectionHeaders('f1')).toEqual({ Authorization: 'Bearer topsecret', 'X-Plain': 'shown' });
    const reopened = new FeedStore(db, testCodec());
    expect(reopened.get('f1')).toEqual(feed);
    expect(reopened.connectionHeaders('f1').Authorization).toBe('Bearer topsecret');
  });

  it('turns a plain header into a secret with value null by encrypting the stored value', () => {
    const store = new FeedStore(db, testCodec());
    store.create(input([{ name: 'X-Key', value: 'k-123', secret: false }]), 'f1', 1);
    const updated = store.update('f1', input([{ name: 'x-key', value: null, secret: true }]));
    expect(updated.headers).toEqual([{ name: 'x-key', secret: true, value: null }]);
    expect(rawHeaders()).not.toContain('k-123');
    expect(store.connectionHeaders('f1')).toEqual({ 'x-key': 'k-123' });
  });

  it('rejects duplicate header names and secrets without a keychain, with field paths', () => {
    const store = new FeedStore(db, testCodec(false));
    expect(store.canStoreSecrets).toBe(false);
    const dup = (): unknown =>
      store.create(
        input([
          { name: 'A', value: '1', secret: false },
          { name: 'a', value: '2', secret: false },
        ]),
        'f',
        1,
      );
    expect(dup).toThrow(FeedInputError);
    try {
      store.create(input([{ name: 'Authorization', value: 'x', secret: true }]), 'f', 1);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FeedInputError);
      expect((error as FeedInputError).code).toBe('unsupported');
      expect((error as FeedInputError).issues?.[0]?.path).toBe('headers.0.secret');
    }
    expect(store.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM feeds').pluck().all()).toEqual([0]);
  });

  it('leaves out a secret it can no longer decrypt (keychain changed) and reports it without the value', () => {
    new FeedStore(db, testCodec()).create(input([{ name: 'Authorization', value: 'v', secret: true }]), 'f1', 1);
    const broken = {
      available: true,
      encrypt: (p: string) => p,
      decrypt: () => {
        throw new Error('keychain changed');
      },
    };
    const store = new FeedStore(db, broken);
    const reported: string[] = [];
    expect(store.connectionHeaders('f1', (name) => reported.push(name))).toEqual({});
    expect(reported).toEqual(['Authorization']);
    // Exported without the value, marked as needing one (the importing feed asks for it).
    expect(store.exportHeaders('f1', true)).toEqual([
      { name: 'Authorization', secret: true, value: '', needsValue: true },
    ]);
  });
});

describe('FeedStore with damaged configuration columns', () => {
  it('keeps every feed, resets only the unreadable parts and says so in the log', () => {
    const good = new FeedStore(db, testCodec());
    good.create(input([{ name: 'X-Team', value: 'ops', secret: false }]), 'f1', 1);
    good.create(input([], { url: 'http://127.0.0.1:1/y', eventTypes: ['deploy'] }), 'f2', 2);
    db.prepare("UPDATE feeds SET headers = '{not json', notify = '{\"mode\":\"loud\"}' WHERE id = 'f1'").run();
    db.prepare("UPDATE feeds SET event_types = '[1,2]' WHERE id = 'f2'").run();

    const logger = captureLogger();
    const reopened = new FeedStore(db, testCodec(), logger);
    const feeds = reopened.list();
    expect(feeds.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(feeds[0]).toMatchObject({
      headers: [],
      notify: { mode: 'all', types: [], include: [], exclude: [] },
      eventTypes: ['a', 'b'],
    });
    expect(feeds[1]).toMatchObject({ eventTypes: [] });
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings).toEqual([
      expect.stringContaining('request headers were unreadable'),
      expect.stringContaining('notification rules were unreadable'),
      expect.stringContaining('event types were unreadable'),
    ]);
  });
});

describe('SettingsStore', () => {
  it('merges stored values over defaults, ignores unknown keys and survives a damaged value', () => {
    const store = new SettingsStore(db);
    expect(store.get()).toEqual(defaultSettings);
    store.update({ theme: 'dark', digestThreshold: 9 });
    db.prepare("INSERT INTO settings(key, value) VALUES ('closeToTray', '{not json'), ('bogus', '1')").run();
    const reopened = new SettingsStore(db);
    expect(reopened.get()).toEqual({ ...defaultSettings, theme: 'dark', digestThreshold: 9 });
    expect('bogus' in reopened.get()).toBe(false);
  });

  it('falls back to the default for a value of the wrong shape, not only for broken JSON', () => {
    db.prepare(
      "INSERT INTO settings(key, value) VALUES ('dnd', '5'), ('theme', '\"neon\"'), ('retention', '{\"maxPerFeed\":-1}'), ('language', '\"zh-CN\"')",
    ).run();
    expect(new SettingsStore(db).get()).toEqual({ ...defaultSettings, language: 'zh-CN' });
  });
});
