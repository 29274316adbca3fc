/**
 * The stream reader: bytes of one response body → events, in one pass, by the WHATWG rules for interpreting an
 * event stream (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 *
 * It works on bytes and decodes each field value once. That is the same as decoding the stream first: CR and LF
 * are single bytes that never occur inside a UTF-8 sequence, so a line's bytes decode alone exactly as they do in
 * the stream (invalid sequences become U+FFFD either way). One leading BOM (EF BB BF, even split) is dropped, as
 * UTF-8 decode does; a second one is an ordinary character and makes its line's field name unknown.
 *
 * Rules it follows however the bytes are chunked: CR, LF and CRLF end lines (a CRLF split between chunks is one
 * line end); `id` with NUL is ignored; `id` sets the last event ID buffer, which is not reset per event and
 * becomes the last event ID string at every blank line — before the check for data, so an id-only block moves
 * it and an empty `id:` resets it; `retry:` is only ASCII digits and applies at once; a block without data
 * dispatches nothing; a half-received block at the end of the stream is discarded (call end() or just drop the
 * reader) and its id is not used.
 *
 * Limits (resource bounds, not in the standard): an event's data is kept up to `dataCap` bytes and the event is
 * marked truncated (the rest of it is skipped, the stream goes on); an `event:` value beyond `lineCap` is cut; an
 * `id:` value beyond `lineCap` is ignored; each is reported once through `problem`. Memory held for one event is
 * about dataCap + lineCap, whatever the server sends.
 */

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = [0xef, 0xbb, 0xbf];

export interface StreamEvent {
  /** The event type; `message` when the block had no (or an empty) `event:` field. */
  type: string;
  data: string;
  /** The block's own `id:` value, null when it had none (or an empty one). */
  id: string | null;
  /** The last event ID buffer at dispatch, as the standard defines it (the MessageEvent's lastEventId). */
  lastEventId: string;
  /** Data beyond dataCap bytes was not kept. */
  truncated: boolean;
  /** UTF-8 bytes of the event's whole data as sent (also beyond the cap). */
  dataBytes: number;
}

export type StreamProblem = 'event' | 'id' | 'field';

export interface StreamSink {
  event(event: StreamEvent): void;
  /** The last event ID string changed (at a blank line): an id-only block, a new id, or an empty `id:` (''). */
  lastEventId(id: string): void;
  /** A valid `retry:` field, in ms (may be huge: the caller clamps). */
  retry(ms: number): void;
  /** A limit was hit (see the module comment). `event`: the data passed `reportBytes`. */
  problem(what: StreamProblem): void;
}

export interface StreamLimits {
  /** Data bytes kept per event (the caller cuts to its exact cap on a character boundary). */
  dataCap: number;
  /** Longest `id:` / `event:` value kept. */
  lineCap: number;
  /** An event whose data passes this many bytes is reported as a problem (once). */
  reportBytes: number;
}

// What the line being assembled across chunks is (decided from its first bytes).
const UNKNOWN = 0;
const DATA = 1;
const ID = 2;
const EVENT = 3;
const RETRY = 4;
/** Comments and unknown fields: nothing of them is kept. */
const IGNORED = 5;

const FIELDS: [number[], number][] = [
  [[100, 97, 116, 97], DATA],
  [[105, 100], ID],
  [[101, 118, 101, 110, 116], EVENT],
  [[114, 101, 116, 114, 121], RETRY],
];

/**
 * The field of a line from its first bytes [start, end). `complete`: the line has ended there. While the bytes
 * are still a prefix of a field name (an incomplete line), UNKNOWN.
 */
function fieldOf(bytes: Uint8Array, start: number, end: number, complete: boolean): number {
  const len = end - start;
  if (len === 0) return complete ? IGNORED : UNKNOWN;
  if (bytes[start] === COLON) return IGNORED;
  let undecided = false;
  for (const [name, kind] of FIELDS) {
    const m = name.length;
    const upto = Math.min(len, m);
    let i = 0;
    while (i < upto && bytes[start + i] === name[i]) i++;
    if (i < upto) continue;
    if (len > m) {
      if (bytes[start + m] === COLON) return kind;
    } else if (len === m && complete) {
      return kind; // a bare field name: the value is empty
    } else {
      undecided = true;
    }
  }
  return undecided && !complete ? UNKNOWN : IGNORED;
}

export class EventStreamReader {
  private bomSeen = 0;
  private bomDone = false;
  /** The previous chunk ended with CR: an LF starting this chunk belongs to it. */
  private skipLF = false;

  // The line being assembled across chunks.
  private partial: Buffer[] = [];
  private partialLen = 0;
  private partialKind = UNKNOWN;
  /** Bytes of the partial line seen (also those not kept). */
  private partialSeen = 0;

  // The block (event) being assembled.
  private data = '';
  private dataLines = 0;
  private dataBytes = 0;
  private truncated = false;
  private reported = false;
  private type = '';
  private blockId: string | null = null;
  private idBuffer: string;
  private lastEventIdString: string;

  constructor(
    private readonly limits: StreamLimits,
    private readonly sink: StreamSink,
    /** The last event ID string the stream starts with (the id sent as Last-Event-ID, or ''). */
    initialLastEventId = '',
  ) {
    this.idBuffer = initialLastEventId;
    this.lastEventIdString = initialLastEventId;
  }

  /** Reads one chunk of the body; events are handed to the sink as their blocks end. */
  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = bytes.length;
    let i = 0;
    if (!this.bomDone) {
      while (i < n && this.bomSeen < 3 && bytes[i] === BOM[this.bomSeen]) {
        i++;
        this.bomSeen++;
      }
      if (this.bomSeen === 3) this.bomDone = true;
      else if (i < n) {
        this.bomDone = true;
        // A partial BOM that did not complete is ordinary input after all.
        if (this.bomSeen > 0) this.appendPartial(Buffer.from(BOM.slice(0, this.bomSeen)), 0, this.bomSeen);
      } else return;
    }
    if (this.skipLF && i < n) {
      this.skipLF = false;
      if (bytes[i] === LF) i++;
    }
    let lf = bytes.indexOf(LF, i);
    let cr = bytes.indexOf(CR, i);
    while (i < n) {
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        this.appendPartial(bytes, i, n);
        return;
      }
      if (this.partialSeen > 0) {
        this.appendPartial(bytes, i, end);
        this.finishPartial();
      } else {
        this.line(bytes, i, end, fieldOf(bytes, i, end, true));
      }
      i = end + 1;
      if (bytes[end] === CR) {
        if (i === n) this.skipLF = true;
        else if (bytes[i] === LF) i++;
      }
      if (lf !== -1 && lf < i) lf = bytes.indexOf(LF, i);
      if (cr !== -1 && cr < i) cr = bytes.indexOf(CR, i);
    }
  }

  /** The stream ended: a half-received block is discarded, its id unused (the standard's end-of-file rule). */
  end(): void {
    this.partial = [];
    this.partialLen = 0;
    this.partialSeen = 0;
    this.partialKind = UNKNOWN;
    this.resetBlock();
    this.idBuffer = this.lastEventIdString;
  }

  private appendPartial(bytes: Buffer, start: number, end: number): void {
    if (end <= start) return;
    if (this.partialKind === UNKNOWN) {
      // Decide what the line is as soon as its first bytes allow; until then keep (at most a few) bytes.
      const head = this.partialLen > 0 ? Buffer.concat([...this.partial, bytes.subarray(start, end)]) : null;
      this.partialKind = head ? fieldOf(head, 0, head.length, false) : fieldOf(bytes, start, end, false);
    }
    this.partialSeen += end - start;
    const keep = Math.min(end - start, Math.max(0, this.keepLimit() - this.partialLen));
    if (keep > 0) {
      this.partial.push(Buffer.from(bytes.subarray(start, start + keep)));
      this.partialLen += keep;
    }
  }

  /** Bytes of a partial line worth keeping: a data line up to the event's remaining budget (plus its name). */
  private keepLimit(): number {
    switch (this.partialKind) {
      case UNKNOWN:
        return 6;
      case DATA:
        return 6 + Math.max(0, this.limits.dataCap - this.dataBytes);
      case ID:
      case EVENT:
      case RETRY:
        return 7 + this.limits.lineCap + 1;
      default:
        return 0;
    }
  }

  private finishPartial(): void {
    const line = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial, this.partialLen);
    const seen = this.partialSeen;
    const kind = this.partialKind === UNKNOWN ? fieldOf(line, 0, line.length, true) : this.partialKind;
    this.partial = [];
    this.partialLen = 0;
    this.partialSeen = 0;
    this.partialKind = UNKNOWN;
    this.line(line, 0, line.length, kind, seen - line.length);
  }

  /** One complete line, bytes[start, end); `dropped`: bytes of it not kept (a line longer than its limit). */
  private line(bytes: Buffer, start: number, end: number, kind: number, dropped = 0): void {
    if (end === start && dropped === 0) {
      this.dispatch();
      return;
    }
    if (kind === IGNORED) return;
    let value = start + (kind === DATA ? 4 : kind === ID ? 2 : 5) + 1; // past the name and the colon
    if (value > end)
      value = end; // a bare field name ("data"): empty value
    else if (value < end && bytes[value] === SPACE) value++;
    const length = end - value + dropped;
    switch (kind) {
      case DATA:
        this.appendData(bytes, value, end, length);
        break;
      case ID: {
        if (length > this.limits.lineCap) {
          this.sink.problem('id');
          break;
        }
        const nul = bytes.indexOf(0, value);
        if (nul !== -1 && nul < end) break; // NUL: the field is ignored
        const id = bytes.toString('utf8', value, end);
        this.idBuffer = id;
        this.blockId = id;
        break;
      }
      case EVENT:
        if (length > this.limits.lineCap) {
          this.sink.problem('field');
          end = value + this.limits.lineCap;
        }
        this.type = bytes.toString('utf8', value, Math.min(end, bytes.length));
        break;
      case RETRY: {
        if (value === end || dropped > 0) break;
        let ms = 0;
        for (let k = value; k < end; k++) {
          const c = bytes[k]!;
          if (c < 48 || c > 57) return;
          ms = ms * 10 + (c - 48);
        }
        this.sink.retry(ms);
        break;
      }
    }
  }

  private appendData(bytes: Buffer, value: number, end: number, length: number): void {
    // The data buffer gets the value and a LF per line; the final LF is removed at dispatch.
    const separator = this.dataLines > 0 ? 1 : 0;
    const total = this.dataBytes + separator + length;
    if (!this.reported && total > this.limits.reportBytes) {
      this.reported = true;
      this.sink.problem('event');
    }
    const room = this.limits.dataCap - this.dataBytes - separator;
    if (room >= length) {
      const text = bytes.toString('utf8', value, end);
      this.data = this.dataLines > 0 ? `${this.data}\n${text}` : text;
    } else {
      this.truncated = true;
      if (room >= 0) {
        const text = bytes.toString('utf8', value, Math.min(end, value + room));
        this.data = this.dataLines > 0 ? `${this.data}\n${text}` : text;
      }
    }
    this.dataLines++;
    this.dataBytes = total;
  }

  private dispatch(): void {
    if (this.idBuffer !== this.lastEventIdString) {
      this.lastEventIdString = this.idBuffer;
      this.sink.lastEventId(this.idBuffer);
    }
    if (this.dataLines > 0) {
      this.sink.event({
        type: this.type === '' ? 'message' : this.type,
        data: this.data,
        id: this.blockId === '' ? null : this.blockId,
        lastEventId: this.lastEventIdString,
        truncated: this.truncated,
        dataBytes: this.dataBytes,
      });
    }
    this.resetBlock();
  }

  private resetBlock(): void {
    this.data = '';
    this.dataLines = 0;
    this.dataBytes = 0;
    this.truncated = false;
    this.reported = false;
    this.type = '';
    this.blockId = null;
  }
}
