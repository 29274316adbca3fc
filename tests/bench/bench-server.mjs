// A loopback SSE load generator for the engine benchmark, run in its own process so its CPU does not count
// against the client. Bound to 127.0.0.1. Reports its port over IPC ({ port }).
//   /burst?n=200000&size=100   n events with ids, data of `size` bytes, as fast as the socket takes them
//   /rate?n=5000&rps=1000      n events at a steady rate; data starts with the send time `t=<epoch ms>;`
//                              (&clock=wall: Date.now(), the clock a browser page shares; else timeOrigin + now())
//   /idle/<anything>?hb=5000   an open stream carrying only `: ping` comments every hb ms
//   /ui?seed=100000            bench:ui's feed: `seed` JSON events (`{"title":"Event i",…}`, ids e-i) at once, then,
//                              when the parent sends { stream: { n, rps } } over IPC, n more at rps events/s; it
//                              answers { streamed, seconds } when they are written
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();
const HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' };

function burst(res, n, size) {
  const pad = 'x'.repeat(Math.max(0, size - 12));
  let i = 0;
  const pump = () => {
    while (i < n) {
      let chunk = '';
      for (let k = 0; k < 256 && i < n; k++, i++) {
        const data = (String(i).padStart(11, '0') + ' ' + pad).slice(0, size);
        chunk += `id: ${i}\ndata: ${data}\n\n`;
      }
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

function rate(res, n, rps, clock) {
  const stamp = clock === 'wall' ? () => String(Date.now()) : () => now().toFixed(3);
  const start = now();
  let sent = 0;
  const pad = 'y'.repeat(60);
  const tick = () => {
    const due = Math.min(n, Math.floor(((now() - start) * rps) / 1000) + 1);
    let chunk = '';
    while (sent < due) {
      chunk += `id: r${sent}\ndata: t=${stamp()};${pad}\n\n`;
      sent++;
    }
    if (chunk) res.write(chunk);
    if (sent < n) setTimeout(tick, 1);
  };
  tick();
}

/** bench:ui's events: JSON with a title, like a busy notification feed. */
function uiFrames(from, n) {
  let out = '';
  for (let i = from; i < from + n; i++) {
    out += `id: e-${i}\nevent: ${i % 7 === 0 ? 'alert' : 'message'}\ndata: {"title":"Event ${i}","level":"${i % 3 ? 'info' : 'warn'}","seq":${i}}\n\n`;
  }
  return out;
}

let uiStream = null;
function ui(res, seed) {
  let i = 0;
  uiStream = { res, next: seed };
  const pump = () => {
    while (i < seed) {
      const n = Math.min(1000, seed - i);
      const ok = res.write(uiFrames(i, n));
      i += n;
      if (!ok) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

process.on('message', (message) => {
  const stream = message?.stream;
  if (!stream || !uiStream) return;
  const { res } = uiStream;
  const first = uiStream.next;
  const start = now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(stream.n, Math.floor(((now() - start) * stream.rps) / 1000) + 1);
    if (due > sent) {
      res.write(uiFrames(first + sent, due - sent));
      sent = due;
    }
    if (sent < stream.n) setTimeout(tick, 2);
    else {
      uiStream.next = first + sent;
      process.send?.({ streamed: sent, seconds: (now() - start) / 1000 });
    }
  };
  tick();
});

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const q = (name, fallback) => Number(url.searchParams.get(name) ?? fallback);
  req.socket.setNoDelay(true);
  res.writeHead(200, HEADERS);
  res.write(': hello\n\n');
  if (url.pathname === '/burst') burst(res, q('n', 1000), q('size', 100));
  else if (url.pathname === '/rate') rate(res, q('n', 1000), q('rps', 1000), url.searchParams.get('clock'));
  else if (url.pathname === '/ui') ui(res, q('seed', 0));
  else {
    const timer = setInterval(() => res.write(': ping\n\n'), q('hb', 5000));
    res.on('close', () => clearInterval(timer));
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
