/**
 * Secrets through safeStorage's asynchronous API only (the synchronous one is deprecated in Electron 45 and can
 * block on a Keychain prompt), with the real feed store and a real database: what is on disk is never the secret,
 * what was stored by the synchronous API before stays readable, and nothing deprecated is called.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { NotReadyError, cipherKeyVersion, resetFakeElectron, safeStorage } from './fake-electron';
import { createSecretCodec } from '../../electron/main/platform/secrets';
import { openDatabase } from '../../electron/main/core/store/database';
import { FeedStore } from '../../electron/main/core/store/feed-store';
import type { FeedInput } from '../../shared/ipc/schemas';
import { silentLogger } from './stub-core';

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'tidings-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const input = (token: string): FeedInput => ({
  name: 'Orders',
  url: 'https://example.com/orders',
  headers: [{ name: 'Authorization', secret: true, value: `Bearer ${token}` }],
  eventTypes: [],
  notify: { mode: 'all', types: [], include: [], exclude: [] },
  idleTimeoutSec: 45,
  enabled: true,
});

describe('SecretCodec over safeStorage', () => {
  it('round-trips through base64 ciphertext that does not contain the secret, with no deprecated call', async () => {
    const codec = await createSecretCodec('linux');
    const cipher = await codec.encrypt('Bearer s3cr3t');
    expect(cipher).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(cipher, 'base64').toString('utf8')).not.toContain('s3cr3t');
    expect(await codec.decrypt(cipher)).toBe('Bearer s3cr3t');
    await expect(codec.decrypt(Buffer.from('garbage').toString('base64'))).rejects.toThrow();
    expect(safeStorage.deprecations).toEqual([]);
    expect(safeStorage.asyncCalls).toBeGreaterThan(0);
  });

  it('is unavailable without OS encryption, and on Linux with only the hard-coded "basic_text" key', async () => {
    expect((await createSecretCodec('linux')).available).toBe(true);
    safeStorage.backend = 'basic_text';
    expect((await createSecretCodec('linux')).available).toBe(false);
    expect((await createSecretCodec('win32')).available).toBe(true);
    safeStorage.available = false;
    expect((await createSecretCodec('win32')).available).toBe(false);
  });

  it('needs the app to be ready (the async encryptor starts then)', async () => {
    resetFakeElectron({ ready: false });
    await expect(createSecretCodec('linux')).rejects.toBeInstanceOf(NotReadyError);
  });
});

describe('the feed store with the asynchronous codec', () => {
  it('writes the ciphertext once it is ready (the secret is never on disk) and reads it back after a restart', async () => {
    const file = join(dir, 'tidings.db');
    const first = openDatabase(dir, { logger: silentLogger });
    const store = new FeedStore(first.db, await createSecretCodec('linux'), silentLogger);
    await store.unlock();
    const feed = store.create(input('t0ken'), 'f1', 1);
    // Usable at once, from memory.
    expect(store.connectionHeaders(feed.id)).toEqual({ Authorization: 'Bearer t0ken' });
    await store.flushSecrets();
    const row = first.db.prepare('SELECT headers FROM feeds WHERE id = ?').raw().get('f1') as [string];
    expect(row[0]).not.toContain('t0ken');
    expect(row[0]).not.toContain('pending-encryption');
    first.db.close();

    const again = openDatabase(dir, { logger: silentLogger });
    const reopened = new FeedStore(again.db, await createSecretCodec('linux'), silentLogger);
    await reopened.unlock();
    expect(reopened.connectionHeaders('f1')).toEqual({ Authorization: 'Bearer t0ken' });
    expect(reopened.exportHeaders('f1', true)).toEqual([
      { name: 'Authorization', secret: true, value: 'Bearer t0ken' },
    ]);
    again.db.close();
    expect(file).toContain('tidings.db');
    expect(safeStorage.deprecations).toEqual([]);
  });

  it('secrets stored by the synchronous API of earlier versions stay readable', async () => {
    const opened = openDatabase(dir, { logger: silentLogger });
    const legacy = safeStorage.encryptString('Bearer old').toString('base64');
    const headers = JSON.stringify([{ name: 'Authorization', secret: true, cipher: legacy }]);
    opened.db
      .prepare(
        'INSERT INTO feeds(position, id, name, url, headers, event_types, notify, idle_timeout_sec, enabled, created_at) ' +
          "VALUES (0, 'old', 'Old', 'https://example.com/old', ?, '[]', ?, 45, 1, 1)",
      )
      .run(headers, JSON.stringify({ mode: 'all', types: [], include: [], exclude: [] }));
    safeStorage.deprecations = [];
    const store = new FeedStore(opened.db, await createSecretCodec('linux'), silentLogger);
    await store.unlock();
    expect(store.connectionHeaders('old')).toEqual({ Authorization: 'Bearer old' });
    expect(safeStorage.deprecations).toEqual([]);
    opened.db.close();
  });

  it('a secret the OS says to re-encrypt (its key was rotated) is stored again under the new key', async () => {
    const opened = openDatabase(dir, { logger: silentLogger });
    const first = new FeedStore(opened.db, await createSecretCodec('linux'), silentLogger);
    await first.unlock();
    first.create(input('r0tate'), 'f1', 1);
    await first.flushSecrets();
    const storedCipher = () => {
      const [headers] = opened.db.prepare('SELECT headers FROM feeds WHERE id = ?').raw().get('f1') as [string];
      return (JSON.parse(headers) as { cipher: string }[])[0]!.cipher;
    };
    expect(cipherKeyVersion(storedCipher())).toBe(1);

    safeStorage.keyVersion = 2;
    const again = new FeedStore(opened.db, await createSecretCodec('linux'), silentLogger);
    await again.unlock();
    expect(again.connectionHeaders('f1')).toEqual({ Authorization: 'Bearer r0tate' });
    await again.flushSecrets();
    expect(cipherKeyVersion(storedCipher())).toBe(2);
    opened.db.close();

    const reopened = openDatabase(dir, { logger: silentLogger });
    const third = new FeedStore(reopened.db, await createSecretCodec('linux'), silentLogger);
    await third.unlock();
    expect(third.connectionHeaders('f1')).toEqual({ Authorization: 'Bearer r0tate' });
    reopened.db.close();
  });
});
