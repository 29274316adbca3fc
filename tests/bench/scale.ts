/**
 * Storage at scale: `npm run bench:scale -- --messages N [--dir DIR] [--keep]`. Prints figures (not pass/fail).
 *
 * Prefills N messages (10 feeds, every 10th message Chinese, the search index built) through the store, then, in
 * a fresh process, measures what a user waits for with that history:
 *   open       createCore on the file (counts, cursors, settings; feeds disabled so nothing connects)
 *   page       a page far back in time (`to` at the oldest tenth), all feeds and one feed
 *   search     "shipped warehouse" (common words: ~90 % of rows match), first page
 *   mark-read  one feed read (N/10 rows): time to answer, and until every row is marked
 *   prune      retention deleting 20k rows (2k of each feed) in the app's chunks, per row, next to inserting one
 *   ingest     200k × 100 B events through the store's append (batches of 500) with that history
 * With --dir the prefilled folder is reused when it holds N messages (prefill once, measure many times).
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { invoke } from '../../shared/ipc/channels';
import { createCore, dispatch } from '../../electron/main/core/index';
import type { FeedEvent } from '../../electron/main/core/feeds/types';
import { DATABASE_FILE, openDatabase } from '../../electron/main/core/store/database';
import { FeedStore } from '../../electron/main/core/store/feed-store';
import { PRUNE_CHUNK } from '../../electron/main/core/store/maintenance';
import { MessageStore } from '../../electron/main/core/store/message-store';
import { historyEvent, host, noSecrets, quiet } from './bench-support';

const FEEDS = 10;
const STEP_MS = 2;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

const eventAt = (k: number, feedIds: readonly string[], t0: number): FeedEvent => historyEvent(k, feedIds, t0, STEP_MS);

/** Child: fills `dir` with `total` messages, index built. */
function prefill(dir: string, total: number): Record<string, number> {
  const started = performance.now();
  const { db } = openDatabase(dir, { logger: quiet });
  const feedStore = new FeedStore(db, noSecrets);
  const ids: string[] = [];
  for (let f = 0; f < FEEDS; f++) {
    const input = {
      name: `feed ${f}`,
      url: `http://127.0.0.1:9/scale-${f}`,
      headers: [],
      eventTypes: [],
      notify: { mode: 'off' as const, types: [], include: [], exclude: [] },
      idleTimeoutSec: 3600,
      enabled: false,
    };
    ids.push(feedStore.create(input, `feed-${f}`, Date.now()).id);
  }
  const store = new MessageStore(db);
  const t0 = Date.now() - total * STEP_MS - 60_000;
  for (let i = 0; i < total; i += 5000) {
    const events: FeedEvent[] = [];
    for (let k = i; k < Math.min(total, i + 5000); k++) events.push(eventAt(k, ids, t0));
    store.append(events);
  }
  const inserted = performance.now();
  while (store.indexStep(100_000) > 0);
  const indexed = performance.now();
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    prefillSeconds: round((inserted - started) / 1000),
    indexSeconds: round((indexed - inserted) / 1000),
    fileMB: round(statSync(join(dir, DATABASE_FILE)).size / 1048576),
  };
}

/** Child: the figures, on a prefilled folder. */
async function measure(dir: string, total: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let t = performance.now();
  const core = await createCore({ dataDir: dir, secrets: noSecrets, logger: quiet, version: 'bench' });
  out.openMs = round(performance.now() - t);
  core.updateSettings({ retention: { maxPerFeed: 100_000_000, maxAgeDays: 36_500 } });
  const handlers = core.createHandlers(host);
  const t0 = Date.now() - total * STEP_MS - 60_000; // roughly: only the tenth matters
  const oldest = (await dispatch(handlers, invoke.messagesList, { to: Date.now(), limit: 1 })).ok;
  if (!oldest) throw new Error('list failed');
  const far = t0 + Math.floor(total / 10) * STEP_MS;
  const timed = async (fn: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await fn();
    return round(performance.now() - started);
  };
  out.pageFarBackMs = await timed(() => dispatch(handlers, invoke.messagesList, { to: far, limit: 100 }));
  out.pageFarBackOneFeedMs = await timed(() =>
    dispatch(handlers, invoke.messagesList, { feedId: 'feed-3', to: far, limit: 100 }),
  );
  out.firstPageMs = await timed(() => dispatch(handlers, invoke.messagesList, { limit: 100 }));
  out.searchCommonMs = await timed(() =>
    dispatch(handlers, invoke.messagesList, { text: 'shipped warehouse', limit: 100 }),
  );
  out.searchChinese2Ms = await timed(() => dispatch(handlers, invoke.messagesList, { text: '发货', limit: 100 }));

  // Mark one feed read: the answer, and the moment every row is marked.
  const feedRows = Math.round(total / FEEDS);
  t = performance.now();
  const marked = await dispatch(handlers, invoke.messagesMarkRead, { feedId: 'feed-4' });
  out.markFeedReadAnswerMs = round(performance.now() - t);
  if (!marked.ok) throw new Error('mark read failed');
  const unreadLeft = async (): Promise<number> => {
    const page = await dispatch(handlers, invoke.messagesList, { feedId: 'feed-4', unread: true, limit: 1 });
    return page.ok ? (page.data as { items: unknown[] }).items.length : -1;
  };
  while ((await unreadLeft()) !== 0) await new Promise((r) => setTimeout(r, 20));
  out.markFeedReadDoneMs = round(performance.now() - t);
  out.markFeedReadRows = feedRows;
  await core.close();

  // Retention and ingest on the store itself.
  const { db } = openDatabase(dir, { logger: quiet });
  const store = new MessageStore(db);
  // 2,000 rows of each of the 10 feeds.
  const cap = Math.max(0, store.feedMessageCount('feed-5') - 2_000);
  let deleted = 0;
  t = performance.now();
  for (;;) {
    const n = store.pruneStep({ maxPerFeed: cap, maxAgeDays: 36_500 }, Date.now(), PRUNE_CHUNK);
    if (n === 0) break;
    deleted += n;
  }
  out.prunedRows = deleted;
  out.prunePerRowUs = round(((performance.now() - t) * 1000) / Math.max(1, deleted));

  const ids = Array.from({ length: FEEDS }, (_, f) => `feed-${f}`);
  const base = total + 1;
  const n = 200_000;
  const start = Date.now();
  t = performance.now();
  for (let i = 0; i < n; i += 500) {
    const events: FeedEvent[] = [];
    for (let k = i; k < i + 500; k++) {
      const e = eventAt(base + k, ids, start);
      events.push({ ...e, data: e.data.slice(0, 100) });
    }
    store.append(events);
  }
  const ms = performance.now() - t;
  out.ingestEventsPerSecond = Math.round(n / (ms / 1000));
  out.insertPerRowUs = round((ms * 1000) / n);
  db.close();
  return out;
}

async function runChild(args: string[]): Promise<Record<string, number>> {
  return await new Promise((resolve, reject) => {
    const child = fork(__filename, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as Record<string, number>));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`${args[0]} exited ${code}`))));
  });
}

/** The size of the history prefilled in `dir` (measuring changes the row count, so it is written down). */
function prefilledIn(dir: string): number {
  try {
    return Number((JSON.parse(readFileSync(join(dir, 'prefill.json'), 'utf8')) as { messages: number }).messages);
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const total = Number(value('--messages') ?? 1_000_000);
  const keep = args.includes('--keep') || value('--dir') !== undefined;
  const dir = value('--dir') ?? mkdtempSync(join(tmpdir(), 'tidings-scale-'));
  mkdirSync(dir, { recursive: true });
  console.log(`bench:scale — ${total.toLocaleString('en')} messages, ${FEEDS} feeds, ${cpus().length} CPUs`);
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    if (prefilledIn(dir) !== total) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      console.log('prefill', await runChild(['prefill', dir, String(total)]));
      writeFileSync(join(dir, 'prefill.json'), JSON.stringify({ messages: total }));
    } else console.log(`prefill: reusing ${dir} (measurements since have pruned and added rows)`);
    const figures = await runChild(['measure', dir, String(total)]);
    for (const [name, figure] of Object.entries(figures)) console.log(`${name}=${figure}`);
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const [role, dirArg, totalArg] = process.argv.slice(2);
if (role === 'prefill' || role === 'measure') {
  const total = Number(totalArg);
  const job = role === 'prefill' ? Promise.resolve(prefill(dirArg as string, total)) : measure(dirArg as string, total);
  job.then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  void main();
}
