/**
 * bench:ui — the renderer under load. `npm run bench:ui` (builds first, then `tsx tests/bench/ui.ts`). Two runs,
 * each against the real core in the web harness (temp database), with the load generator
 * (tests/bench/bench-server.mjs) in its own process:
 *
 * 1. Latency (issue 9): send → painted at LATENCY_RATE events/s (default 1,000 for 15 s; the first second is
 *    warm-up). The generator writes its send time (wall clock, Date.now()) into each event. Chromium is started
 *    as a plain process with no DevTools session (Playwright's CDP session enables the Network domain, which
 *    slows SSE in the page about tenfold); a probe script served by the harness times each message's paint in
 *    the page and POSTs its samples back (see LATENCY_PROBE). Also printed: the split (send → pushed by the core
 *    → in the page → painted) and the CPU each process used, as a share of a core (from /proc, independent of
 *    the machine's load).
 *
 * 2. Load (issue 13): SEED messages stored first (default 100,000), then the built renderer opens in Chromium
 *    (Playwright) and the feed streams EVENTS_PER_SEC events/s (default 2,000) for SECONDS s. Measured in the page:
 *   - long tasks (PerformanceObserver 'longtask'), target: none over 50 ms
 *   - frame time: requestAnimationFrame deltas while the stream runs (p50/p95/p99/max, and how many frames
 *     came later than one vsync), target p99 ≤ 33 ms; for the whole stream and for its steady state, the frames
 *     after its first second (when the page's live-batch code paths are cold, as in the latency run's warm-up)
 *   - click response: pointer down on a row → the detail pane shows that message, painted (next frame),
 *     target p95 ≤ 50 ms
 *   - search over the history: Enter in the search box → results painted, target p95 ≤ 150 ms
 *   - renderer JS heap (CDP Runtime.getHeapUsage): before, peak, after the stream and after a GC (bounded)
 *   - the CPU each process used during the stream (harness + core, load generator, each Chromium process and the
 *     renderer's threads), as a share of a core
 *   With `--profile PREFIX`: a trace and CPU profile of the stream (PREFIX.trace.json, PREFIX.cpuprofile) and a
 *   summary: main-thread tasks by kind with their thread CPU time, CPU per rendering phase (frame callbacks, style,
 *   layout, paint…), JS self time by function, in the page and on this process's main thread (harness + core,
 *   PREFIX.core.cpuprofile). `TIDINGS_NO_MINIFY=1 npx electron-vite build` first gives the page's functions their
 *   names. The latency run is traced too, by Chromium itself from its start
 *   (--trace-startup: no DevTools session, which would slow SSE in the page), to PREFIX.latency.trace.json.
 *   These are diagnostic runs: tracing costs CPU, so their figures are not the benchmark's.
 *   BENCH_TRACE_EXTRA=cat1,cat2 adds trace categories (e.g. disabled-by-default-v8.cpu_profiler for JS samples
 *   in the latency trace).
 *
 * Prints figures and the machine's load average, not pass/fail (exit code 0 unless the run itself breaks).
 * Flags: --only latency|load, --latency-rate N --latency-seconds N, --seed N --rate N --seconds N, --profile P.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { defaultSettings, type Message } from '../../shared/domain';
import { push } from '../../shared/ipc/channels';
import { chromiumLaunchOptions } from '../support/chromium';
import { startHarness } from '../support/web-harness/index';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i === -1 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const SEED = flag('--seed', 100_000);
const EVENTS_PER_SEC = flag('--rate', 2_000);
const SECONDS = flag('--seconds', 10);
const LAT_RATE = flag('--latency-rate', 1_000);
const LAT_SECONDS = flag('--latency-seconds', 15);
/** The first second of the stream is warm-up (connection, first renders), left out of the figures. */
const LAT_WARMUP = LAT_RATE;
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
/** `--profile PREFIX`: CPU profile and trace of the stream phase (PREFIX.cpuprofile, PREFIX.trace.json, PREFIX.latency.trace.json). */
const PROFILE = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : null;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'].concat(
  process.env.BENCH_TRACE_EXTRA ? process.env.BENCH_TRACE_EXTRA.split(',') : [],
);
const CLICKS = 20;
const SEARCHES = 12;
const SCROLL_SECONDS = 5;
const SCROLL_PX_PER_FRAME = 1200;

const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function loadRun(): Promise<void> {
  const generator = await startGenerator();
  const harness = await startHarness({
    seedFeeds: [
      {
        url: `${generator.base}/ui?seed=${SEED}`,
        name: 'Firehose',
        notify: { mode: 'off', types: [], include: [], exclude: [] },
      },
    ],
  });
  // The stored history, written before the window opens (the engine ingests it as fast as the server sends).
  const seedStart = Date.now();
  for (;;) {
    await harness.core.flush();
    const r = await harness.handlers['tidings:messages:list']({ limit: 1 });
    if (r.ok && (r.data.items[0]?.id ?? 0) >= SEED) break;
    if (Date.now() - seedStart > 120_000) throw new Error('seeding the history took over 2 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
  await harness.core.drainMaintenance();
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const loadBefore = loadavg();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => console.error('bench:ui — the page crashed'));
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;

    await page.goto(harness.url);
    await page.locator('.app[data-sync="ready"]').waitFor();
    await page.locator('[role="option"]').nth(10).waitFor();

    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await heap();

    // In-page probes: frame deltas, pushed message count, click → painted detail.
    await page.evaluate(PROBE);
    let coreSession: Session | null = null;
    if (PROFILE) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
      // This process's main thread too: the harness and the core (not the store's worker threads).
      coreSession = new Session();
      coreSession.connect();
      await coreSession.post('Profiler.enable');
      await coreSession.post('Profiler.setSamplingInterval', { interval: 500 });
      await coreSession.post('Profiler.start');
    }

    const total = EVENTS_PER_SEC * SECONDS;
    let peakHeap = heapBefore;
    let profileSummary = '';
    const cpuBefore = await cpuByProcessType(process.pid);
    const started = Date.now();
    // The load generator paces the stream in its own process (its CPU is not the page's nor the core's).
    const firing = generator.stream(total, EVENTS_PER_SEC);
    const sampling = (async () => {
      while (Date.now() - started < SECONDS * 1000) {
        await new Promise((r) => setTimeout(r, 500));
        peakHeap = Math.max(peakHeap, await heap());
      }
    })();
    // Clicks spread over the run, on rows that are on screen at that moment.
    const clicking = (async () => {
      for (let i = 0; i < CLICKS; i++) {
        await new Promise((r) => setTimeout(r, (SECONDS * 1000) / (CLICKS + 1)));
        const box = await page.locator('.list-scroll').boundingBox();
        if (box) await page.mouse.click(box.x + box.width / 2, box.y + 34 * (3 + (i % 8)) + 17);
      }
    })();
    const [fired] = await Promise.all([firing, sampling, clicking]);
    if (PROFILE) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const trace = await browser.stopTracing();
      await writeFile(`${PROFILE}.cpuprofile`, JSON.stringify(profile));
      await writeFile(`${PROFILE}.trace.json`, trace);
      const core = (await coreSession!.post('Profiler.stop')).profile as CpuProfile;
      coreSession!.disconnect();
      await writeFile(`${PROFILE}.core.cpuprofile`, JSON.stringify(core));
      profileSummary = [
        summariseTrace(JSON.parse(trace.toString('utf8')) as Trace, fired.seconds),
        summariseProfile(profile, 'page JS self time (CPU profile, top 15)'),
        summariseProfile(core, 'harness + core main thread, JS self time (CPU profile, top 15)'),
      ].join('\n');
    }
    const fireSeconds = fired.seconds;
    const cpuAfter = await cpuByProcessType(process.pid);
    const sent = SEED + fired.streamed;

    // Let the pipeline drain, then read the probes.
    const drainStart = Date.now();
    let stored = 0;
    while (Date.now() - drainStart < 30_000) {
      await harness.core.flush();
      const r = await harness.handlers['tidings:messages:list']({ limit: 1 });
      stored = r.ok ? (r.data.items[0]?.id ?? 0) : 0;
      if (stored >= total + SEED) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    const probe = (await page.evaluate(
      `(() => { const b = window.__bench; b.running = false;
        return { deltas: b.deltas, times: b.times, firstAt: b.firstAt, received: b.received, clicks: b.clicks, longTasks: b.longTasks, rows: document.querySelectorAll('[role="option"]').length }; })()`,
    )) as {
      deltas: number[];
      times: number[];
      firstAt: number;
      received: number;
      clicks: number[];
      /** Duration and start (performance.now()) of each long task. */
      longTasks: [number, number][];
      rows: number;
    };
    const heapAfter = await heap();
    const loadDuring = loadavg();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapGc = await heap();

    // Search over the whole history: Enter → the result painted (a row holding the searched number).
    const searchTimes: number[] = [];
    const search = page.locator('#search-input');
    for (let i = 0; i < SEARCHES; i++) {
      // Numbers spread over what retention keeps (the newest maxPerFeed of the feed; older ones are pruned, so
      // searching for them would rightly find nothing).
      const kept = Math.min(SEED + total, defaultSettings.retention.maxPerFeed);
      const seq = SEED + total - 1 - Math.floor(((i + 0.5) / SEARCHES) * kept);
      await search.fill(String(seq));
      const took = (await page.evaluate(`new Promise((resolve) => {
        const input = document.getElementById('search-input');
        const started = performance.now();
        const check = () => {
          // Any listed row holding that number as a word: rows the background index has not reached yet are
          // found by substring (Event 115000 for 15000), and newer ones are listed first.
          const found = [...document.querySelectorAll('[role="option"] .row-summary')]
            .some((row) => /Event ${seq}(?![0-9])/.test(row.textContent));
          const busy = document.querySelector('.list-scroll')?.getAttribute('aria-busy') === 'true';
          if (!busy && found) requestAnimationFrame((t) => resolve(t - started));
          else if (performance.now() - started > 10000) resolve(-1);
          else requestAnimationFrame(check);
        };
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        requestAnimationFrame(check);
      })`)) as number;
      if (took >= 0) searchTimes.push(took);
      else console.error(`bench:ui — search for ${seq} not answered within 10 s`);
    }
    await search.fill('');
    await search.press('Enter');
    await page.locator('.list-scroll[aria-busy="false"]').waitFor();
    const inMemory = (await page.evaluate(
      `document.querySelector('.list-inner')?.getBoundingClientRect().height ?? 0`,
    )) as number;

    // History: fling down through the stored messages for SCROLL_SECONDS; pages load from the database as it goes.
    const scroll = (await page.evaluate(`new Promise((resolve) => {
      const list = document.querySelector('.list-scroll');
      const deltas = [];
      const start = performance.now();
      let last = start;
      const step = (now) => {
        deltas.push(now - last);
        last = now;
        list.scrollTop += ${SCROLL_PX_PER_FRAME};
        if (now - start < ${SCROLL_SECONDS * 1000}) requestAnimationFrame(step);
        else resolve({ deltas, rows: Math.round(document.querySelector('.list-inner').getBoundingClientRect().height / 34) });
      };
      requestAnimationFrame(step);
    })`)) as { deltas: number[]; rows: number };
    const heapScrolled = await heap();

    const frameDeltas = probe.deltas.slice(1).sort((a, b) => a - b);
    const clicks = probe.clicks.slice().sort((a, b) => a - b);
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
    console.log(
      `bench:ui — ${SEED.toLocaleString('en')} stored, then ${EVENTS_PER_SEC.toLocaleString('en')} events/s for ${SECONDS} s into the real core, Chromium ${browser.version()}`,
    );
    console.log(
      `  load average        (1 / 5 / 15 min, 2 cores shared) before ${load(loadBefore)} · end of stream ${load(loadDuring)}`,
    );
    console.log(`  history seeded      ${SEED.toLocaleString('en')} messages in ${seedSeconds.toFixed(1)} s`);
    console.log(
      `  streamed            ${(sent - SEED).toLocaleString('en')} events in ${fireSeconds.toFixed(1)} s (${Math.round((sent - SEED) / fireSeconds).toLocaleString('en')}/s)`,
    );
    console.log(
      `  stored by core      ${stored.toLocaleString('en')} (drained ${drainSeconds.toFixed(1)} s after the stream)`,
    );
    console.log(`  pushed to renderer  ${probe.received.toLocaleString('en')} messages`);
    // The whole stream, and its steady state: the frames after its first second (the page's code paths for live
    // batches are cold then — first renders, the JIT — as the latency run's warm-up second is left out for).
    const steadyDeltas = probe.deltas
      .filter((_, i) => i > 0 && probe.times[i]! > probe.firstAt + 1000)
      .sort((a, b) => a - b);
    const frameLine = (label: string, d: number[]) =>
      `  ${label.padEnd(20)}${d.length} · p50 ${ms(pct(d, 50))} · p95 ${ms(pct(d, 95))} · p99 ${ms(pct(d, 99))} · max ${ms(d.at(-1) ?? NaN)} · ${d.filter((x) => x > 20).length} over one vsync   (target p99 ≤ 33 ms)`;
    console.log(frameLine('frames', frameDeltas));
    console.log(frameLine('  after 1st second', steadyDeltas));
    console.log(
      `  click → painted     ${clicks.length}/${CLICKS} clicks · median ${ms(pct(clicks, 50))} · p95 ${ms(pct(clicks, 95))} · max ${ms(clicks.at(-1) ?? NaN)}   (target p95 ≤ 50 ms)`,
    );
    const searches = searchTimes.slice().sort((a, b) => a - b);
    console.log(
      `  search → painted    ${searches.length} searches over ${(SEED + total).toLocaleString('en')} messages · median ${ms(pct(searches, 50))} · p95 ${ms(pct(searches, 95))} · max ${ms(searches.at(-1) ?? NaN)}   (target p95 ≤ 150 ms)`,
    );
    const long = probe.longTasks.map(([d]) => d).sort((a, b) => a - b);
    // When, from the stream's first message: the first second is the cold start of the live-batch code.
    const when = probe.longTasks.map(
      ([d, at]) => `${Math.round(d)} ms at ${((at - probe.firstAt) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  long tasks (>50 ms) ${long.length} · total ${ms(long.reduce((a, b) => a + b, 0))} · max ${ms(long.at(-1) ?? 0)}${when.length ? ` (${when.join(', ')})` : ''}   (target: none)`,
    );
    console.log(
      `  JS heap             before ${mb(heapBefore)} · peak ${mb(peakHeap)} · after ${mb(heapAfter)} · after GC ${mb(heapGc)}`,
    );
    console.log(
      `  list                ${Math.round(inMemory / 34).toLocaleString('en')} rows in memory (window), ${probe.rows} rendered`,
    );
    const scrollDeltas = scroll.deltas.slice(1).sort((a, b) => a - b);
    console.log(
      `  history fling       ${SCROLL_SECONDS} s at ${SCROLL_PX_PER_FRAME} px/frame → ${scroll.rows.toLocaleString('en')} rows loaded · frames p50 ${ms(pct(scrollDeltas, 50))} · p95 ${ms(pct(scrollDeltas, 95))} · max ${ms(scrollDeltas.at(-1) ?? NaN)} · heap ${mb(heapScrolled)}`,
    );
    console.log(cpuLines(cpuBefore, cpuAfter, fireSeconds).join('\n'));
    if (profileSummary) console.log(profileSummary);
    if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    await harness.close();
    generator.child.kill();
  }
}

/** tests/bench/bench-server.mjs in its own process: the feed's server and the stream's pacing. */
async function startGenerator(): Promise<{
  child: ChildProcess;
  base: string;
  stream(n: number, rps: number): Promise<{ streamed: number; seconds: number }>;
}> {
  const child = fork(resolve(__dirname, 'bench-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)));
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    stream: (n, rps) =>
      new Promise((r) => {
        const onMessage = (m: unknown) => {
          if (typeof m === 'object' && m !== null && 'streamed' in m) {
            child.off('message', onMessage);
            r(m as { streamed: number; seconds: number });
          }
        };
        child.on('message', onMessage);
        child.send({ stream: { n, rps } });
      }),
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}
interface Trace {
  traceEvents: TraceEvent[];
}

/**
 * What the renderer's main thread spent its time on, in figures that do not depend on the machine's load: from the
 * trace, every task's thread CPU time (tdur, not wall time), grouped by what the task was (its first traced child:
 * a push handled, a frame, layout, GC…), and the rendering phases' CPU (the outermost event of each kind).
 */
function summariseTrace(trace: Trace, seconds: number): string {
  const events = trace.traceEvents;
  // The page's renderer: the CrRendererMain thread with the most work (a trace from startup has others).
  const count = new Map<string, number>();
  for (const e of events) if (e.ph === 'X') count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = events
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .sort((a, b) => (count.get(`${b.pid}:${b.tid}`) ?? 0) - (count.get(`${a.pid}:${a.tid}`) ?? 0))[0];
  if (!main) return '  (no renderer main thread in the trace)';
  const lines: string[] = [];
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const groups = new Map<string, { n: number; cpu: number; wall: number; maxCpu: number; maxWall: number }>();
  let task: TraceEvent | null = null;
  let kind = '';
  const close = () => {
    if (!task) return;
    const g = groups.get(kind) ?? { n: 0, cpu: 0, wall: 0, maxCpu: 0, maxWall: 0 };
    const cpu = (task.tdur ?? task.dur!) / 1000;
    const wall = task.dur! / 1000;
    g.n++;
    g.cpu += cpu;
    g.wall += wall;
    g.maxCpu = Math.max(g.maxCpu, cpu);
    g.maxWall = Math.max(g.maxWall, wall);
    groups.set(kind, g);
  };
  for (const e of onMain) {
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      if (task && e.ts < task.ts + task.dur!) continue;
      close();
      task = e;
      kind = '';
    } else if (task && !kind && e.ts < task.ts + task.dur! && e.dur! > 0) kind = e.name;
  }
  close();
  const rows = [...groups.entries()].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 10);
  lines.push('  main-thread tasks (trace; CPU = thread time, independent of load):');
  for (const [name, g] of rows)
    lines.push(
      `    ${(name || '(untraced)').padEnd(26)} ${String(g.n).padStart(6)} tasks · CPU ${g.cpu.toFixed(0).padStart(6)} ms (${(g.cpu / seconds).toFixed(1)} ms/s) · longest CPU ${ms(g.maxCpu)} · longest wall ${ms(g.maxWall)}`,
    );
  // Rendering phases: the outermost event of each name (nested ones of the same name are inside it).
  const phase = (name: string) => {
    let end = -1;
    let cpu = 0;
    let n = 0;
    for (const e of onMain) {
      if (e.name !== name || e.ts < end) continue;
      end = e.ts + e.dur!;
      cpu += (e.tdur ?? e.dur!) / 1000;
      n++;
    }
    return { n, cpu };
  };
  const phases: [string, string][] = [
    ['frame callbacks (JS)', 'FrameRequestCallbackCollection::ExecuteFrameCallbacks'],
    ['style', 'UpdateLayoutTree'],
    ['layout', 'Layout'],
    ['pre-paint', 'PrePaint'],
    ['paint', 'Paint'],
    ['layerize', 'PaintArtifactCompositor::Update'],
    ['commit', 'Commit'],
    ['hit test', 'LayoutView::HitTest'],
    ['pushes received', 'ResponseBodyLoader::OnStateChange'],
    ['garbage collection', 'V8.GC_MC_INCREMENTAL'],
    ['minor GC', 'V8.GCScavenger'],
  ];
  const frames = phase('WebFrameWidgetImpl::BeginMainFrame').n || 1;
  lines.push(`  rendering phases (trace; CPU per frame over ${frames} frames):`);
  for (const [label, name] of phases) {
    const { n, cpu } = phase(name);
    lines.push(
      `    ${label.padEnd(26)} ${String(n).padStart(6)} × · CPU ${cpu.toFixed(0).padStart(6)} ms (${(cpu / seconds).toFixed(1)} ms/s, ${(cpu / frames).toFixed(2)} ms/frame)`,
    );
  }
  return lines.join('\n');
}

/** From the CPU profile, JS self time per function. */
function summariseProfile(profile: CpuProfile, title: string): string {
  const lines: string[] = [];
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  lines.push(`  ${title}:`);
  for (const [name, t] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    lines.push(`    ${t.toFixed(0).padStart(6)} ms  ${name}`);
  return lines.join('\n');
}

/**
 * In-page probes, as source text (tsx would inject helpers into a serialised function): frame deltas, pushed
 * message count, and click → detail shown → next frame painted.
 */
const PROBE = `(() => {
  const bench = { deltas: [], times: [], received: 0, firstAt: 0, clicks: [], longTasks: [], running: true };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push([e.duration, e.startTime]); }).observe({ type: 'longtask' });
  window.__bench = bench;
  window.api.onMessages((batch) => { bench.received += batch.length; bench.firstAt ||= performance.now(); });
  let last = performance.now();
  const frame = (now) => { bench.deltas.push(now - last); bench.times.push(now); last = now; if (bench.running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  document.addEventListener('pointerdown', (event) => {
    const row = event.target.closest('[data-message-id]');
    if (!row) return;
    const id = row.getAttribute('data-message-id');
    const started = event.timeStamp;
    const check = () => {
      if (document.querySelector('aside.detail[data-message-id="' + id + '"]')) {
        requestAnimationFrame((t) => bench.clicks.push(t - started));
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, true);
})()`;

/**
 * In-page probe of the latency run, as source text, served by the harness as /__bench-probe.js before the
 * renderer. No DevTools session drives that page, so it reports by POSTing JSON to the harness (same origin,
 * allowed by the CSP's connect-src 'self'), batched every 250 ms: one small request at a time beside the push
 * stream, far from Chromium's 6 connections per host.
 *   - Its own push listener notes each message's send time (the `t=…;` the load generator wrote into the data)
 *     and when it reached the page.
 *   - A MutationObserver on the document (data-message-id attributes and child lists only, records ignored) runs
 *     as a microtask right after each React commit and reads the rows' data-message-id (about 30 rows): every
 *     pushed message up to the newest row listed is now in the list, on screen or, when its batch was taller
 *     than the screen, just below the fold.
 *   - They are painted by the end of the frame they were committed in (the renderer commits in
 *     requestAnimationFrame) or of the next one: the probe wraps requestAnimationFrame to know whether a frame is
 *     open, and a MessageChannel message posted in the frame runs after its rendering step (style, layout,
 *     paint): latency = that moment − the send time. Idle, it asks for no frames of its own.
 */
const LATENCY_PROBE = `(() => {
  // The wall clock, which the page, the harness and the load generator share (each process's timeOrigin-based
  // clock drifts from the others' by milliseconds); 1 ms resolution.
  const now = () => Date.now();
  let samples = [];
  let committed = [];
  let maxId = 0, seen = 0, onScreen = 0, frames = 0;
  // Pushed, not yet listed: id → [send time, arrival in the page].
  const pending = new Map();
  window.api.onMessages((batch) => {
    const t = now();
    for (const m of batch) {
      const sent = /^t=([0-9.]+);/.exec(m.data);
      if (sent) pending.set(m.id, [Number(sent[1]), t]);
    }
  });
  const longTasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(Math.round(e.duration)); })
      .observe({ type: 'longtask' });
  } catch {}
  const scan = () => {
    let top = maxId;
    for (const row of document.querySelectorAll('.list-inner > [data-message-id]')) {
      const id = Number(row.getAttribute('data-message-id'));
      if (id > maxId) onScreen++;
      if (id > top) top = id;
    }
    if (top === maxId) return;
    maxId = top;
    for (const [id, times] of pending) {
      if (id > top) continue;
      committed.push(id, times[0], times[1]);
      pending.delete(id);
    }
    if (committed.length > 0 && !open && !requested) {
      requested = true;
      raf(() => { requested = false; openFrame(); });
    }
  };
  new MutationObserver(scan).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-message-id'],
  });
  // Frames. The page's requestAnimationFrame callbacks are wrapped so the probe knows when a frame's rendering
  // step is open: from the frame's first callback until a MessageChannel message posted there runs, after the
  // frame's style, layout and paint. Rows committed while a frame is open are painted in it; rows committed
  // between frames are painted in the next one, which the probe requests then.
  const channel = new MessageChannel();
  const raf = window.requestAnimationFrame.bind(window);
  let open = false, requested = false;
  const openFrame = () => {
    if (open) return;
    open = true;
    channel.port2.postMessage(0);
  };
  window.requestAnimationFrame = (callback) => raf((t) => { openFrame(); callback(t); });
  channel.port1.onmessage = () => {
    open = false;
    if (committed.length === 0) return;
    frames++;
    const painted = now();
    for (let i = 0; i < committed.length; i += 3) {
      samples.push(committed[i], painted - committed[i + 1], committed[i + 2] - committed[i + 1]);
    }
    seen += committed.length / 3;
    committed = [];
  };
  setInterval(() => {
    const body = JSON.stringify({ samples, seen, onScreen, frames, longTasks: longTasks.splice(0), maxId });
    samples = [];
    fetch('./api/bench-report', { method: 'POST', body }).catch(() => {});
  }, 250);
})()`;

interface ProbeReport {
  samples: number[];
  seen: number;
  onScreen: number;
  frames: number;
  longTasks: number[];
  maxId: number;
}

/** CPU seconds (user + system) used so far by a process and its descendants, per Chromium process type. */
async function cpuByProcessType(rootPid: number): Promise<Map<string, number>> {
  const tick = 100; // USER_HZ on Linux
  const procs: { pid: number; ppid: number; cpu: number; type: string }[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = await readFile(`/proc/${name}/cmdline`, 'utf8');
      const args = cmd.split('\0');
      const chromium = /chrom/.test(args[0] ?? '');
      // Node processes (the harness with the core, the load generator) by their script's name.
      const script = args
        .filter((a) => /\.(m?js|ts)$/.test(a))
        .pop()
        ?.split('/')
        .pop();
      const type = chromium ? (/--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser') : `node ${script ?? args[0]}`;
      const sub = /--utility-sub-type=([a-zA-Z.]+)/.exec(cmd)?.[1];
      procs.push({
        pid: Number(name),
        ppid: Number(f[1]),
        cpu: (Number(f[11]) + Number(f[12])) / tick,
        type: sub ? `${type} ${sub.split('.').pop()}` : type,
      });
    } catch {
      // gone meanwhile
    }
  }
  const mine = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  const out = new Map<string, number>();
  for (const p of procs) {
    if (!mine.has(p.pid)) continue;
    out.set(p.type, (out.get(p.type) ?? 0) + p.cpu);
    if (p.type !== 'renderer' && p.pid !== process.pid) continue;
    // Per thread: the renderer (main: JS, style, layout, paint; compositor; raster workers…) and this process.
    for (const task of await readdir(`/proc/${p.pid}/task`).catch(() => [] as string[])) {
      try {
        const stat = await readFile(`/proc/${p.pid}/task/${task}/stat`, 'utf8');
        const thread = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // The renderer's threads by name; this process's (the harness and the core: main, the store worker, its
        // checkpoint thread, V8's helpers — all named "node") by id.
        const key =
          p.type === 'renderer'
            ? `renderer:${thread}`
            : `harness:${task === String(p.pid) ? 'main' : `thread ${task}`}`;
        out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) / tick);
      } catch {
        // gone meanwhile
      }
    }
  }
  return out;
}

/**
 * The CPU each process (and each of the renderer's threads) used between two cpuByProcessType readings, as a
 * share of one core: two lines. `harnessSeconds`, when given, is this process's own CPU (the harness with the
 * core), which the latency run measures apart because Chromium is not its child there.
 */
function cpuLines(
  before: Map<string, number>,
  after: Map<string, number>,
  seconds: number,
  harnessSeconds?: number,
): string[] {
  const cpu = [...after.entries()]
    .map(([type, a]) => [type, (a - (before.get(type) ?? 0)) / seconds] as const)
    .filter(([, share]) => share >= 0.005)
    .sort((a, b) => b[1] - a[1]);
  const list = (rows: (readonly [string, number])[]) =>
    rows.map(([type, share]) => `${type.replace(/^(renderer|harness):/, '')} ${share.toFixed(2)}`).join(' · ');
  const harness = harnessSeconds === undefined ? '' : `harness + core ${(harnessSeconds / seconds).toFixed(2)} · `;
  return [
    `  CPU (share of a core, independent of load) ${harness}${list(cpu.filter(([type]) => !type.includes(':')))}`,
    `  renderer threads    ${list(cpu.filter(([type]) => type.startsWith('renderer:')))}`,
    `  harness threads     ${list(cpu.filter(([type]) => type.startsWith('harness:')))}`,
  ];
}

/**
 * Send → painted at LAT_RATE events/s, in a Chromium tab that no DevTools session drives: Playwright's CDP
 * session enables the Network domain, which slows SSE in the page about tenfold, so Chromium is started as a
 * plain process (no --remote-debugging-port) and the page reports through the harness (see LATENCY_PROBE). The
 * load generator is tests/bench/bench-server.mjs in its own process, writing its send time into each event.
 */
async function latencyRun(): Promise<void> {
  const n = LAT_RATE * LAT_SECONDS;
  const generator = await startGenerator();
  const samples: [id: number, painted: number, arrived: number][] = [];
  let last: ProbeReport | null = null;
  const longTasks: number[] = [];
  let reports = 0;
  const harness = await startHarness({
    probe: {
      script: LATENCY_PROBE,
      onReport: (r) => {
        const report = r as ProbeReport;
        reports++;
        for (let i = 0; i < report.samples.length; i += 3)
          samples.push([report.samples[i]!, report.samples[i + 1]!, report.samples[i + 2]!]);
        longTasks.push(...report.longTasks);
        last = report;
      },
    },
  });
  // The engine's part, as bench:engine measures it: send → the core's push sink (what the window's IPC receives).
  const pushedLat: number[] = [];
  const offPush = harness.core.onPush((channel, payload) => {
    if (channel !== push.messages) return;
    const at = Date.now();
    for (const m of payload as Message[]) {
      const sentAt = /^t=([0-9.]+);/.exec(m.data);
      const seq = Number(m.id);
      if (sentAt && seq > LAT_WARMUP) pushedLat.push(at - Number(sentAt[1]));
    }
  });
  const profileDir = await mkdtemp(join(tmpdir(), 'tidings-bench-chromium-'));
  const chromiumPath = chromiumLaunchOptions.executablePath ?? '/usr/bin/chromium';
  const browser = spawn(
    chromiumPath,
    [
      '--headless=new',
      ...(chromiumLaunchOptions.args ?? []),
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      `--user-data-dir=${profileDir}`,
      '--window-size=1280,800',
      // --profile: a trace of the whole latency run, written by Chromium itself (no DevTools session).
      ...(PROFILE
        ? [
            `--trace-startup=${TRACE_CATEGORIES.join(',')}`,
            `--trace-startup-file=${resolve(`${PROFILE}.latency.trace.json`)}`,
            `--trace-startup-duration=${LAT_SECONDS + 12}`,
            '--trace-startup-format=json',
          ]
        : []),
      harness.url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let browserErr = '';
  browser.stderr?.on('data', (d: Buffer) => (browserErr = (browserErr + d.toString()).slice(-2000)));
  const loadBefore = loadavg();
  try {
    const until = async (what: string, ok: () => boolean, timeoutMs: number) => {
      const t0 = Date.now();
      while (!ok()) {
        if (Date.now() - t0 > timeoutMs) throw new Error(`latency run: ${what} within ${timeoutMs} ms\n${browserErr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // The page is up when its probe reports and the renderer asked for its snapshot.
    await until('the page did not load', () => reports > 0 && harness.invokes.length > 0, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    const added = await harness.handlers['tidings:feeds:add']({
      name: 'Rate',
      url: `${generator.base}/rate?n=${n}&rps=${LAT_RATE}&clock=wall`,
      headers: [],
      eventTypes: [],
      notify: { mode: 'off', types: [], include: [], exclude: [] },
      idleTimeoutSec: 45,
      enabled: true,
    });
    if (!added.ok) throw new Error(added.error.message);
    const started = Date.now();
    const cpuBefore = await cpuByProcessType(browser.pid!);
    const harnessCpuBefore = process.cpuUsage();
    await until(
      `not all ${n} events were stored`,
      () => {
        harness.core.flush();
        return (last?.maxId ?? 0) >= n;
      },
      LAT_SECONDS * 1000 + 60_000,
    );
    const seconds = (Date.now() - started) / 1000;
    const cpuAfter = await cpuByProcessType(browser.pid!);
    const harnessCpu = process.cpuUsage(harnessCpuBefore);
    await new Promise((r) => setTimeout(r, 600));
    const loadAfter = loadavg();
    const report = last as ProbeReport | null;
    const timed = samples.filter(([id]) => id > LAT_WARMUP);
    const lat = timed.map(([, l]) => l).sort((a, b) => a - b);
    const toPage = timed.map(([, , a]) => a).sort((a, b) => a - b);
    const inPage = timed.map(([, l, a]) => l - a).sort((a, b) => a - b);
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
    console.log(
      `bench:ui latency — send → painted, ${n.toLocaleString('en')} events at ${LAT_RATE.toLocaleString('en')}/s from bench-server.mjs (own process), Chromium as a plain process (no DevTools session)`,
    );
    console.log(
      `  load average        (1 / 5 / 15 min, 2 cores shared) before ${load(loadBefore)} · after ${load(loadAfter)}`,
    );
    console.log(
      `  timed               ${lat.length.toLocaleString('en')} events (the first ${LAT_WARMUP.toLocaleString('en')}, 1 s, left out) · ${(report?.onScreen ?? 0).toLocaleString('en')} of ${(report?.seen ?? 0).toLocaleString('en')} listed on screen, the rest below the fold (a batch taller than the screen) · ${seconds.toFixed(1)} s`,
    );
    console.log(
      `  send → painted      p50 ${ms(pct(lat, 50))} · p90 ${ms(pct(lat, 90))} · p99 ${ms(pct(lat, 99))} · max ${ms(lat.at(-1) ?? NaN)}   (target p99 ≤ 35 ms)  p99ms=${pct(lat, 99).toFixed(1)}`,
    );
    const pushed = pushedLat.sort((a, b) => a - b);
    console.log(
      `  split               send → pushed by the core p50 ${ms(pct(pushed, 50))} · p99 ${ms(pct(pushed, 99))}; send → in the page p50 ${ms(pct(toPage, 50))} · p99 ${ms(pct(toPage, 99))}; in the page → painted p50 ${ms(pct(inPage, 50))} · p99 ${ms(pct(inPage, 99))}`,
    );
    console.log(cpuLines(cpuBefore, cpuAfter, seconds, (harnessCpu.user + harnessCpu.system) / 1e6).join('\n'));
    const long = longTasks.slice().sort((a, b) => a - b);
    console.log(
      `  page                ${report?.frames ?? 0} frames painted new rows · long tasks ${long.length}, max ${ms(long.at(-1) ?? 0)}`,
    );
    if (PROFILE) {
      // Chromium writes the trace when its duration ends (counted from its start).
      const file = resolve(`${PROFILE}.latency.trace.json`);
      await until('Chromium did not write its trace', () => existsSync(file), 30_000);
      await new Promise((r) => setTimeout(r, 3000));
      const trace = JSON.parse(await readFile(file, 'utf8')) as Trace;
      console.log(summariseTrace(trace, seconds));
    }
  } finally {
    offPush();
    browser.kill();
    await new Promise((r) => (browser.exitCode !== null ? r(null) : browser.once('exit', r)));
    await harness.close();
    generator.child.kill();
    await rm(profileDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (ONLY !== 'load') await latencyRun();
  if (ONLY !== 'latency') await loadRun();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
