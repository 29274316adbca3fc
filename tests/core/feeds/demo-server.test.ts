/**
 * `npm run demo-server` as users start it: it serves the app's built-in demo stream (core/demo, not a copy of its
 * generators), prints its feed URLs, and the feeds really stream (ticker, JSON notifications, named events) to the
 * hub.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DEMO_PATHS, DEMO_PREFIX, isDemoUrl } from '../../../electron/main/core/demo/demo-stream';
import { feed, makeHub, waitFor, type Recorder } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
let child: ChildProcess | null = null;
let rec: Recorder | null = null;

afterEach(async () => {
  rec?.hub.close();
  rec = null;
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  child = null;
});

test('starts, prints the feed URLs, and streams ticker, notifications and named events', async () => {
  child = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'tests', 'support', 'demo-server.ts'), '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await waitFor(() => /Ctrl\+C/.test(out), 'demo server banner', 15_000);
  const base = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  // The app's demo paths, so a feed added from this server is the demo stream the app itself would run.
  for (const path of DEMO_PATHS) {
    expect(out).toContain(`${base}${DEMO_PREFIX}${path}`);
    expect(isDemoUrl(`${base}${DEMO_PREFIX}${path}`)).toBe(true);
  }
  rec = makeHub();
  rec.hub.upsert(feed('ticker', `${base}${DEMO_PREFIX}ticker`));
  rec.hub.upsert(feed('notify', `${base}${DEMO_PREFIX}notify`));
  rec.hub.upsert(feed('orders', `${base}${DEMO_PREFIX}orders`));
  await waitFor(
    () => ['ticker', 'notify', 'orders'].every((id) => rec!.events.some((e) => e.feedId === id)),
    'one event per feed',
    8000,
  );
  const tick = rec.events.find((e) => e.feedId === 'ticker')!;
  expect(Number.isNaN(Date.parse(tick.data))).toBe(false);
  expect(tick.eventId).toMatch(/^t-\d+$/);
  const note = JSON.parse(rec.events.find((e) => e.feedId === 'notify')!.data) as { title: string; message: string };
  expect(typeof note.title).toBe('string');
  expect(typeof note.message).toBe('string');
  expect(rec.events.find((e) => e.feedId === 'orders')!.type).toBe('newOrder');
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child!.once('exit', resolve));
  expect(code).toBe(0);
}, 30_000);
