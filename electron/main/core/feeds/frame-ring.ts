/** The last raw frames a feed received, for the stream inspector (bounded: 50 frames of at most 4 KiB). */
import type { RawFrame } from '../../../../shared/domain';

const FRAMES = 50;
const FRAME_BYTES = 4096;

export class FrameRing {
  private readonly ring: { at: number; bytes: Uint8Array }[] = [];
  private next = 0;

  add(at: number, chunk: Uint8Array): void {
    const frame = { at, bytes: chunk.byteLength > FRAME_BYTES ? chunk.slice(0, FRAME_BYTES) : chunk.slice() };
    if (this.ring.length < FRAMES) this.ring.push(frame);
    else this.ring[this.next] = frame;
    this.next = (this.next + 1) % FRAMES;
  }

  frames(): RawFrame[] {
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const n = this.ring.length;
    const start = n < FRAMES ? 0 : this.next;
    const out: RawFrame[] = [];
    for (let k = 0; k < n; k++) {
      const frame = this.ring[(start + k) % n]!;
      out.push({ at: frame.at, text: decoder.decode(frame.bytes) });
    }
    return out;
  }
}
