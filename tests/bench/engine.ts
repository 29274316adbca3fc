/**
 * Engine benchmark: `npm run bench:engine`. Prints figures from one run (not pass/fail):
 *  (a) durable ingest throughput through the real core (loopback server → FeedHub → ingest → SQLite → push sink)
 *      for 200k × 100 B and 50k × 1 KB events, next to raw `eventsource` consumption of the same stream, with the
 *      main event loop's delay meanwhile (loopP50Ms, loopP99Ms, loopMaxMs: perf_hooks.monitorEventLoopDelay), and
 *      how fast a search and opening a message are answered during the burst (searchP50Ms/searchMaxMs,
 *      openP50Ms/openMaxMs, over `requests` of each, one every 200 ms);
 *  (b) latency from server send to stored-and-pushed at 1k events/s (p50/p99);
 *  (c) process RSS with 1M stored messages (prefilled, then a fresh process runs the core), with search latency
 *      (English words, and a 2-character Chinese word through the index: every 10th message is Chinese);
 *  (d) CPU % and RSS with 200 idle feeds (connected, heartbeat comments only) over ~20 s.
 * Every phase runs in its own process so memory and CPU figures are its own; the SSE load generator runs in
 * another process (tests/bench/bench-server.mjs).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { EventSource } from 'eventsource';
import Database from 'libsql';
import type { Message } from '../../shared/domain';
import { invoke, push } from '../../shared/ipc/channels';
import { createCore, dispatch, type CoreInstance } from '../../electron/main/core/index';
import { openDatabase } from '../../electron/main/core/store/database';
import { FeedStore } from '../../electron/main/core/store/feed-store';
import { MessageStore } from '../../electron/main/core/store/message-store';
import { historyEvent, host, noSecrets, quiet } from './bench-support';

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function feedInput(url: string, name = 'bench') {
  return {
    name,
    url,
    headers: [],
    eventTypes: [],
    notify: { mode: 'off' as const, types: [], include: [], exclude: [] },
    idleTimeoutSec: 3600,
    enabled: true,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await sleep(2);
  }
}

async function openCore(dataDir: string): Promise<CoreInstance> {
  const core = await createCore({ dataDir, secrets: noSecrets, logger: quiet, version: 'bench' });
  // Keep every event: the default retention (100k per feed) would prune during the 200k run.
  core.updateSettings({ retention: { maxPerFeed: 10_000_000, maxAgeDays: 36_500 } });
  return core;
}

// ------------------------------------------------------------------------------------------------ phases

type PhaseResult = Record<string, number | string>;

async function phaseIngest(base: string, n: number, size: number): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-'));
  try {
    const core = await openCore(dir);
    let pushed = 0;
    let stored = 0;
    let lastId = 0;
    core.onDidStoreMessages((m) => {
      stored += m.length;
      lastId = m[m.length - 1]?.id ?? lastId;
    });
    // Requests from the window during the burst: a search and opening the newest message, every 200 ms.
    const handlers = core.createHandlers(host);
    const searchMs: number[] = [];
    const openMs: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        await sleep(200);
        if (!probing || lastId === 0) continue;
        let t = now();
        const word = String(Math.floor(stored / 2)).padStart(11, '0');
        const found = await dispatch(handlers, invoke.messagesList, { text: word, limit: 50 });
        if (found.ok) searchMs.push(now() - t);
        t = now();
        const opened = await dispatch(handlers, invoke.messagesGet, { id: lastId });
        if (opened.ok) openMs.push(now() - t);
      }
    })();
    core.onPush((channel, payload) => {
      if (channel === push.messages) pushed += (payload as Message[]).length;
    });
    // The main event loop's delay while the burst is stored: what a request from the window or a tray click waits.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const started = now();
    await core.addFeedFromUrl(`${base}/burst?n=${n}&size=${size}`);
    let walPeak = 0;
    await waitUntil(
      () => {
        try {
          walPeak = Math.max(walPeak, statSync(`${core.dbPath}-wal`).size);
        } catch {
          // no WAL yet
        }
        return pushed >= n;
      },
      300_000,
      'all events pushed',
    );
    const elapsed = now() - started;
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    probing = false;
    await probe;
    const loopMs = (ns: number): number => +(ns / 1e6).toFixed(1);
    const lag = await core.searchIndexLag();
    const count = await dispatch(handlers, invoke.messagesList, { limit: 1 });
    await core.close();
    const again = openDatabase(dir, { logger: quiet });
    const durable = new MessageStore(again.db).count();
    again.db.close();
    return {
      events: n,
      size,
      seconds: +(elapsed / 1000).toFixed(2),
      eventsPerSec: Math.round(n / (elapsed / 1000)),
      stored,
      durableRows: durable,
      searchIndexLagAtEnd: lag,
      walPeakMB: mb(walPeak),
      cpuPct: Math.round(((cpu.user + cpu.system) / 1000 / elapsed) * 100),
      cpuUsPerEvent: +((cpu.user + cpu.system) / n).toFixed(1),
      newestOk: count.ok ? 'yes' : 'no',
      loopP50Ms: loopMs(loop.percentile(50)),
      loopP99Ms: loopMs(loop.percentile(99)),
      loopMaxMs: loopMs(loop.max),
      // Answered during the burst (ms): median and slowest of `requests` searches and message opens.
      requests: searchMs.length,
      searchP50Ms: +median(searchMs).toFixed(1),
      searchMaxMs: +Math.max(0, ...searchMs).toFixed(1),
      openP50Ms: +median(openMs).toFixed(1),
      openMaxMs: +Math.max(0, ...openMs).toFixed(1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function phaseRaw(base: string, n: number, size: number): Promise<PhaseResult> {
  let received = 0;
  const cpu0 = process.cpuUsage();
  const started = now();
  const source = new EventSource(`${base}/burst?n=${n}&size=${size}`);
  source.onmessage = () => {
    received++;
  };
  await waitUntil(() => received >= n, 300_000, 'raw eventsource');
  const elapsed = now() - started;
  source.close();
  const cpu = process.cpuUsage(cpu0);
  return {
    events: n,
    size,
    seconds: +(elapsed / 1000).toFixed(2),
    eventsPerSec: Math.round(n / (elapsed / 1000)),
    cpuUsPerEvent: +((cpu.user + cpu.system) / n).toFixed(1),
  };
}

async function phaseLatency(base: string, n: number, rps: number): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-'));
  try {
    const core = await openCore(dir);
    const latencies: number[] = [];
    // The same path split at the engine's receive time (ms resolution): server send → read from the socket (the
    // OS and the scheduler) and read → stored and pushed (the engine).
    const wire: number[] = [];
    const engine: number[] = [];
    core.onPush((channel, payload) => {
      if (channel !== push.messages) return;
      const at = now();
      for (const m of payload as Message[]) {
        const t = Number(m.data.slice(2, m.data.indexOf(';')));
        latencies.push(at - t);
        wire.push(m.receivedAt - t);
        engine.push(at - m.receivedAt);
      }
    });
    await core.addFeedFromUrl(`${base}/rate?n=${n}&rps=${rps}`);
    await waitUntil(() => latencies.length >= n, 60_000, 'latency events');
    await core.close();
    const skip = Math.min(200, Math.floor(n / 10));
    const pct = (values: number[], p: number): number => {
      const warm = values.slice(skip).sort((a, b) => a - b);
      return +(warm[Math.min(warm.length - 1, Math.floor((p / 100) * warm.length))] ?? NaN).toFixed(1);
    };
    return {
      events: n,
      rps,
      p50ms: pct(latencies, 50),
      p90ms: pct(latencies, 90),
      p99ms: pct(latencies, 99),
      maxMs: pct(latencies, 100),
      wireP99ms: pct(wire, 99),
      engineP99ms: pct(engine, 99),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fills a data folder with `total` messages over `feeds` feeds (directly through the store), index built. */
async function phasePrefill(base: string, dir: string, total: number, feeds: number): Promise<PhaseResult> {
  const started = now();
  const { db } = openDatabase(dir, { logger: quiet });
  const feedStore = new FeedStore(db, noSecrets);
  const ids: string[] = [];
  for (let f = 0; f < feeds; f++) {
    ids.push(feedStore.create(feedInput(`${base}/idle/prefill-${f}?hb=5000`, `feed ${f}`), `feed-${f}`, Date.now()).id);
  }
  const store = new MessageStore(db);
  const batch = 5000;
  const t0 = Date.now() - total * 2;
  for (let i = 0; i < total; i += batch) {
    const events = [];
    for (let k = i; k < Math.min(total, i + batch); k++) {
      events.push(historyEvent(k, ids, t0, 2));
    }
    store.append(events);
  }
  const inserted = now();
  while (store.indexStep(50_000) > 0);
  const indexed = now();
  db.close();
  return {
    messages: total,
    insertSeconds: +((inserted - started) / 1000).toFixed(1),
    indexSeconds: +((indexed - inserted) / 1000).toFixed(1),
  };
}

async function phaseRss(dir: string): Promise<PhaseResult> {
  const started = now();
  const core = await openCore(dir);
  const openMs = now() - started;
  const handlers = core.createHandlers(host);
  const snapshot = await dispatch(handlers, invoke.appSnapshot, undefined);
  if (!snapshot.ok) throw new Error('snapshot failed');
  const t1 = now();
  const search = await dispatch(handlers, invoke.messagesList, { text: 'shipped warehouse', limit: 100 });
  const searchMs = now() - t1;
  // Chinese through the index: a 2-character word inside runs (10% of rows match), and one that matches nothing.
  const tz = now();
  const cjk = await dispatch(handlers, invoke.messagesList, { text: '发货', limit: 100 });
  const cjkSearchMs = now() - tz;
  const tm = now();
  const cjkMiss = await dispatch(handlers, invoke.messagesList, { text: '退款', limit: 100 });
  const cjkMissMs = now() - tm;
  // For comparison, what a Chinese query cost before CJK text was indexed: a scan of every row (own connection).
  const reader = new Database(core.dbPath, { readonly: true });
  const ts = now();
  reader
    .prepare('SELECT id FROM messages WHERE instr(lower(data), lower(?)) > 0 ORDER BY id DESC LIMIT 101')
    .raw()
    .all('退款');
  const cjkMissScanMs = now() - ts;
  reader.close();
  const t2 = now();
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const r = await dispatch(handlers, invoke.messagesList, { feedId: 'feed-3', limit: 200, cursor });
    if (!r.ok) throw new Error('list failed');
    cursor = (r.data as { next: string | null }).next;
  }
  const pagingMs = (now() - t2) / 20;
  // Worst cases: filters no index serves, matching nothing (a full scan of 1M rows).
  const t3 = now();
  await dispatch(handlers, invoke.messagesList, { type: 'no-such-type', limit: 100 });
  const rareTypeMs = now() - t3;
  const t4 = now();
  await dispatch(handlers, invoke.messagesList, { to: 1, limit: 100 });
  const oldRangeMs = now() - t4;
  await waitUntil(
    () => core.statuses().filter((s) => s.state === 'open').length === core.feeds().length,
    20_000,
    'feeds open',
  );
  await sleep(3000);
  const rss = process.memoryUsage().rss;
  await core.close();
  return {
    messages: (snapshot.data as { messages: { items: unknown[] } }).messages.items.length ? 1_000_000 : 0,
    openMs: Math.round(openMs),
    searchMs: +searchMs.toFixed(1),
    searchHits: search.ok ? (search.data as { items: unknown[] }).items.length : -1,
    cjk2SearchMs: +cjkSearchMs.toFixed(1),
    cjk2SearchHits: cjk.ok ? (cjk.data as { items: unknown[] }).items.length : -1,
    cjk2MissMs: +cjkMissMs.toFixed(1),
    cjk2MissHits: cjkMiss.ok ? (cjkMiss.data as { items: unknown[] }).items.length : -1,
    cjk2MissScanMs: Math.round(cjkMissScanMs),
    pageMs: +pagingMs.toFixed(2),
    rareTypeScanMs: Math.round(rareTypeMs),
    oldTimeRangeMs: Math.round(oldRangeMs),
    rssMB: mb(rss),
  };
}

async function phaseIdle(base: string, feeds: number, seconds: number): Promise<PhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-'));
  try {
    const core = await openCore(dir);
    for (let f = 0; f < feeds; f++) await core.addFeedFromUrl(`${base}/idle/feed-${f}?hb=2000`);
    await waitUntil(
      () => core.statuses().filter((s) => s.state === 'open').length === feeds,
      60_000,
      'idle feeds open',
    );
    await sleep(2000);
    const cpu0 = process.cpuUsage();
    const t0 = now();
    let peakRss = 0;
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await sleep(500);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const cpu = process.cpuUsage(cpu0);
    const elapsed = now() - t0;
    const open = core.statuses().filter((s) => s.state === 'open').length;
    await core.close();
    return {
      feeds,
      open,
      seconds: Math.round(elapsed / 1000),
      cpuPct: +(((cpu.user + cpu.system) / 1000 / elapsed) * 100).toFixed(2),
      rssMB: mb(peakRss),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------ orchestration

async function runPhaseOnce(args: string[]): Promise<PhaseResult | null> {
  const resultFile = join(tmpdir(), `tidings-bench-result-${process.pid}-${Date.now()}.json`);
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--expose-gc', resolve(process.argv[1] as string), '--phase', ...args],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TIDINGS_BENCH_RESULT: resultFile } },
  );
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  try {
    if (code !== 0) throw new Error(`phase ${args[0]} failed (exit ${code})`);
    return JSON.parse(readFileSync(resultFile, 'utf8')) as PhaseResult;
  } catch (error) {
    console.error(`  (phase ${args[0]}: ${error instanceof Error ? error.message : String(error)})`);
    return null;
  } finally {
    rmSync(resultFile, { force: true });
  }
}

/** Runs a phase in a fresh process; one retry if the process died without a result. */
async function runPhase(args: string[]): Promise<PhaseResult> {
  const first = await runPhaseOnce(args);
  if (first) return first;
  const second = await runPhaseOnce(args);
  if (second) return { ...second, note: 'second attempt' };
  throw new Error(`phase ${args[0]} produced no result twice`);
}

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(resolve(__dirname, 'bench-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)));
  return { child, base: `http://127.0.0.1:${port}` };
}

function row(label: string, r: PhaseResult): void {
  console.log(
    `  ${label.padEnd(34)} ${Object.entries(r)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  );
}

async function orchestrate(): Promise<void> {
  // `--only a,c` runs a subset (a ingest, b latency, c 1M stored, d idle feeds).
  const onlyArg = process.argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
  const want = (part: string): boolean => only === null || only.has(part);
  const { child, base } = await startServer();
  const started = Date.now();
  try {
    console.log(`Tidings engine benchmark — node ${process.version}, ${new Date().toISOString()}`);
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (want('a')) console.log('(a) durable ingest throughput (stored + pushed) vs raw eventsource');
    for (const [n, size] of (want('a')
      ? [
          [200_000, 100],
          [50_000, 1024],
        ]
      : []) as [number, number][]) {
      const core = await runPhase(['ingest', base, String(n), String(size)]);
      const raw = await runPhase(['raw', base, String(n), String(size)]);
      row(`core ${n} × ${size} B`, core);
      row(`raw eventsource ${n} × ${size} B`, raw);
      console.log(`  ratio core/raw: ${(Number(core.eventsPerSec) / Number(raw.eventsPerSec)).toFixed(2)}`);
    }
    if (want('b')) {
      console.log('(b) latency server send → stored and pushed, 1k events/s');
      row('latency 5000 @ 1000/s', await runPhase(['latency', base, '5000', '1000']));
    }
    if (want('c')) {
      console.log(
        '(c) RSS with 1M stored messages; search latency (English; 2-character Chinese 发货 / 退款 via the index)',
      );
      const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-1m-'));
      try {
        row('prefill (store API, index built)', await runPhase(['prefill', base, dir, '1000000', '10']));
        row('core on 1M messages, 10 feeds', await runPhase(['rss', dir]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    if (want('d')) {
      console.log('(d) 200 idle feeds, heartbeat comments every 2 s');
      row('idle 200 feeds', await runPhase(['idle', base, '200', '20']));
    }
    console.log(
      `total ${Math.round((Date.now() - started) / 1000)} s; load average now ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--phase');
  if (i === -1) return orchestrate();
  const [phase, ...args] = process.argv.slice(i + 1);
  let result: PhaseResult;
  switch (phase) {
    case 'ingest':
      result = await phaseIngest(args[0] as string, Number(args[1]), Number(args[2]));
      break;
    case 'raw':
      result = await phaseRaw(args[0] as string, Number(args[1]), Number(args[2]));
      break;
    case 'latency':
      result = await phaseLatency(args[0] as string, Number(args[1]), Number(args[2]));
      break;
    case 'prefill':
      result = await phasePrefill(args[0] as string, args[1] as string, Number(args[2]), Number(args[3]));
      break;
    case 'rss':
      result = await phaseRss(args[0] as string);
      break;
    case 'idle':
      result = await phaseIdle(args[0] as string, Number(args[1]), Number(args[2]));
      break;
    default:
      throw new Error(`unknown phase ${phase}`);
  }
  writeFileSync(
    process.env.TIDINGS_BENCH_RESULT ?? join(tmpdir(), 'tidings-bench-result.json'),
    JSON.stringify(result),
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
