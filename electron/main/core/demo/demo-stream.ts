/**
 * The built-in demo stream behind "Try a demo feed": a small Server-Sent Events server on 127.0.0.1 only, started
 * on demand in main (no network needed). `npm run demo-server` (tests/support/demo-server.ts) serves this same stream:
 *   /tidings-demo/notify   JSON `{"title","message"}` every 3 s, ids `n-<n>`
 *   /tidings-demo/orders   `event: newOrder` with a JSON order every 2 s, ids `o-<n>`
 *   /tidings-demo/ticker   `data: <ISO time>` every second, ids `t-<n>`
 * A reconnect with `Last-Event-ID` replays what was sent after that id (the last 200 events per path), and a
 * `: ping` comment goes out every 15 s. The path prefix marks a stored feed as the demo's, so the next start of
 * the app brings the stream back on the same port (see `isDemoUrl`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEMO_PREFIX = '/tidings-demo/';
export const DEMO_PATHS = ['notify', 'orders', 'ticker'] as const;
export type DemoPath = (typeof DEMO_PATHS)[number];

interface DemoEvent {
  id: string;
  event?: string;
  data: string;
}

export interface DemoStreamOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Generator intervals in ms (tests shorten them). */
  intervals?: Partial<Record<DemoPath, number>>;
  heartbeatMs?: number;
  /** Clock for the payloads' times. */
  now?: () => number;
}

export interface DemoStream {
  readonly port: number;
  /** `http://127.0.0.1:<port>/tidings-demo/<path>` */
  url(path?: DemoPath): string;
  close(): Promise<void>;
}

const KEEP = 200;

/** Whether a feed URL is the built-in demo stream's (loopback, the demo path); its port when it is. */
export function demoPortOf(url: string): number | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') return null;
  if (!DEMO_PATHS.some((p) => parsed.pathname === `${DEMO_PREFIX}${p}`)) return null;
  const port = Number(parsed.port);
  return Number.isInteger(port) && port > 0 ? port : null;
}

export const isDemoUrl = (url: string): boolean => demoPortOf(url) !== null;

function frame(e: DemoEvent): string {
  return `${e.event ? `event: ${e.event}\n` : ''}id: ${e.id}\ndata: ${e.data}\n\n`;
}

export async function startDemoStream(options: DemoStreamOptions = {}): Promise<DemoStream> {
  const now = options.now ?? (() => Date.now());
  const logs = new Map<DemoPath, DemoEvent[]>(DEMO_PATHS.map((p) => [p, []]));
  const clients = new Map<http.ServerResponse, DemoPath>();
  const timers: ReturnType<typeof setInterval>[] = [];

  const send = (path: DemoPath, event: DemoEvent): void => {
    const log = logs.get(path)!;
    log.push(event);
    if (log.length > KEEP) log.splice(0, log.length - KEEP);
    for (const [res, p] of clients) if (p === path && !res.destroyed) res.write(frame(event));
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const name = path.startsWith(DEMO_PREFIX) ? (path.slice(DEMO_PREFIX.length) as DemoPath) : null;
    if (req.method !== 'GET' || name === null || !DEMO_PATHS.includes(name)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.socket?.setNoDelay(true);
    res.write('retry: 2000\n\n');
    const lastId = req.headers['last-event-id'];
    if (typeof lastId === 'string' && lastId !== '') {
      const log = logs.get(name)!;
      const at = log.findIndex((e) => e.id === lastId);
      if (at !== -1) for (const e of log.slice(at + 1)) res.write(frame(e));
    }
    clients.set(res, name);
    req.on('close', () => clients.delete(res));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const every = (ms: number, fn: () => void): void => {
    const timer = setInterval(fn, ms);
    timer.unref?.();
    timers.push(timer);
  };
  const time = (): string => new Date(now()).toISOString().slice(11, 19);

  let notes = 0;
  const titles = ['Build finished', 'Deploy started', 'New comment', 'Backup complete', 'Disk almost full'];
  every(options.intervals?.notify ?? 3000, () => {
    notes += 1;
    const title = titles[notes % titles.length]!;
    send('notify', {
      id: `n-${notes}`,
      data: JSON.stringify({ title, message: `${title} (#${notes}) at ${time()} UTC` }),
    });
  });
  let orders = 0;
  const items = ['coffee beans', 'green tea', 'oat milk', 'croissant', 'espresso cups'];
  every(options.intervals?.orders ?? 2000, () => {
    orders += 1;
    const order = {
      orderId: 1000 + orders,
      item: items[orders % items.length],
      quantity: 1 + (orders % 4),
      total: Math.round((3.5 + orders * 1.25) * 100) / 100,
    };
    send('orders', { id: `o-${orders}`, event: 'newOrder', data: JSON.stringify(order) });
  });
  let ticks = 0;
  every(options.intervals?.ticker ?? 1000, () => {
    ticks += 1;
    send('ticker', { id: `t-${ticks}`, data: new Date(now()).toISOString() });
  });
  every(options.heartbeatMs ?? 15_000, () => {
    for (const res of clients.keys()) if (!res.destroyed) res.write(': ping\n\n');
  });

  let closing: Promise<void> | null = null;
  return {
    port,
    url: (path = 'notify') => `http://127.0.0.1:${port}${DEMO_PREFIX}${path}`,
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        for (const res of clients.keys()) res.end();
        clients.clear();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

/**
 * Starts the demo stream once, on demand: `ensure()` answers the running stream or starts one (on `preferredPort`
 * when given and free, else any free port).
 */
export class DemoHost {
  private running: Promise<DemoStream> | null = null;
  constructor(private readonly options: DemoStreamOptions = {}) {}

  ensure(preferredPort?: number): Promise<DemoStream> {
    this.running ??= (async () => {
      if (preferredPort !== undefined) {
        try {
          return await startDemoStream({ ...this.options, port: preferredPort });
        } catch {
          // taken: any free port
        }
      }
      return startDemoStream({ ...this.options, port: this.options.port ?? 0 });
    })();
    const started = this.running;
    started.catch(() => {
      if (this.running === started) this.running = null;
    });
    return started;
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running.catch(() => null))?.close();
  }
}
