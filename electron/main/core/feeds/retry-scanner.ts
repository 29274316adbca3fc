/**
 * Watches the raw byte stream for `retry:` fields (the eventsource package keeps the value private). Lines may be
 * split across chunks at any byte; CR, LF and CRLF end lines. The search runs natively (Buffer.indexOf), so the
 * per-chunk cost stays small on busy streams.
 */
const CR = 13;
const LF = 10;
const PREFIX = Buffer.from('retry:');
const MAX_LINE = 64;
const BOM = [0xef, 0xbb, 0xbf];

function isPrefixOfRetry(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, PREFIX.length);
  for (let i = 0; i < n; i++) if (bytes[i] !== PREFIX[i]) return false;
  return true;
}

/** Parses a complete `retry:` line (without terminator); null unless the value is ASCII digits. */
function parseLine(line: Uint8Array): number | null {
  if (line.length < PREFIX.length || !isPrefixOfRetry(line)) return null;
  let i = PREFIX.length;
  if (line[i] === 32) i++;
  if (i >= line.length) return null;
  let value = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  return value;
}

export class RetryScanner {
  private lineStart = true;
  private streamStart = true;
  private bomBytes = 0;
  private carry: Uint8Array | null = null;

  /** Feeds a chunk; returns the last complete `retry:` value (ms) it finished, or null. */
  scan(chunk: Uint8Array): number | null {
    const n = chunk.length;
    if (n === 0) return null;
    let found: number | null = null;
    let i = 0;
    if (this.streamStart) {
      // Skip one leading BOM, even when it is split across chunks.
      while (i < n && this.bomBytes < 3 && chunk[i] === BOM[this.bomBytes]) {
        i++;
        this.bomBytes++;
      }
      if (this.bomBytes === 3 || i < n) this.streamStart = false;
      if (i === n) return null;
    }
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== null) {
      let end = i;
      while (end < n && buf[end] !== LF && buf[end] !== CR) end++;
      if (this.carry.length + (end - i) <= MAX_LINE) {
        const joined = new Uint8Array(this.carry.length + (end - i));
        joined.set(this.carry);
        joined.set(buf.subarray(i, end), this.carry.length);
        this.carry = joined;
      } else {
        this.carry = new Uint8Array(0); // too long to be a valid retry line: drop it when it ends
      }
      if (end === n) return null;
      const value = this.carry.length > 0 ? parseLine(this.carry) : null;
      if (value !== null) found = value;
      this.carry = null;
      i = end;
      this.lineStart = false;
    }
    // The last, unterminated line of the chunk (it may continue in the next chunk).
    const lastLf = buf.lastIndexOf(LF);
    const lastCr = buf.lastIndexOf(CR);
    const lastTerm = Math.max(lastLf, lastCr);
    const tailStart = lastTerm >= i ? lastTerm + 1 : i;
    const tailIsLineStart = lastTerm >= i ? true : this.lineStart;

    let p = buf.indexOf(PREFIX, i);
    while (p !== -1 && p < tailStart) {
      const atLineStart = p === i ? this.lineStart : buf[p - 1] === LF || buf[p - 1] === CR;
      if (atLineStart) {
        let end = p + PREFIX.length;
        while (end < n && buf[end] !== LF && buf[end] !== CR) end++;
        if (end - p <= MAX_LINE) {
          const value = parseLine(buf.subarray(p, end));
          if (value !== null) found = value;
        }
      }
      p = buf.indexOf(PREFIX, p + PREFIX.length);
    }
    if (tailStart < n && tailIsLineStart) {
      const tail = buf.subarray(tailStart);
      if (tail.length <= MAX_LINE && isPrefixOfRetry(tail)) this.carry = Uint8Array.from(tail);
    }
    this.lineStart = tailStart === n;
    return found;
  }
}
