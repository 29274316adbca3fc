/**
 * The stream reader against the WHATWG rules for interpreting an event stream, table-driven: every vector is read
 * whole, one byte at a time, and split in two at every offset (inside UTF-8 sequences, between CR and LF), and
 * must give the same events, last-event-id changes and retry values each way. Then the reader's own limits.
 */
import { describe, expect, test } from 'vitest';
import {
  EventStreamReader,
  type StreamEvent,
  type StreamProblem,
} from '../../../electron/main/core/feeds/stream-reader';

interface Outcome {
  events: { type: string; data: string; id: string | null; lastEventId: string }[];
  /** The last event ID string as it changed (at blank lines). */
  ids: string[];
  retries: number[];
}

interface Vector {
  rule: string;
  input: string | number[];
  want: Partial<Outcome>;
  /** The last event ID the stream starts with (a resumed connection). */
  initial?: string;
}

const ev = (data: string, lastEventId = '', id: string | null = null, type = 'message') => ({
  type,
  data,
  id,
  lastEventId,
});

const BOM = '\uFEFF';

const VECTORS: Vector[] = [
  // BOM: one, at the start of the stream only (UTF-8 decode); a second one is a character of the first line.
  { rule: 'a leading BOM is stripped', input: `${BOM}data: a\n\n`, want: { events: [ev('a')] } },
  {
    rule: 'a second BOM is not stripped: its line has an unknown field name',
    input: `${BOM}${BOM}data: a\n\ndata: b\n\n`,
    want: { events: [ev('b')] },
  },
  { rule: 'a BOM later in the stream is data', input: `data: a\n\n${BOM}data: b\n\n`, want: { events: [ev('a')] } },
  { rule: 'a BOM inside a value is kept', input: `data: ${BOM}x\n\n`, want: { events: [ev(`${BOM}x`)] } },
  // Line endings.
  {
    rule: 'LF, CR and CRLF end lines; CR CR and CRLF CRLF end blocks',
    input: 'data: a\r\rdata: b\r\n\r\ndata: c\n\ndata: d\r\ndata: e\r\n\r',
    want: { events: [ev('a'), ev('b'), ev('c'), ev('d\ne')] },
  },
  {
    rule: 'CR then LF is one line end, LF then CR is two',
    input: 'data: a\r\ndata: b\n\rdata: c\n\n',
    want: { events: [ev('a\nb'), ev('c')] },
  },
  // Fields.
  {
    rule: 'one optional space after the colon; data lines joined with LF; bare "data" is an empty line',
    input: 'data:a\ndata:  b\ndata\ndata:\n\n',
    want: { events: [ev('a\n b\n\n')] },
  },
  { rule: 'an empty data line dispatches an empty event', input: 'data:\n\n', want: { events: [ev('')] } },
  {
    rule: 'a block without data dispatches nothing (event type alone)',
    input: 'event: x\n\ndata: y\n\n',
    want: { events: [ev('y')] },
  },
  {
    rule: 'event type applies to its block only; empty means message',
    input: 'event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n',
    want: { events: [ev('1', '', null, 'add'), ev('2'), ev('3')] },
  },
  {
    rule: 'comments and unknown fields are ignored; names are case-sensitive',
    input: ': hello\nData: no\nfoo: bar\nevent\ndata: yes\n\n',
    want: { events: [ev('yes')] },
  },
  { rule: 'a field name with a space is unknown', input: 'data : x\n\ndata: z\n\n', want: { events: [ev('z')] } },
  // Ids.
  {
    rule: 'an id applies to its event and every later one (the buffer is not reset per event)',
    input: 'id: 1\ndata: a\n\ndata: b\n\n',
    want: { events: [ev('a', '1', '1'), ev('b', '1', null)], ids: ['1'] },
  },
  {
    rule: 'an id containing NUL is ignored',
    input: 'id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n',
    want: { events: [ev('a', '1', '1'), ev('b', '1', null)], ids: ['1'] },
  },
  {
    rule: 'an empty id resets the last event id to empty',
    input: 'id: 1\ndata: a\n\nid\ndata: b\n\nid:\ndata: c\n\n',
    want: { events: [ev('a', '1', '1'), ev('b', '', null), ev('c', '', null)], ids: ['1', ''] },
  },
  {
    rule: 'an id-only block sets the last event id though nothing is dispatched',
    input: 'data: a\n\nid: 5\n\ndata: b\n\n',
    want: { events: [ev('a'), ev('b', '5', null)], ids: ['5'] },
  },
  {
    rule: 'the id takes effect at the blank line, wherever it stands in the block',
    input: 'data: a\nid: 7\n\n',
    want: { events: [ev('a', '7', '7')], ids: ['7'] },
  },
  {
    rule: 'the last of several ids in a block wins',
    input: 'id: 1\nid: 2\ndata: a\n\n',
    want: { events: [ev('a', '2', '2')], ids: ['2'] },
  },
  {
    rule: 'a resumed stream starts from the last event id it resumed from',
    initial: 'r9',
    input: 'data: a\n\nid: r10\ndata: b\n\n',
    want: { events: [ev('a', 'r9'), ev('b', 'r10', 'r10')], ids: ['r10'] },
  },
  {
    rule: 'a half-received event at the end is discarded and its id not used',
    input: 'id: 1\ndata: a\n\nid: 2\ndata: half',
    want: { events: [ev('a', '1', '1')], ids: ['1'] },
  },
  {
    rule: 'an id line without its blank line is not used',
    input: 'data: a\n\nid: 3\n',
    want: { events: [ev('a')], ids: [] },
  },
  // retry:
  {
    rule: 'retry: takes effect at once, without a blank line',
    input: 'retry: 1500\n',
    want: { events: [], retries: [1500] },
  },
  {
    rule: 'retry: is ASCII digits only; anything else is ignored',
    input: 'retry: 10a\nretry: -1\nretry:  5\nretry: 1.5\nretry: ٣\nretry:\nretry\nretry: 0\nretry: 4294967296\n',
    want: { retries: [0, 4294967296] },
  },
  {
    rule: 'retry: inside an event does not disturb it',
    input: 'data: a\nretry: 200\ndata: b\n\n',
    want: { events: [ev('a\nb')], retries: [200] },
  },
  // Encoding.
  {
    rule: 'multi-byte UTF-8 (split anywhere) decodes whole',
    input: 'event: café\ndata: 世界 🎉\n\n',
    want: { events: [ev('世界 🎉', '', null, 'café')] },
  },
  {
    rule: 'invalid UTF-8 becomes U+FFFD and the stream goes on',
    input: [...Buffer.from('data: a'), 0xff, 0xc3, 0x28, 0xe2, 0x82, ...Buffer.from('\n\ndata: ok\n\n')],
    want: { events: [ev('a\uFFFD\uFFFD(\uFFFD'), ev('ok')] },
  },
  {
    rule: 'a non-ASCII id is kept as text',
    input: 'id: ü-1\ndata: x\n\n',
    want: { events: [ev('x', 'ü-1', 'ü-1')], ids: ['ü-1'] },
  },
];

function run(chunks: Uint8Array[], initial = ''): Outcome {
  const out: Outcome = { events: [], ids: [], retries: [] };
  const reader = new EventStreamReader(
    { dataCap: 1 << 20, lineCap: 1 << 16, reportBytes: 1 << 24 },
    {
      event: (e: StreamEvent) => out.events.push({ type: e.type, data: e.data, id: e.id, lastEventId: e.lastEventId }),
      lastEventId: (id) => out.ids.push(id),
      retry: (ms) => out.retries.push(ms),
      problem: () => undefined,
    },
    initial,
  );
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return out;
}

describe('the standard, however the bytes are chunked', () => {
  test.each(VECTORS.map((v) => [v.rule, v] as const))('%s', (_rule, vector) => {
    const bytes = typeof vector.input === 'string' ? Buffer.from(vector.input, 'utf8') : Buffer.from(vector.input);
    const whole = run([bytes], vector.initial);
    for (const key of Object.keys(vector.want) as (keyof Outcome)[]) {
      expect(whole[key], `${key}, whole`).toEqual(vector.want[key]);
    }
    const bytewise = run(
      Array.from(bytes, (b) => Uint8Array.of(b)),
      vector.initial,
    );
    expect(bytewise, 'one byte at a time').toEqual(whole);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(run([bytes.subarray(0, cut), bytes.subarray(cut)], vector.initial), `split at ${cut}`).toEqual(whole);
    }
  });

  test('empty chunks change nothing, even inside a BOM or a CRLF', () => {
    const bytes = Buffer.from(`${BOM}data: a\r\n\r\n`);
    const chunks: Uint8Array[] = [];
    for (const b of bytes) chunks.push(new Uint8Array(0), Uint8Array.of(b));
    expect(run(chunks).events).toEqual([ev('a')]);
  });
});

describe('limits: memory stays bounded, the stream goes on', () => {
  function limited(dataCap: number, lineCap: number, reportBytes: number) {
    const events: StreamEvent[] = [];
    const problems: StreamProblem[] = [];
    const ids: string[] = [];
    const reader = new EventStreamReader(
      { dataCap, lineCap, reportBytes },
      {
        event: (e) => events.push(e),
        lastEventId: (id) => ids.push(id),
        retry: () => undefined,
        problem: (p) => problems.push(p),
      },
    );
    return { reader, events, problems, ids };
  }

  test('data beyond the cap is not kept; the event is marked, its id applies, later events are whole', () => {
    for (const size of [1, 7, 64, 100_000]) {
      const { reader, events, ids } = limited(10, 100, 1 << 20);
      const bytes = Buffer.from(`id: big\ndata: ${'x'.repeat(30)}\ndata: more\n\nid: 2\ndata: next\n\n`);
      for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
      expect(
        events.map((e) => [e.data, e.truncated, e.id, e.dataBytes]),
        `chunks of ${size}`,
      ).toEqual([
        ['x'.repeat(10), true, 'big', 35],
        ['next', false, '2', 4],
      ]);
      expect(ids).toEqual(['big', '2']);
    }
  });

  test('a 24 MiB event in 64 KiB chunks: reported once, kept at the cap, then the stream goes on', () => {
    const { reader, events, problems } = limited(1024 * 1024 + 4, 1024 * 1024, 16 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    reader.push(Buffer.from('id: huge\ndata: '));
    const piece = Buffer.alloc(64 * 1024, 'z');
    for (let i = 0; i < 384; i++) reader.push(piece);
    const grown = process.memoryUsage().arrayBuffers - before;
    reader.push(Buffer.from('\nid: after\n\nid: next\ndata: ok\n\n'));
    expect(events.map((e) => [e.id, e.data.length, e.truncated])).toEqual([
      ['after', 1024 * 1024 + 4, true], // the block's own id came after its data
      ['next', 2, false],
    ]);
    expect(problems).toEqual(['event']);
    expect(grown).toBeLessThan(8 * 1024 * 1024); // what is kept, not the 24 MiB sent
  });

  test('an id beyond the line cap is ignored and reported; an event: beyond it is cut and reported', () => {
    for (const size of [undefined, 50]) {
      const { reader, events, problems } = limited(1000, 128, 1 << 20);
      const bytes = Buffer.from(
        `id: ${'i'.repeat(1000)}\ndata: x\n\nevent: ${'t'.repeat(1000)}\ndata: y\n\nid: ok\ndata: z\n\n`,
      );
      const step = size ?? bytes.length;
      for (let i = 0; i < bytes.length; i += step) reader.push(bytes.subarray(i, i + step));
      expect(events.map((e) => [e.id, e.type.length, e.data])).toEqual([
        [null, 7, 'x'],
        [null, 128, 'y'],
        ['ok', 7, 'z'],
      ]);
      expect(problems).toEqual(['id', 'field']);
    }
  });
});
