import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../electron/main/core/store/database';
import type { FeedEvent } from '../../../electron/main/core/feeds/types';
import { MessageStore } from '../../../electron/main/core/store/message-store';
import type { Logger, SecretCodec } from '../../../electron/main/core/types';

export function tempDir(prefix = 'tidings-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CapturedLogger extends Logger {
  lines: { level: string; message: string; details: unknown[] }[];
}

export function captureLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      lines.push({ level, message, details });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A reversible codec standing in for safeStorage: its ciphertext never contains the clear text. */
export function testCodec(available = true): SecretCodec & { encrypted: number } {
  const codec = {
    available,
    encrypted: 0,
    encrypt(plain: string): string {
      if (!available) throw new Error('codec unavailable');
      codec.encrypted++;
      return 'enc:' + Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)).toString('base64');
    },
    decrypt(cipher: string): string {
      if (!cipher.startsWith('enc:')) throw new Error('not our ciphertext');
      return Buffer.from(Buffer.from(cipher.slice(4), 'base64').map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return codec;
}

let seq = 0;
export function event(partial: Partial<FeedEvent> & { feedId: string }): FeedEvent {
  seq++;
  return {
    type: 'message',
    eventId: null,
    data: `data ${seq}`,
    truncated: false,
    receivedAt: 1_700_000_000_000 + seq,
    backfill: false,
    ...partial,
  };
}

/** A fresh database file in a temp folder with a MessageStore on it; `closeStore` closes and removes it. */
export interface StoreFixture {
  dir: ReturnType<typeof tempDir>;
  db: Db;
  store: MessageStore;
}

export function openStore(): StoreFixture {
  const dir = tempDir();
  const db = openDatabase(dir.dir, { logger: captureLogger() }).db;
  return { dir, db, store: new MessageStore(db) };
}

export function closeStore({ dir, db }: Pick<StoreFixture, 'dir' | 'db'>): void {
  if (db.open) db.close();
  dir.cleanup();
}
