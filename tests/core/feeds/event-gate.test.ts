/**
 * The EventGate on its own: what it passes on to the parser for events beyond its cap — across chunk borders,
 * with LF, CR and CRLF endings, ids before and after the data — and that it never passes on much more than the
 * cap of one event however big the event is. Chunked input is checked against a plain reference reading of the
 * original stream (the parser's view: every event the same once cut at the cap); one-chunk input byte for byte.
 */
import { describe, expect, test } from 'vitest';
import { EventGate, type GateReport } from '../../../electron/main/core/feeds/event-gate';

function gate(dataCap: number, lineCap = 1 << 20, reportBytes = 1 << 30): { gate: EventGate; reports: GateReport[] } {
  const reports: GateReport[] = [];
  return { gate: new EventGate({ dataCap, lineCap, reportBytes }, (what) => reports.push(what)), reports };
}

/** Passes `text` in chunks of `size` bytes (default: one chunk); returns what came out. */
function through(g: EventGate, text: string | Uint8Array, size?: number): Buffer {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const step = size ?? bytes.length;
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += step) out.push(g.pass(bytes.subarray(i, i + step)));
  return Buffer.concat(out);
}

interface Parsed {
  type: string;
  id: string;
  data: string;
}

/** A plain reading of an event stream per the HTML spec (the reference the gate's output is held to). */
function parse(bytes: Uint8Array): Parsed[] {
  const text = new TextDecoder().decode(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  lines.pop(); // an unterminated last line is not a line yet
  const events: Parsed[] = [];
  let lastId = '';
  let type = '';
  let data: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) events.push({ type: type || 'message', id: lastId, data: data.join('\n') });
      type = '';
      data = [];
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  }
  return events;
}

/** Events as the connection delivers them: data cut at `max` UTF-8 bytes on a character boundary. */
function delivered(bytes: Uint8Array, max: number): (Parsed & { truncated: boolean })[] {
  return parse(bytes).map((e) => {
    if (Buffer.byteLength(e.data) <= max) return { ...e, truncated: false };
    const { read } = new TextEncoder().encodeInto(e.data, new Uint8Array(max));
    return { ...e, data: e.data.slice(0, read), truncated: true };
  });
}

/** Checks the gate's output for `text` in chunks of every given size against the reference. */
function expectSameEvents(text: string, dataCap: number, sizes: number[]): void {
  const max = dataCap - 4; // the connection's maxEventBytes for this cap
  const want = delivered(Buffer.from(text), max);
  for (const size of sizes) {
    const { gate: g } = gate(dataCap);
    const out = through(g, text, size);
    expect(delivered(out, max), `chunks of ${size}`).toEqual(want);
    for (const e of parse(out))
      expect(Buffer.byteLength(e.data), `chunks of ${size}`).toBeLessThanOrEqual(2 * dataCap + 8);
  }
}

describe('EventGate', () => {
  test('small events pass untouched, as the very same chunk', () => {
    const { gate: g } = gate(1000);
    const chunk = Buffer.from('id: 1\ndata: hello\n\nevent: x\r\ndata: a\r\ndata: b\r\n\r\n: ping\r\r');
    expect(g.pass(chunk)).toBe(chunk);
    expect(g.pass(chunk)).toBe(chunk);
  });

  test('an event beyond the cap: its data stops at the cap, its id (before the data) and its end pass', () => {
    const text = `id: big\ndata: ${'x'.repeat(100)}\ndata: more\n\nid: 2\ndata: next\n\n`;
    expect(through(gate(20).gate, text).toString()).toBe(`id: big\ndata: ${'x'.repeat(20)}\n\nid: 2\ndata: next\n\n`);
    expectSameEvents(text, 20, [1, 7, 64]);
  });

  test('id after the data, CRLF, many data lines, split anywhere: data lines past the cap vanish whole', () => {
    const text = `event: blob\r\n${'data: 0123456789\r\n'.repeat(10)}id: after\r\n\r\ndata: ok\r\n\r\n`;
    // data is "0123456789\n0123456789\n…": the third line takes it past 25 bytes.
    expect(through(gate(25).gate, text).toString()).toBe(
      'event: blob\r\ndata: 0123456789\r\ndata: 0123456789\r\ndata: 012\r\nid: after\r\n\r\ndata: ok\r\n\r\n',
    );
    expectSameEvents(text, 25, [1, 2, 3, 5, 11, 17]);
  });

  test('CR-only endings: a blank LF after a passed CR stays a blank line (sent as CRLF)', () => {
    // `id: x\r` passes, the data line ending in LF is dropped, the LF after it is the blank line.
    const text = `data: ${'a'.repeat(30)}\rid: x\rdata: more\n\ndata: next\r\r`;
    expect(through(gate(10).gate, text).toString()).toBe(`data: ${'a'.repeat(10)}\rid: x\r\r\ndata: next\r\r`);
    expectSameEvents(text, 10, [1, 4, 9]);
  });

  test('a CRLF split across chunks after a dropped line is dropped whole', () => {
    const { gate: g } = gate(10);
    const out = [g.pass(Buffer.from(`data: ${'a'.repeat(30)}\ndata: dropped\r`)), g.pass(Buffer.from('\nid: 7\n\n'))];
    expect(Buffer.concat(out).toString()).toBe(`data: ${'a'.repeat(10)}\nid: 7\n\n`);
  });

  test('lines that only look like data at first are held, then passed (comments, unknown fields, `da`)', () => {
    const text = `data: ${'b'.repeat(40)}\nda\ndatum: 1\n: note\nretry: 5\ndata\nid: z\n\ndata: after\n\n`;
    expect(through(gate(16).gate, text).toString()).toBe(
      `data: ${'b'.repeat(16)}\nda\ndatum: 1\n: note\nretry: 5\nid: z\n\ndata: after\n\n`,
    );
    expectSameEvents(text, 16, [1, 3, 8]);
  });

  test('a leading BOM, even split, is not part of the first line', () => {
    const { gate: g } = gate(10);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const out = [
      g.pass(bom.subarray(0, 2)),
      g.pass(Buffer.concat([bom.subarray(2), Buffer.from(`data: ${'c'.repeat(30)}\n\n`)])),
    ];
    expect(Buffer.concat(out).toString('latin1')).toBe(`${bom.toString('latin1')}data: ${'c'.repeat(10)}\n\n`);
  });

  test('multi-byte characters: the parser gets at least the cap in bytes, so the cut at maxEventBytes is exact', () => {
    const text = `data: ${'€'.repeat(20)}\n\nid: 2\ndata: 🎉\n\n`;
    // 10 bytes of value pass: three whole euros and the first byte of the fourth.
    const out = through(gate(10).gate, text);
    expect(out.toString('latin1')).toBe(
      `${Buffer.from(`data: ${'€'.repeat(3)}`).toString('latin1')}\xe2\n\nid: 2\n${Buffer.from('data: 🎉').toString('latin1')}\n\n`,
    );
    expect(delivered(out, 6)).toEqual([
      { type: 'message', id: '', data: '€€', truncated: true },
      { type: 'message', id: '2', data: '🎉', truncated: false },
    ]);
    expectSameEvents(text, 10, [1, 2, 5]);
  });

  test('an id line beyond the line cap is made invalid (NUL), reported, and the stream goes on', () => {
    const text = `id: ${'i'.repeat(1000)}\ndata: x\n\nid: ok\ndata: y\n\n`;
    for (const size of [undefined, 50]) {
      const { gate: g, reports } = gate(100, 128);
      expect(through(g, text, size).toString(), `chunks of ${size}`).toBe(
        `id: ${'i'.repeat(124)}\0\ndata: x\n\nid: ok\ndata: y\n\n`,
      );
      expect(reports).toEqual(['id']);
    }
  });

  test('an event: or retry: line beyond the line cap is cut and reported; the stream goes on', () => {
    const { gate: g, reports } = gate(100, 128);
    const out = through(g, `event: ${'t'.repeat(1000)}\ndata: x\n\nretry: ${'9'.repeat(1000)}\ndata: y\n\n`, 64);
    expect(out.toString()).toBe(`event: ${'t'.repeat(121)}\ndata: x\n\nretry: ${'9'.repeat(121)}\ndata: y\n\n`);
    expect(reports).toEqual(['field', 'field']);
  });

  test('an event beyond reportBytes is reported once', () => {
    const { gate: g, reports } = gate(10, 64, 100);
    through(g, `data: ${'d'.repeat(150)}\ndata: ${'d'.repeat(150)}\n\ndata: ${'d'.repeat(50)}\n\n`, 16);
    expect(reports).toEqual(['event']);
  });

  test('memory stays bounded: of a 24 MiB event at most twice the cap is passed on, nothing is held', () => {
    const cap = 1024 * 1024 + 4;
    const { gate: g, reports } = gate(cap, 1024 * 1024, 16 * 1024 * 1024);
    const head = Buffer.from('id: huge\ndata: ');
    const piece = Buffer.alloc(64 * 1024, 'z');
    let passed = g.pass(head).length;
    for (let i = 0; i < 384; i++) passed += g.pass(piece).length; // 24 MiB of data, never a line end
    const tail = Buffer.from(g.pass(Buffer.from('\nid: after\n\nid: next\ndata: ok\n\n'))).toString();
    expect(tail).toBe('\nid: after\n\nid: next\ndata: ok\n\n');
    expect(passed).toBeGreaterThanOrEqual(head.length + cap);
    expect(passed).toBeLessThanOrEqual(head.length + 2 * cap);
    expect(reports).toEqual(['event']);
  });
});
