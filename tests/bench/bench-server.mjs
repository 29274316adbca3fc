// A loopback SSE load generator for the engine benchmark, run in its own process so its CPU does not count
// against the client. Bound to 127.0.0.1. Reports its port over IPC ({ port }).
//   /burst?n=200000&size=100   n events with ids, data of `size` bytes, as fast as the socket takes them
//   /rate?n=5000&rps=1000      n events at a steady rate; data starts with the send time `t=<epoch ms>;`
//   /idle/<anything>?hb=5000   an open stream carrying only `: ping` comments every hb ms
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

function rate(res, n, rps) {
  const start = now();
  let sent = 0;
  const pad = 'y'.repeat(60);
  const tick = () => {
    const due = Math.min(n, Math.floor(((now() - start) * rps) / 1000) + 1);
    let chunk = '';
    while (sent < due) {
      chunk += `id: r${sent}\ndata: t=${now().toFixed(3)};${pad}\n\n`;
      sent++;
    }
    if (chunk) res.write(chunk);
    if (sent < n) setTimeout(tick, 1);
  };
  tick();
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const q = (name, fallback) => Number(url.searchParams.get(name) ?? fallback);
  req.socket.setNoDelay(true);
  res.writeHead(200, HEADERS);
  res.write(': hello\n\n');
  if (url.pathname === '/burst') burst(res, q('n', 1000), q('size', 100));
  else if (url.pathname === '/rate') rate(res, q('n', 1000), q('rps', 1000));
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
