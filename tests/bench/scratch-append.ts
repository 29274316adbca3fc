import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/main/core/store/database';
import { MessageStore } from '../../electron/main/core/store/message-store';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
for (const [batch, cache] of [[500, 8000], [500, 8000]] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'sa-'));
  const { db } = openDatabase(dir, { logger: quiet });
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`cache_size = -${cache}`);
  const store = new MessageStore(db);
  const feed = '93243e1d-f8c7-48e5-a2e7-14c0a9d071a3';
  const data = 'x'.repeat(Number(process.env.SIZE ?? 100));
  const cpu0 = process.cpuUsage();
  for (let s = 0; s < 200000; s += batch) {
    const ev = [];
    for (let i = s; i < s + batch; i++) ev.push({ feedId: feed, type: 'message', eventId: String(i), data, truncated: false, receivedAt: Date.now(), backfill: false });
    store.append(ev);
  }
  const cpu = process.cpuUsage(cpu0);
  console.log('batch', batch, 'cache', cache, ((cpu.user + cpu.system) / 200000).toFixed(2), 'µs/ev', 'sys', (cpu.system / 200000).toFixed(2));
  db.close();
}
