/**
 * Wire-format robustness against real sockets: CR / LF / CRLF line endings, a BOM, frames split at every byte,
 * huge events (truncated at a character boundary), events beyond the parser limit (cut too; more in
 * oversize.test.ts), invalid UTF-8, the event-type filter, comments and the raw-frame ring for diagnostics.
 */
import { reasonEnglish } from '../../../shared/reason';
import { afterEach, describe, expect, test } from 'vitest';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, shutdown, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
afterEach(async () => {
  await shutdown(rec, server);
  [rec, server] = [null, null];
});

async function receive(
  chunks: (string | Uint8Array)[],
  expected: number,
  options: { delayMs?: number; maxEventBytes?: number; capMs?: number } = {},
) {
  server = await startSseServer();
  server.setFault('/raw', { kind: 'raw', chunks, delayMs: options.delayMs, end: false }, { times: 1 });
  rec = makeHub({
    ...(options.maxEventBytes ? { maxEventBytes: options.maxEventBytes } : {}),
    backoff: { baseMs: 20, capMs: options.capMs ?? 200 },
  });
  rec.hub.upsert(feed('f', `${server.url}/raw`));
  await waitFor(() => rec!.events.length >= expected, `${expected} events`, 10_000);
  return rec.events.map((e) => ({ type: e.type, id: e.eventId, data: e.data }));
}

describe('line endings and BOM', () => {
  test('LF, CR and CRLF, mixed in one stream', async () => {
    const events = await receive(
      [
        'id: 1\ndata: lf\n\n',
        'id: 2\rdata: cr\r\r',
        'id: 3\r\ndata: crlf\r\ndata: two\r\n\r\n',
        'event: mixed\ndata: m\r\n\r',
      ],
      4,
    );
    expect(events).toEqual([
      { type: 'message', id: '1', data: 'lf' },
      { type: 'message', id: '2', data: 'cr' },
      { type: 'message', id: '3', data: 'crlf\ntwo' },
      { type: 'mixed', id: null, data: 'm' },
    ]);
  });

  test('a leading BOM is ignored', async () => {
    const events = await receive([Buffer.from([0xef, 0xbb, 0xbf]), 'data: after bom\n\n'], 1);
    expect(events).toEqual([{ type: 'message', id: null, data: 'after bom' }]);
  });

  test('comments, unknown fields and data without a space are handled per spec', async () => {
    const events = await receive([': comment\n\nfoo: bar\ndata:nospace\ndata\n\n', 'data: x\n\n'], 2);
    expect(events).toEqual([
      { type: 'message', id: null, data: 'nospace\n' },
      { type: 'message', id: null, data: 'x' },
    ]);
  });
});

describe('chunking', () => {
  test('every frame split at every byte (multi-byte UTF-8, CRLF, named events, ids, retry)', async () => {
    const text =
      'retry: 1234\r\n\r\nevent: newOrder\r\nid: ü-1\r\ndata: {"item":"café ☕","n":1}\r\n\r\n: keep-alive\n\nid: 2\ndata: 世界 🎉\ndata: line2\n\n';
    const bytes = Buffer.from(text, 'utf8');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    const events = await receive(chunks, 2, { delayMs: 1, capMs: 5000 });
    expect(events).toEqual([
      { type: 'newOrder', id: 'ü-1', data: '{"item":"café ☕","n":1}' },
      { type: 'message', id: '2', data: '世界 🎉\nline2' },
    ]);
    expect(rec!.hub.status('f')!.counters.bytes).toBe(bytes.length);
    expect(rec!.hub.frames('f').length).toBeGreaterThan(10); // really arrived in pieces
    // The split `retry:` was observed: a drop now waits at least 1234 ms.
    server!.dropAll();
    await waitFor(() => rec!.hub.status('f')!.state === 'reconnecting', 'reconnecting');
    expect(rec!.hub.status('f')!.retryAt! - Date.now()).toBeGreaterThan(1100);
  });

  test('many events in one chunk arrive as one batch', async () => {
    let text = '';
    for (let i = 1; i <= 500; i++) text += `id: ${i}\ndata: event ${i}\n\n`;
    const events = await receive([text], 500);
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 500 }, (_, i) => String(i + 1)));
    expect(rec!.batches).toBeLessThanOrEqual(10);
  });
});

describe('size and encoding', () => {
  test('a 2.5 MiB event is cut at 1 MiB on a character boundary and marked truncated', async () => {
    const huge = '€'.repeat(900_000); // 3 bytes each: 2.7 MB
    const events = await receive([`id: big\ndata: ${huge}\n\n`, 'id: small\ndata: ok\n\n'], 2);
    const [big, small] = rec!.events;
    expect(big!.truncated).toBe(true);
    expect(big!.data).toBe('€'.repeat(Math.floor(1048576 / 3)));
    expect(Buffer.byteLength(big!.data)).toBeLessThanOrEqual(1048576);
    expect(small!.truncated).toBe(false);
    expect(events[1]).toEqual({ type: 'message', id: 'small', data: 'ok' });
  });

  test('maxEventBytes is configurable', async () => {
    await receive(['data: ' + 'a'.repeat(5000) + '\n\n'], 1, { maxEventBytes: 1000 });
    expect(rec!.events[0]!.data).toHaveLength(1000);
    expect(rec!.events[0]!.truncated).toBe(true);
  });

  test('an event beyond the parser limit arrives cut, with a recorded error; the connection stays', async () => {
    server = await startSseServer();
    server.setFault(
      '/raw',
      { kind: 'raw', chunks: ['data: ' + 'z'.repeat(1_200_000) + '\n\n', 'data: next\n\n'], end: false },
      { times: 1 },
    );
    rec = makeHub({ maxEventBytes: 1024 }); // parser limit = max(16 × 1 KiB, 1 MiB) = 1 MiB
    rec.hub.upsert(feed('f', `${server.url}/raw`));
    await waitFor(() => rec!.events.length >= 2, 'both events');
    expect(reasonEnglish(rec.hub.status('f')!.counters.lastError!)).toBe(
      'An event exceeded the 1 MiB limit: its data was cut to 1 KiB',
    );
    expect(rec.events.map((e) => [e.data, e.truncated])).toEqual([
      ['z'.repeat(1024), true],
      ['next', false],
    ]);
    expect(rec.hub.status('f')!.state).toBe('open');
    expect(server.requests).toHaveLength(1);
  });

  test('invalid UTF-8 never throws: replacement characters, and the stream goes on', async () => {
    const bad = Buffer.concat([
      Buffer.from('id: 1\ndata: a'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]),
      Buffer.from('b\n\n'),
    ]);
    const events = await receive([bad, 'id: 2\ndata: fine\n\n'], 2);
    expect(events[0]!.data.startsWith('a')).toBe(true);
    expect(events[0]!.data.endsWith('b')).toBe(true);
    expect(events[0]!.data).toContain('\uFFFD');
    expect(events[1]).toEqual({ type: 'message', id: '2', data: 'fine' });
    expect(rec!.hub.status('f')!.state).toBe('open');
  });
});

describe('filter and diagnostics', () => {
  test('only the configured event types pass; the cursor still advances', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/orders`, { eventTypes: ['newOrder'] }));
    await server.waitForClients(1);
    server.send({ id: 'o-1', event: 'newOrder', data: '{"n":1}' }, '/orders');
    server.send({ id: 'p-1', event: 'ping', data: 'skip' }, '/orders');
    server.send({ id: 'm-1', data: 'plain message skipped' }, '/orders');
    server.send({ id: 'o-2', event: 'newOrder', data: '{"n":2}' }, '/orders');
    server.send({ id: 'x-9', event: 'other', data: 'skip' }, '/orders');
    await waitFor(() => rec!.hub.status('f')!.lastEventId === 'x-9', 'cursor at x-9');
    expect(rec.events.map((e) => e.eventId)).toEqual(['o-1', 'o-2']);
    expect(rec.hub.status('f')!.counters.events).toBe(2);
  });

  test('raw frames are kept (capped) for the stream inspector', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1);
    for (let i = 0; i < 80; i++) {
      server.send({ id: String(i), data: `frame ${i}` });
      await waitFor(() => rec!.events.length === i + 1, `event ${i}`);
    }
    server.send({ data: 'y'.repeat(10_000) });
    await waitFor(() => rec!.events.length === 81, 'big event');
    const frames = rec.hub.frames('f');
    expect(frames).toHaveLength(50);
    expect(frames.at(-1)!.text.length).toBeLessThanOrEqual(4096);
    expect(frames.some((f) => f.text.includes('frame 79'))).toBe(true);
    expect(frames.some((f) => f.text.includes('frame 5\n'))).toBe(false); // the oldest rolled out
    expect(rec.hub.frames('nope')).toEqual([]);
  });
});
