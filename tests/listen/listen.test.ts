/**
 * The headless listener, spawned as users run it (tsx) against the real test server: JSON lines, --count,
 * --header, --last-event-id, --idle-timeout, --quiet, --db, SIGINT, and the exit codes 0 / 2 / 3.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, test } from 'vitest';
import { parseArgs } from '../../electron/listen/listen';
import { startSseServer, type SseTestServer } from '../support/sse-server';

const ROOT = join(__dirname, '..', '..');
/**
 * Node with tsx's loader, so signals reach the listener itself (the tsx CLI relays them to its child and, when
 * the child takes more than 30 ms to answer on a loaded machine, kills it and exits 130).
 */
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
const LISTEN = join(ROOT, 'electron', 'listen', 'listen.ts');

interface Run {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: () => string;
  exit: Promise<number | null>;
}

let server: SseTestServer | null = null;
let runs: Run[] = [];
let tmp: string | null = null;

afterEach(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  runs = [];
  await server?.close();
  server = null;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

function listen(args: string[], timeoutMs = 15_000): Run {
  const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), LISTEN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve(code);
    }),
  );
  const run = { child, lines, stderr: () => stderr, exit };
  runs.push(run);
  return run;
}

async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const eventsOf = (run: Run) => run.lines.filter((l) => 'data' in l);
const statesOf = (run: Run) => run.lines.filter((l) => 'state' in l);

describe('argument parsing', () => {
  test('accepts the documented options', () => {
    const parsed = parseArgs([
      'http://127.0.0.1:1234/a',
      'https://example.test/b',
      '--header',
      'Authorization: Bearer x:y',
      '-H',
      'X-Tenant: acme',
      '--last-event-id',
      '42',
      '--idle-timeout=2.5',
      '--db',
      '/tmp/x.db',
      '--count',
      '10',
      '--quiet',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        urls: ['http://127.0.0.1:1234/a', 'https://example.test/b'],
        headers: { Authorization: 'Bearer x:y', 'X-Tenant': 'acme' },
        lastEventId: '42',
        idleTimeoutSec: 2.5,
        db: '/tmp/x.db',
        count: 10,
        quiet: true,
        profile: 'auto',
      },
    });
  });

  test.each([
    [[], 'give at least one feed URL'],
    [['ftp://x/y'], 'not an http(s) URL'],
    [['nonsense'], 'not a URL'],
    [['http://x/', '--count', '0'], '--count'],
    [['http://x/', '--count'], '--count'],
    [['http://x/', '--idle-timeout', 'soon'], '--idle-timeout'],
    [['http://x/', '--header', 'no colon'], 'invalid --header'],
    [['http://x/', '--frobnicate'], 'unknown option'],
  ])('rejects %j', (args, message) => {
    const parsed = parseArgs(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('listen (spawned)', () => {
  test('prints state and event lines, exits 0 after --count events', async () => {
    server = await startSseServer();
    const run = listen([`${server.url}/events`, `${server.url}/orders`, '--count', '3']);
    await server.waitForClients(2, { timeoutMs: 10_000 });
    server.send({ id: 'o-1', event: 'newOrder', data: '{"n":1}' }, '/orders');
    await until(() => eventsOf(run).length === 1, 'the order event');
    server.send({ id: '1', data: 'hello' });
    server.send({ data: 'no id' });
    server.send({ id: '4', data: 'beyond the count' });
    expect(await run.exit).toBe(0);
    const events = eventsOf(run);
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.data).sort()).toEqual(['hello', 'no id', '{"n":1}'].sort());
    const order = events.find((e) => e.type === 'newOrder')!;
    expect(order).toMatchObject({ feed: `${server.url}/orders`, id: 'o-1', backfill: false });
    expect(new Date(order.receivedAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(events.find((e) => e.data === 'no id')!.id).toBeNull();
    expect(statesOf(run)).toEqual(
      expect.arrayContaining([
        { feed: `${server.url}/events`, state: 'connecting', reason: null, retryInMs: null },
        { feed: `${server.url}/events`, state: 'open', reason: null, retryInMs: null },
      ]),
    );
  }, 30_000);

  test('--header and --last-event-id are sent; the replay is marked backfill', async () => {
    server = await startSseServer();
    for (let i = 1; i <= 4; i++) server.send({ id: String(i), data: `d${i}` });
    server.requireAuth('/events', 'Authorization', 'Bearer t0k');
    const run = listen([
      `${server.url}/events`,
      '--header',
      'Authorization: Bearer t0k',
      '--header',
      'X-Tenant: acme',
      '--last-event-id',
      '2',
      '--count',
      '2',
    ]);
    expect(await run.exit).toBe(0);
    expect(eventsOf(run).map((e) => [e.id, e.backfill])).toEqual([
      ['3', true],
      ['4', true],
    ]);
    expect(server.requests[0]).toMatchObject({ lastEventId: '2', authorization: 'Bearer t0k' });
    expect(server.requests[0]!.headers['x-tenant']).toBe('acme');
  }, 30_000);

  test('exit 3 when every feed stopped (authentication failed / not found)', async () => {
    server = await startSseServer();
    server.requireAuth('/private', 'Authorization', 'Bearer right');
    server.setFault('/gone', { kind: 'status', status: 404 });
    const run = listen([`${server.url}/private`, `${server.url}/gone`]);
    expect(await run.exit).toBe(3);
    const stopped = statesOf(run).filter((l) => l.state === 'stopped');
    expect(stopped).toEqual(
      expect.arrayContaining([
        { feed: `${server.url}/private`, state: 'stopped', reason: 'Authentication failed (401)', retryInMs: null },
        { feed: `${server.url}/gone`, state: 'stopped', reason: 'Feed not found (404)', retryInMs: null },
      ]),
    );
  }, 30_000);

  test('exit 2 on a usage error, with the usage on stderr', async () => {
    const run = listen(['--count', 'x']);
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('Usage: npm run listen');
    expect(run.lines).toHaveLength(0);
  }, 30_000);

  test('--idle-timeout reconnects a silent stream and prints the retry', async () => {
    server = await startSseServer();
    const run = listen([`${server.url}/events`, '--idle-timeout', '0.5']);
    await server.waitForClients(1, { timeoutMs: 10_000 });
    server.freeze();
    await until(() => server!.requests.length >= 2, 'reconnect after idle');
    await until(() => statesOf(run).some((l) => l.state === 'reconnecting'), 'reconnecting line');
    const line = statesOf(run).find((l) => l.state === 'reconnecting')!;
    expect(line.reason).toBe('No data for 0.5 s');
    expect(typeof line.retryInMs).toBe('number');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  }, 30_000);

  test('--quiet prints one summary line; SIGINT exits 0', async () => {
    server = await startSseServer();
    const run = listen([`${server.url}/events`, '--quiet']);
    await server.waitForClients(1, { timeoutMs: 10_000 });
    let text = '';
    for (let i = 1; i <= 2000; i++) text += server.format({ id: String(i), data: `event ${i}` });
    await server.writeRaw(text);
    await new Promise((resolve) => setTimeout(resolve, 500));
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.lines).toHaveLength(1);
    const summary = run.lines[0]!;
    expect(summary).toMatchObject({ events: 2000, feeds: { [`${server.url}/events`]: 2000 }, exitCode: 0 });
    expect(summary.eventsPerSecond).toBeGreaterThan(0);
    expect(summary.seconds).toBeGreaterThan(0);
  }, 30_000);

  test('--db stores events and resumes from the stored cursor on the next run', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tidings-listen-'));
    const file = join(tmp, 'events.db');
    server = await startSseServer();
    const first = listen([`${server.url}/events`, '--db', file, '--count', '3']);
    await server.waitForClients(1, { timeoutMs: 10_000 });
    for (let i = 1; i <= 3; i++) server.send({ id: String(i), data: `stored ${i}` });
    expect(await first.exit).toBe(0);
    server.send({ id: '4', data: 'while away' });
    const second = listen([`${server.url}/events`, '--db', file, '--count', '1', '--quiet']);
    expect(await second.exit).toBe(0);
    expect(second.lines[0]).toMatchObject({ events: 1, stored: 1 });
    expect(server.requests.at(-1)!.lastEventId).toBe('3');
    const db = new Database(file);
    try {
      const rows = db.prepare('SELECT event_id, data, backfill FROM messages ORDER BY id').raw().all() as [
        string,
        string,
        number,
      ][];
      expect(rows).toEqual([
        ['1', 'stored 1', 0],
        ['2', 'stored 2', 0],
        ['3', 'stored 3', 0],
        ['4', 'while away', 1],
      ]);
      const feeds = db.prepare('SELECT url FROM feeds').raw().all() as [string][];
      expect(feeds).toEqual([[`${server.url}/events`]]);
    } finally {
      db.close();
    }
  }, 30_000);

  test('--db opens a damaged file as the app does: moved aside, a new database started, said on stderr', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tidings-listen-'));
    const file = join(tmp, 'events.db');
    writeFileSync(file, 'this is not a database '.repeat(500));
    server = await startSseServer();
    const run = listen([`${server.url}/events`, '--db', file, '--count', '2', '--quiet']);
    await server.waitForClients(1, { timeoutMs: 10_000 });
    server.send({ id: '1', data: 'one' });
    server.send({ id: '2', data: 'two' });
    expect(await run.exit).toBe(0);
    expect(run.lines[0]).toMatchObject({ events: 2, stored: 2 });
    const moved = readdirSync(tmp).filter((name) => name.startsWith('events.db.corrupt-'));
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(tmp, moved[0]!), 'utf8')).toContain('this is not a database');
    expect(run.stderr()).toContain(moved[0]);
    const db = new Database(file);
    try {
      expect(db.prepare('SELECT data FROM messages ORDER BY id').pluck().all()).toEqual(['one', 'two']);
    } finally {
      db.close();
    }
  }, 30_000);

  test('two listeners store into the same --db file at once, losing nothing', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tidings-listen-'));
    const file = join(tmp, 'shared.db');
    server = await startSseServer();
    const count = 3000;
    const a = listen([`${server.url}/a`, '--db', file, '--count', String(count), '--quiet'], 60_000);
    const b = listen([`${server.url}/b`, '--db', file, '--count', String(count), '--quiet'], 60_000);
    await server.waitForClients(1, { path: '/a', timeoutMs: 40_000 });
    await server.waitForClients(1, { path: '/b', timeoutMs: 40_000 });
    for (let from = 1; from <= count; from += 100) {
      let textA = '';
      let textB = '';
      for (let i = from; i < from + 100; i++) {
        textA += server.format({ id: String(i), data: `a ${i}` });
        textB += server.format({ id: String(i), data: `b ${i}` });
      }
      await Promise.all([server.writeRaw(textA, { path: '/a' }), server.writeRaw(textB, { path: '/b' })]);
    }
    expect(await a.exit).toBe(0);
    expect(await b.exit).toBe(0);
    expect(a.lines[0]).toMatchObject({ events: count, stored: count });
    expect(b.lines[0]).toMatchObject({ events: count, stored: count });
    expect(a.stderr() + b.stderr()).toBe('');
    const db = new Database(file);
    try {
      const perFeed = db
        .prepare(
          // messages.feed holds the feed's integer key (feed_counts maps it to the feed's id)
          'SELECT f.url, count(*), min(m.event_id + 0), max(m.event_id + 0) FROM messages m ' +
            'JOIN feed_counts c ON c.key = m.feed JOIN feeds f ON f.id = c.feed GROUP BY f.url ORDER BY f.url',
        )
        .raw()
        .all();
      expect(perFeed).toEqual([
        [`${server.url}/a`, count, 1, count],
        [`${server.url}/b`, count, 1, count],
      ]);
    } finally {
      db.close();
    }
  }, 90_000);

  test('stdout respects backpressure: with a reader that stops, the feed is not read on (bounded memory), then all arrives in order', async () => {
    const total = 30_000;
    const payload = 'x'.repeat(700);
    let sent = 0;
    const flood = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      const pump = (): void => {
        while (sent < total) {
          sent++;
          if (!res.write(`id: ${sent}\ndata: ${sent} ${payload}\n\n`)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    await new Promise<void>((resolve) => flood.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(flood.address() as AddressInfo).port}/flood`;
      const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), LISTEN, url, '--count', String(total)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      runs.push({ child, lines: [], stderr: () => '', exit: new Promise(() => {}) });
      child.stdout!.pause(); // a reader that reads nothing
      // Wait until the server is blocked: nothing more leaves it for a second.
      let last = -1;
      const deadline = Date.now() + 30_000;
      while (sent !== last || sent === 0) {
        if (Date.now() > deadline) throw new Error(`the server never blocked (sent ${sent})`);
        last = sent;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const blockedAt = sent;
      // What left the server sits in socket buffers, the pipe and at most ~1 MiB of unread output: far from all.
      expect(blockedAt).toBeLessThan(total / 2);
      expect(blockedAt * payload.length).toBeLessThan(12 * 1024 * 1024);

      // The reader resumes: every event arrives, in order, and the listener exits after --count.
      let buffer = '';
      let next = 1;
      let outOfOrder = 0;
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) !== -1) {
          const line = JSON.parse(buffer.slice(0, nl)) as { id?: string };
          buffer = buffer.slice(nl + 1);
          if (line.id === undefined) continue;
          if (line.id !== String(next)) outOfOrder++;
          next++;
        }
      });
      child.stdout!.resume();
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      expect(next - 1).toBe(total);
      expect(outOfOrder).toBe(0);
    } finally {
      flood.closeAllConnections();
      await new Promise((resolve) => flood.close(resolve));
    }
  }, 120_000);
});
