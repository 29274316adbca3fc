/**
 * Events beyond the parser's hard limit (max(16 × maxEventBytes, 1 MiB)) over real sockets: each arrives cut at
 * maxEventBytes and marked, with a clear recorded error; later events arrive on the SAME connection, and the
 * event's id — before or after its data — moves the cursor, so a reconnect does not replay it.
 * maxEventBytes is 1 KiB here, so the hard limit is 1 MiB and the events are small enough to be quick.
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

const LIMIT_ERROR = 'An event exceeded the 1 MiB limit: its data was cut to 1 KiB';

async function open(): Promise<{ server: SseTestServer; rec: Recorder }> {
  server = await startSseServer();
  rec = makeHub({ maxEventBytes: 1024 });
  rec.hub.upsert(feed('f', `${server.url}/events`));
  await server.waitForClients(1);
  await waitFor(() => rec!.hub.status('f')!.state === 'open', 'open');
  return { server, rec };
}

const summary = (r: Recorder) =>
  r.events.map((e) => ({
    type: e.type,
    id: e.eventId,
    data: e.data.length > 40 ? `${e.data.slice(0, 3)}…` : e.data,
    truncated: e.truncated,
  }));

describe('events beyond the parser limit', () => {
  test('id before the data: delivered cut and marked, then the stream goes on on the same connection', async () => {
    const { server, rec } = await open();
    const huge = 'ä'.repeat(700_000); // 1.4 MB: 2 bytes each
    await server.writeRaw(
      `id: n1\ndata: before\n\nid: big-1\nevent: blob\ndata: ${huge}\ndata: second line\n\nid: n2\ndata: after\n\n`,
      { chunkSize: 64 * 1024 },
    );
    await waitFor(() => rec.events.length >= 3, '3 events');
    expect(summary(rec)).toEqual([
      { type: 'message', id: 'n1', data: 'before', truncated: false },
      { type: 'blob', id: 'big-1', data: 'äää…', truncated: true },
      { type: 'message', id: 'n2', data: 'after', truncated: false },
    ]);
    expect(rec.events[1]!.data).toBe('ä'.repeat(512)); // exactly 1024 bytes, on a character boundary
    // The size it had as sent: 1.4 MB of data, a line feed and the second line (the reader counts past its cap).
    expect(rec.events[1]!.originalSize).toBe(1_400_000 + 1 + 'second line'.length);
    expect(rec.events[0]!.originalSize).toBeUndefined();
    const status = rec.hub.status('f')!;
    expect(status.state).toBe('open');
    expect(status.lastEventId).toBe('n2');
    expect(status.counters.reconnects).toBe(0);
    expect(reasonEnglish(status.counters.lastError!)).toBe(LIMIT_ERROR);
    expect(status.counters.lastErrorAt).not.toBeNull();
    expect(server.requests).toHaveLength(1);
    expect(rec.hub.frames('f').some((f) => f.text.includes(LIMIT_ERROR))).toBe(true);
  });

  test('id after the data, CRLF endings, many data lines in many chunks: cut, marked, cursor moved', async () => {
    const { server, rec } = await open();
    const line = '€'.repeat(1000); // 3000 bytes
    const big = `${`data: ${line}\r\n`.repeat(400)}id: big-2\r\n\r\n`; // 1.2 MB
    await server.writeRaw(`id: n1\r\ndata: before\r\n\r\n${big}id: n2\r\ndata: after\r\n\r\n`, {
      chunkSize: 16 * 1024,
      delayMs: 1,
    });
    await waitFor(() => rec.events.length >= 3, '3 events');
    expect(summary(rec)).toEqual([
      { type: 'message', id: 'n1', data: 'before', truncated: false },
      { type: 'message', id: 'big-2', data: '€€€…', truncated: true },
      { type: 'message', id: 'n2', data: 'after', truncated: false },
    ]);
    expect(rec.events[1]!.data).toBe('€'.repeat(341)); // 1023 bytes: a 342nd euro would not fit in 1024
    expect(rec.hub.frames('f').length).toBeGreaterThan(20); // it really came in pieces
    const status = rec.hub.status('f')!;
    expect(status.state).toBe('open');
    expect(status.lastEventId).toBe('n2');
    expect(status.counters.reconnects).toBe(0);
    expect(reasonEnglish(status.counters.lastError!)).toBe(LIMIT_ERROR);
    expect(server.requests).toHaveLength(1);
  });

  test('the cursor is at the huge event at once; a reconnect resumes after it instead of replaying it', async () => {
    const { server, rec } = await open();
    server.send({ id: 'a', data: 'first' });
    server.send({ id: 'big-3', data: 'z'.repeat(1_500_000) });
    await waitFor(() => rec.events.length >= 2, 'huge event');
    expect(rec.events[1]).toMatchObject({ eventId: 'big-3', truncated: true, data: 'z'.repeat(1024) });
    expect(rec.hub.status('f')!.lastEventId).toBe('big-3');
    server.dropAll();
    await waitFor(() => server.requests.length >= 2, 'reconnect');
    await server.waitForClients(1);
    expect(server.requests[1]!.lastEventId).toBe('big-3');
    server.send({ id: 'b', data: 'last' });
    await waitFor(() => rec.events.length >= 3, 'last event');
    expect(rec.events.map((e) => e.eventId)).toEqual(['a', 'big-3', 'b']);
  });

  test('an event far beyond the limit (8 MiB) goes through with bounded buffering, then more events', async () => {
    const { server, rec } = await open();
    // Were the parser to buffer more than 1 MiB of it, it would give up and the connection would be dropped.
    await server.writeRaw(`id: big-4\ndata: ${'q'.repeat(8 * 1024 * 1024)}\n\n`, { chunkSize: 256 * 1024 });
    for (let i = 1; i <= 3; i++) server.send({ id: `m${i}`, data: `more ${i}` });
    await waitFor(() => rec.events.length >= 4, '4 events');
    expect(rec.events.map((e) => [e.eventId, e.data.length, e.truncated])).toEqual([
      ['big-4', 1024, true],
      ['m1', 6, false],
      ['m2', 6, false],
      ['m3', 6, false],
    ]);
    expect(rec.hub.status('f')!.counters.reconnects).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  test('an id line longer than the line cap is ignored with a recorded error; the stream goes on', async () => {
    const { server, rec } = await open();
    await server.writeRaw(`id: n1\ndata: a\n\nid: ${'i'.repeat(100_000)}\ndata: b\n\nid: n2\ndata: c\n\n`, {
      chunkSize: 8192,
    });
    await waitFor(() => rec.events.length >= 3, '3 events');
    expect(rec.events.map((e) => [e.eventId, e.data])).toEqual([
      ['n1', 'a'],
      [null, 'b'], // its id was not applied
      ['n2', 'c'],
    ]);
    const status = rec.hub.status('f')!;
    expect(reasonEnglish(status.counters.lastError!)).toBe('An event id longer than 64 KiB was ignored');
    expect(status.lastEventId).toBe('n2');
    expect(status.counters.reconnects).toBe(0);
  });
});
