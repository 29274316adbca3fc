/**
 * Keeps one huge event from overflowing the SSE parser. It sits on the byte stream in front of the eventsource
 * parser. Once an event's data passes `dataCap` bytes, the rest of that event's `data:` content is not passed
 * on; every other line (`id:`, `event:`, `retry:`, comments) and the blank line that ends the event still are.
 * The parser then dispatches the event with its first `dataCap` bytes (the connection cuts that to maxEventBytes
 * and marks it truncated), applies its id, and the stream goes on on the same connection. The gate holds at
 * most 6 bytes of its own; the parser never holds much more than 2 × dataCap + lineCap for one event.
 *
 * Two paths:
 *  - fast (the usual case): while the bytes since the last blank line, plus this chunk, stay within `dataCap`,
 *    the chunk passes untouched; the gate only notes (with native searches) where the last blank line was and
 *    how the chunk's last line starts.
 *  - careful: otherwise the chunk is walked line by line (CR, LF, CRLF, even split across chunks). Data is
 *    counted from the moment the careful path took over (a lower bound, so the parser always gets at least
 *    `dataCap` bytes of an event that is cut).
 * An `id:`, `event:` or `retry:` line longer than `lineCap` is cut too; an id is then made invalid (a NUL is
 * added, which the parser ignores per spec) rather than applied cut short.
 */
const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;
const BOM = [0xef, 0xbb, 0xbf];
const LF_LF = Buffer.from('\n\n');
const CR_CR = Buffer.from('\r\r');
const LF_CR = Buffer.from('\n\r');
const NUL_BYTE = Uint8Array.of(0);
const CR_BYTE = Uint8Array.of(CR);
const PREFIX = 6;

// Line kinds (by the field name at the start of the line).
const UNDECIDED = 0;
const DATA = 1;
const ID = 2;
/** `event:` or `retry:`: buffered by the parser like data. */
const FIELD = 3;
/** Comments and unknown fields: the parser skips them without buffering. */
const OTHER = 4;

// What happens to the current line (careful path).
const FORWARD = 0;
/** The event is being cut and the line may be a data line: its first bytes are held until that is known. */
const HOLD = 1;
/** A data line of an event being cut: dropped with its line ending. */
const DROP_LINE = 2;
/** The line passed a cap mid-way: the rest of its content is dropped, its line ending is passed on. */
const DROP_REST = 3;

const NAMES: Record<number, { name: number[]; kind: number }> = {
  100: { name: [100, 97, 116, 97], kind: DATA }, // data
  105: { name: [105, 100], kind: ID }, // id
  101: { name: [101, 118, 101, 110, 116], kind: FIELD }, // event
  114: { name: [114, 101, 116, 114, 121], kind: FIELD }, // retry
};

/** The kind of a line from its first bytes (`prefix`, up to 6) and length; `complete`: the line has ended. */
export function classifyLine(prefix: Uint8Array, len: number, complete: boolean): number {
  if (len === 0) return complete ? OTHER : UNDECIDED;
  const entry = NAMES[prefix[0]!];
  if (entry === undefined) return OTHER;
  const { name, kind } = entry;
  const m = name.length;
  const upto = Math.min(len, m);
  for (let i = 1; i < upto; i++) if (prefix[i] !== name[i]) return OTHER;
  if (len < m) return complete ? OTHER : UNDECIDED;
  if (len === m) return complete ? kind : UNDECIDED;
  return prefix[m] === COLON ? kind : OTHER;
}

/** Bytes of a `data:` line's value within its first `len` bytes (after `data:` and one optional space). */
function valueBytes(prefix: Uint8Array, len: number): number {
  if (len <= 5) return 0;
  return len - (prefix[5] === SPACE ? 6 : 5);
}

export type GateReport = 'event' | 'id' | 'field';

export interface GateLimits {
  /** Data bytes of one event passed on to the parser (at least; a little more when counting started late). */
  dataCap: number;
  /** Bytes of one `id:`, `event:` or `retry:` line passed on. */
  lineCap: number;
  /** An event whose data passes this many bytes is reported as 'event' (once). */
  reportBytes: number;
}

export class EventGate {
  /** Bytes of a leading BOM matched so far; -1 once past the stream start. */
  private bom = 0;
  /** Bytes of the current line so far (its first PREFIX bytes are in `prefix`). */
  private lineLen = 0;
  private readonly prefix = new Uint8Array(PREFIX);
  /** The last byte seen was a CR ending a line: a LF first in the next chunk completes a CRLF. */
  private afterCR = false;
  /** That CR was dropped with its line, so such a LF is dropped too. */
  private crDropped = false;
  /** The last byte passed on was a CR. */
  private outEndsCR = false;
  /** Upper bound of the bytes since the last blank line (what the parser may be holding). */
  private pending = 0;

  // Careful path only.
  private careful = false;
  private kind = UNDECIDED;
  private mode = FORWARD;
  /** Data bytes of the current event counted on the careful path (dropped ones included). */
  private data = 0;
  private dataLines = false;
  /** The current event's data passed dataCap: its further data lines are dropped. */
  private dropping = false;
  private injectNul = false;
  private reported = false;

  // Output of one careful chunk: parts so far, and the start of the current run of passed bytes.
  private parts: Uint8Array[] = [];
  private runStart = 0;
  private blankAt = -1;

  constructor(
    private readonly limits: GateLimits,
    private readonly report: (what: GateReport) => void,
  ) {}

  /** Passes a chunk; returns what the parser should get (the chunk itself unless something was cut). */
  pass(chunk: Uint8Array): Uint8Array {
    const n = chunk.byteLength;
    if (n === 0) return chunk;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, n);
    let from = 0;
    if (this.bom >= 0) {
      from = this.skipBom(buf);
      if (from === n) return chunk;
    }
    if (!this.dropping && !this.crDropped && this.pending + n <= this.limits.dataCap) {
      this.fast(buf, from);
      return chunk;
    }
    return this.slow(buf, from);
  }

  /** A leading BOM (the decoder strips it) is not part of the first line. Returns where the content starts. */
  private skipBom(buf: Buffer): number {
    const before = this.bom;
    let i = 0;
    while (i < buf.length && this.bom < 3 && buf[i] === BOM[this.bom]) {
      i++;
      this.bom++;
    }
    if (this.bom === 3) {
      this.bom = -1;
      return i;
    }
    if (i === buf.length) return i; // may still be a BOM
    // Not a BOM after all: the bytes matched in earlier chunks start the first line.
    this.bom = -1;
    for (let k = 0; k < before; k++) this.prefix[k] = BOM[k]!;
    this.lineLen = before;
    return 0;
  }

  // ── fast path ─────────────────────────────────────────────────────────────────────────────────────────────

  private fast(buf: Buffer, from: number): void {
    const n = buf.length;
    this.careful = false;
    const start = this.afterCR && buf[from] === LF ? from + 1 : from;
    const lastLf = buf.lastIndexOf(LF);
    const lastCr = buf.lastIndexOf(CR);
    const last = lastLf > lastCr ? lastLf : lastCr;
    // The last blank line: a line ending right after another (LF LF, LF CR, CR CR; CR LF is one ending).
    let blank = buf.lastIndexOf(LF_LF);
    if (lastCr > blank) blank = Math.max(blank, buf.lastIndexOf(CR_CR), buf.lastIndexOf(LF_CR));
    if (blank < 0 && this.lineLen === 0 && start < n && (buf[start] === LF || buf[start] === CR)) blank = start;
    this.pending = blank >= 0 ? n - blank : this.pending + n;
    if (last < start) {
      this.addPrefix(buf, start, n);
      this.afterCR = false;
    } else {
      this.lineLen = 0;
      this.addPrefix(buf, last + 1, n);
      this.afterCR = last === n - 1 && buf[last] === CR;
    }
    this.outEndsCR = buf[n - 1] === CR;
  }

  private addPrefix(buf: Buffer, s: number, e: number): void {
    const len = this.lineLen;
    for (let k = len; k < PREFIX && s + k - len < e; k++) this.prefix[k] = buf[s + k - len]!;
    this.lineLen = len + (e - s);
  }

  // ── careful path ──────────────────────────────────────────────────────────────────────────────────────────

  private slow(buf: Buffer, from: number): Uint8Array {
    const n = buf.length;
    if (!this.careful) {
      // Taking over mid-event: the line state is known, the data count starts at zero (a lower bound).
      this.careful = true;
      this.data = 0;
      this.dropping = false;
      this.reported = false;
      this.injectNul = false;
      this.kind = this.lineLen === 0 ? UNDECIDED : classifyLine(this.prefix, this.lineLen, false);
      this.dataLines = this.kind === DATA;
      this.mode = FORWARD;
    }
    this.parts = [];
    this.runStart = 0;
    this.blankAt = -1;
    let i = from;
    if (this.afterCR) {
      this.afterCR = false;
      if (buf[i] === LF) {
        if (this.crDropped) this.skip(buf, i, i + 1);
        i++;
      }
      this.crDropped = false;
    }
    let cr = buf.indexOf(CR, i);
    let lf = buf.indexOf(LF, i);
    while (i < n) {
      const t = cr === -1 ? lf : lf === -1 ? cr : cr < lf ? cr : lf;
      const end = t === -1 ? n : t;
      if (end > i) this.content(buf, i, end);
      if (t === -1) break;
      let next = t + 1;
      if (buf[t] === CR && next < n && buf[next] === LF) next++;
      this.lineEnd(buf, t, next, next === n && buf[t] === CR && next === t + 1);
      i = next;
      if (cr !== -1 && cr < i) cr = buf.indexOf(CR, i);
      if (lf !== -1 && lf < i) lf = buf.indexOf(LF, i);
    }
    this.pending = this.blankAt >= 0 ? n - this.blankAt : this.pending + n;
    let out: Uint8Array;
    if (this.parts.length === 0) {
      out = this.runStart === 0 ? buf : buf.subarray(this.runStart);
    } else {
      if (this.runStart < n) this.parts.push(buf.subarray(this.runStart));
      out = Buffer.concat(this.parts);
    }
    this.parts = [];
    if (out.length > 0) this.outEndsCR = out[out.length - 1] === CR;
    return out;
  }

  /** Bytes [s, e) of the current line's content (no line ending). */
  private content(buf: Buffer, s: number, e: number): void {
    const oldLen = this.lineLen;
    this.addPrefix(buf, s, e);
    const newLen = this.lineLen;
    const undecided = this.kind === UNDECIDED;
    if (undecided) this.kind = classifyLine(this.prefix, newLen, false);
    const kind = this.kind;
    const isData = kind === DATA;
    if (isData && undecided) this.joinLine();
    const added = isData ? valueBytes(this.prefix, newLen) - valueBytes(this.prefix, oldLen) : 0;

    if (this.mode === HOLD) {
      if (kind === UNDECIDED || isData) {
        // Still undecided (all of it is in `prefix`), or a data line of an event being cut: not passed on.
        this.skip(buf, s, e);
        if (isData) {
          this.mode = DROP_LINE;
          this.addData(added);
        }
        return;
      }
      // Not a data line: release what was held (from earlier chunks) and pass the line on.
      if (oldLen > 0) this.inject(buf, s, this.prefix.slice(0, oldLen));
      this.mode = FORWARD;
    }
    if (this.mode === FORWARD) {
      if (isData) {
        if (!this.dropping && this.data + added > this.limits.dataCap) {
          // The value's bytes are the last `added` bytes of this piece: pass on what is still allowed.
          const allowed = Math.max(0, this.limits.dataCap - this.data);
          this.skip(buf, e - added + allowed, e);
          this.mode = DROP_REST;
          this.dropping = true;
        }
        this.addData(added);
      } else if ((kind === ID || kind === FIELD) && newLen > this.limits.lineCap) {
        this.skip(buf, s + Math.max(0, this.limits.lineCap - oldLen), e);
        this.mode = DROP_REST;
        this.injectNul = kind === ID;
        this.report(kind === ID ? 'id' : 'field');
      }
      return;
    }
    // DROP_LINE, DROP_REST
    this.skip(buf, s, e);
    this.addData(added);
  }

  /** The current line ends with the bytes [t, next); `crAtEnd`: it is a CR, last in the chunk. */
  private lineEnd(buf: Buffer, t: number, next: number, crAtEnd: boolean): void {
    this.afterCR = crAtEnd;
    this.crDropped = false;
    if (this.lineLen === 0) {
      // A blank line: the event ends. A LF right after a passed CR would read as CRLF: make it a CRLF itself.
      if (buf[t] === LF && this.lastOutIsCR(buf, t)) this.inject(buf, t, CR_BYTE);
      this.blankAt = t;
      this.data = 0;
      this.dataLines = false;
      this.dropping = false;
      this.reported = false;
      this.newLine();
      return;
    }
    if (this.kind === UNDECIDED) {
      this.kind = classifyLine(this.prefix, this.lineLen, true);
      if (this.kind === DATA) {
        this.joinLine();
        if (this.mode === FORWARD && this.data > this.limits.dataCap) this.dropping = true;
      }
    }
    const mode = this.mode;
    if (mode === HOLD) {
      if (this.kind === DATA) {
        this.skip(buf, t, next);
        this.crDropped = crAtEnd;
      } else {
        this.inject(buf, t, this.prefix.slice(0, this.lineLen));
      }
    } else if (mode === DROP_LINE) {
      this.skip(buf, t, next);
      this.crDropped = crAtEnd;
    } else if (mode === DROP_REST && this.injectNul) {
      this.inject(buf, t, NUL_BYTE);
    }
    this.newLine();
  }

  private newLine(): void {
    this.lineLen = 0;
    this.kind = UNDECIDED;
    this.mode = this.dropping ? HOLD : FORWARD;
    this.injectNul = false;
  }

  /** A data line after the first adds a LF to the event's data. */
  private joinLine(): void {
    if (this.dataLines) this.addData(1);
    else this.dataLines = true;
  }

  private addData(bytes: number): void {
    this.data += bytes;
    if (!this.reported && this.data > this.limits.reportBytes) {
      this.reported = true;
      this.report('event');
    }
  }

  /** Drops bytes [s, e) of the chunk. */
  private skip(buf: Buffer, s: number, e: number): void {
    if (e <= s) return;
    if (s > this.runStart) this.parts.push(buf.subarray(this.runStart, s));
    this.runStart = e;
  }

  /** Passes on `bytes` before position `at` of the chunk. */
  private inject(buf: Buffer, at: number, bytes: Uint8Array): void {
    if (at > this.runStart) this.parts.push(buf.subarray(this.runStart, at));
    this.runStart = at;
    if (bytes.length > 0) this.parts.push(bytes);
  }

  private lastOutIsCR(buf: Buffer, at: number): boolean {
    if (at > this.runStart) return buf[at - 1] === CR;
    const last = this.parts[this.parts.length - 1];
    if (last !== undefined) return last[last.length - 1] === CR;
    return this.outEndsCR;
  }
}
