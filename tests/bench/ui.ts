/**
 * bench:ui — the renderer under a firehose. `npm run bench:ui` (builds first, then `tsx tests/bench/ui.ts`).
 * Debian's Chromium opens the built renderer through the web harness (real core, temp database); the loopback
 * test server streams EVENTS_PER_SEC events/s for SECONDS s into one feed. Measured in the page:
 *   - frame time: requestAnimationFrame deltas while the stream runs (p50/p95/p99/max), target p95 ≤ 50 ms
 *   - click response: pointer down on a row → the detail pane shows that message, painted (next frame), ≤ 100 ms
 *   - renderer JS heap (CDP Runtime.getHeapUsage): before, peak, after the stream and after a GC
 * Prints figures, not pass/fail (exit code 0 unless the run itself breaks). Flags: --rate N --seconds N.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { startSseServer } from '../support/sse-server';
import { startHarness } from '../support/web-harness/index';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i === -1 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const EVENTS_PER_SEC = flag('--rate', 20_000);
const SECONDS = flag('--seconds', 10);
const TICK_MS = 10;
const CLICKS = 6;
const SCROLL_SECONDS = 5;
const SCROLL_PX_PER_FRAME = 1200;

const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const sse = await startSseServer({ maxReplay: 1000 });
  const harness = await startHarness({
    seedFeeds: [
      { url: `${sse.url}/firehose`, name: 'Firehose', notify: { mode: 'off', types: [], include: [], exclude: [] } },
    ],
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;

    await page.goto(harness.url);
    await page.locator('.app[data-sync="ready"]').waitFor();
    await sse.waitForClients(1, { path: '/firehose', timeoutMs: 10_000 });
    // A few messages so there are rows to click from the start.
    await sse.writeRaw(frames(0, 50), { path: '/firehose' });
    await page.locator('[role="option"]').nth(10).waitFor();

    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = await heap();

    // In-page probes: frame deltas, pushed message count, click → painted detail.
    await page.evaluate(PROBE);

    const total = EVENTS_PER_SEC * SECONDS;
    const perTick = Math.round((EVENTS_PER_SEC * TICK_MS) / 1000);
    let sent = 50;
    let peakHeap = heapBefore;
    const started = Date.now();
    const firing = (async () => {
      let next = Date.now();
      while (sent < total + 50) {
        const n = Math.min(perTick, total + 50 - sent);
        void sse.writeRaw(frames(sent, n), { path: '/firehose' });
        sent += n;
        next += TICK_MS;
        const wait = next - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else await new Promise((r) => setImmediate(r));
      }
    })();
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
        if (box) await page.mouse.click(box.x + box.width / 2, box.y + 34 * (3 + i) + 17);
      }
    })();
    await Promise.all([firing, sampling, clicking]);
    const fireSeconds = (Date.now() - started) / 1000;

    // Let the pipeline drain, then read the probes.
    const drainStart = Date.now();
    let stored = 0;
    while (Date.now() - drainStart < 30_000) {
      harness.core.flush();
      const r = await harness.handlers['tidings:messages:list']({ limit: 1 });
      stored = r.ok ? (r.data.items[0]?.id ?? 0) : 0;
      if (stored >= total + 50) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    const probe = (await page.evaluate(
      `(() => { const b = window.__bench; b.running = false;
        return { deltas: b.deltas, received: b.received, clicks: b.clicks, longTasks: b.longTasks, rows: document.querySelectorAll('[role="option"]').length }; })()`,
    )) as { deltas: number[]; received: number; clicks: number[]; longTasks: number[]; rows: number };
    const heapAfter = await heap();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapGc = await heap();
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
    console.log(
      `bench:ui — ${EVENTS_PER_SEC.toLocaleString('en')} events/s for ${SECONDS} s into the real core, Chromium ${browser.version()}`,
    );
    console.log(
      `  sent                ${sent.toLocaleString('en')} events in ${fireSeconds.toFixed(1)} s (${Math.round(sent / fireSeconds).toLocaleString('en')}/s)`,
    );
    console.log(
      `  stored by core      ${stored.toLocaleString('en')} (drained ${drainSeconds.toFixed(1)} s after the stream)`,
    );
    console.log(`  pushed to renderer  ${probe.received.toLocaleString('en')} messages`);
    console.log(
      `  frames              ${frameDeltas.length} · p50 ${ms(pct(frameDeltas, 50))} · p95 ${ms(pct(frameDeltas, 95))} · p99 ${ms(pct(frameDeltas, 99))} · max ${ms(frameDeltas.at(-1) ?? NaN)}   (target p95 ≤ 50 ms)`,
    );
    console.log(
      `  click → painted     ${clicks.length}/${CLICKS} clicks · median ${ms(pct(clicks, 50))} · max ${ms(clicks.at(-1) ?? NaN)}   (target ≤ 100 ms)`,
    );
    const long = probe.longTasks.slice().sort((a, b) => a - b);
    console.log(
      `  long tasks (>50 ms) ${long.length} · total ${ms(long.reduce((a, b) => a + b, 0))} · max ${ms(long.at(-1) ?? 0)}`,
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
    if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    await harness.close();
    await sse.close();
  }
}

/**
 * In-page probes, as source text (tsx would inject helpers into a serialised function): frame deltas, pushed
 * message count, and click → detail shown → next frame painted.
 */
const PROBE = `(() => {
  const bench = { deltas: [], received: 0, clicks: [], longTasks: [], running: true };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  window.__bench = bench;
  window.api.onMessages((batch) => { bench.received += batch.length; });
  let last = performance.now();
  const frame = (now) => { bench.deltas.push(now - last); last = now; if (bench.running) requestAnimationFrame(frame); };
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

/** n SSE events as one chunk: JSON data with a title, like a busy notification feed. */
function frames(from: number, n: number): string {
  let out = '';
  for (let i = from; i < from + n; i++) {
    out += `id: e-${i}\nevent: ${i % 7 === 0 ? 'alert' : 'message'}\ndata: {"title":"Event ${i}","level":"${i % 3 ? 'info' : 'warn'}","seq":${i}}\n\n`;
  }
  return out;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
