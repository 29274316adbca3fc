#!/usr/bin/env node
// Draws Tidings' icons as PNGs with no dependencies (signed distances, 4×4 supersampling, zlib):
//   icon.png (512×512 app icon; electron-builder derives .ico/.icns from it)
//   tray-{live,failing,paused,dnd}.png (32×32) and @2x (64×64);
//   tray-{live,failing,paused,dnd}Template.png (18×18) and @2x (36×36) for the macOS menu bar: black and alpha only,
//   which macOS draws in the menu bar's own colour (light or dark) because the name ends in "Template".
// Run: node electron/resources/generate-icons.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes: each returns true when the point (unit square, y down) is inside ----
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
/** Quarter ring opening up-right from (ox, oy): the arcs of a feed symbol. */
const arc = (ox, oy, r, w) => (x, y) => {
  const d = Math.hypot(x - ox, y - oy);
  return x >= ox && y <= oy && d >= r - w / 2 && d <= r + w / 2;
};
const any =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
/** Feed glyph (dot + two arcs) inside the box [x0,y0]–[x0+s,y0+s]. */
const feedGlyph = (x0, y0, s) => {
  const ox = x0 + 0.14 * s;
  const oy = y0 + 0.86 * s;
  return any(
    circle(ox + 0.06 * s, oy - 0.06 * s, 0.12 * s),
    arc(ox, oy, 0.46 * s, 0.17 * s),
    arc(ox, oy, 0.78 * s, 0.17 * s),
  );
};

/** Layers painted bottom to top: [shape, colour(x,y) → [r,g,b,a]]. */
function render(size, layers, samples = 4) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let c = [0, 0, 0, 0];
          for (const [shape, colour] of layers) {
            if (!shape(x, y)) continue;
            const top = typeof colour === 'function' ? colour(x, y) : colour;
            const ta = top[3] / 255;
            const ca = c[3] / 255;
            const oa = ta + ca * (1 - ta);
            c =
              oa === 0
                ? [0, 0, 0, 0]
                : [
                    (top[0] * ta + c[0] * ca * (1 - ta)) / oa,
                    (top[1] * ta + c[1] * ca * (1 - ta)) / oa,
                    (top[2] * ta + c[2] * ca * (1 - ta)) / oa,
                    oa * 255,
                  ];
          }
          // premultiplied accumulation keeps anti-aliased edges clean
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      out[i] = a ? Math.round(r / a) : 0;
      out[i + 1] = a ? Math.round(g / a) : 0;
      out[i + 2] = a ? Math.round(b / a) : 0;
      out[i + 3] = Math.round(a / (samples * samples));
    }
  }
  return out;
}

const WHITE = [255, 255, 255, 255];
const mix = (c1, c2, t) => [0, 1, 2].map((k) => c1[k] + (c2[k] - c1[k]) * t).concat(255);

// App icon: rounded square, teal → indigo, white feed glyph.
const appLayers = [
  [roundRect(0.04, 0.04, 0.96, 0.96, 0.2), (_x, y) => mix([20, 184, 166], [79, 70, 229], y)],
  [feedGlyph(0.21, 0.25, 0.54), WHITE],
];

const disc = circle(0.5, 0.5, 0.47);
const tray = {
  live: [
    [disc, [22, 163, 74, 255]],
    [feedGlyph(0.22, 0.26, 0.52), WHITE],
  ],
  failing: [
    [disc, [220, 38, 38, 255]],
    [any(roundRect(0.43, 0.18, 0.57, 0.6, 0.05), circle(0.5, 0.76, 0.085)), WHITE],
  ],
  paused: [
    [disc, [107, 114, 128, 255]],
    [any(roundRect(0.3, 0.26, 0.43, 0.74, 0.03), roundRect(0.57, 0.26, 0.7, 0.74, 0.03)), WHITE],
  ],
  dnd: [
    [disc, [99, 102, 241, 255]],
    [roundRect(0.22, 0.42, 0.78, 0.58, 0.06), WHITE],
  ],
};

// macOS template images: shape only (black + alpha), so each state needs its own silhouette.
const BLACK = [0, 0, 0, 255];
const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - w;
};
const template = {
  live: [[feedGlyph(0.1, 0.1, 0.8), BLACK]],
  failing: [
    [ring(0.5, 0.5, 0.47, 0.12), BLACK],
    [any(roundRect(0.43, 0.2, 0.57, 0.6, 0.05), circle(0.5, 0.75, 0.08)), BLACK],
  ],
  paused: [[any(roundRect(0.24, 0.16, 0.42, 0.84, 0.04), roundRect(0.58, 0.16, 0.76, 0.84, 0.04)), BLACK]],
  dnd: [
    [ring(0.5, 0.5, 0.47, 0.12), BLACK],
    [roundRect(0.24, 0.42, 0.76, 0.58, 0.05), BLACK],
  ],
};

writeFileSync(join(here, 'icon.png'), png(512, render(512, appLayers, 3)));
for (const [state, layers] of Object.entries(template)) {
  writeFileSync(join(here, `tray-${state}Template.png`), png(18, render(18, layers)));
  writeFileSync(join(here, `tray-${state}Template@2x.png`), png(36, render(36, layers)));
}
for (const [state, layers] of Object.entries(tray)) {
  writeFileSync(join(here, `tray-${state}.png`), png(32, render(32, layers)));
  writeFileSync(join(here, `tray-${state}@2x.png`), png(64, render(64, layers)));
}
console.log('icons written to', here);
