/**
 * A fault-injecting Server-Sent Events server for tests and demos. Plain node:http, bound to 127.0.0.1 only.
 *
 * Every path is an event stream with its own channel and replay log (the channel is the URL path, query ignored):
 *   /events   the default channel of `send(event)`; use any other path (e.g. /feed-17) for an independent channel.
 *   /ticker   `data: <ISO time>` every second with ids `t-<n>` (after `startDemo()` or `startTicker()`).
 *   /notify   JSON notifications `{"title","message"}` (type `message`) with ids `n-<n>` (demo, every 3 s).
 *   /orders   named events `event: newOrder` with JSON order data and ids `o-<n>` (demo, every 2 s).
 *
 * Resume semantics: every event sent with an id is kept in its channel's replay log; a request carrying
 * `Last-Event-ID: X` first receives every logged event after X (nothing when X is unknown), then live events.
 * A request without Last-Event-ID receives live events only (unless `replayAllOnFreshConnect` is set).
 *
 * Faults (per path, or '*' for every path; a path fault wins over a global one), set with `setFault(path, fault,
 * { times })` — `times` limits the fault to the next N requests:
 *   { kind: 'status', status, retryAfter?, body? }     answer with that status (204/401/403/404/410/429/500/503…)
 *   { kind: 'stall' }                                   accept the request, never answer (not even headers)
 *   { kind: 'silent' }                                  200 + event-stream headers, then nothing, ever
 *   { kind: 'content-type', contentType }               200 with a wrong Content-Type (e.g. text/html) and a body
 *   { kind: 'redirect', location, status? }             3xx to `location` (relative to the server or absolute)
 *   { kind: 'redirect-loop' }                           302 to itself, forever
 *   { kind: 'raw', chunks, delayMs?, end? }             200 + event-stream headers, then these exact bytes
 *                                                       (one write per chunk), then end (default) or stay open
 * Other switches: `requireAuth(path, header, value)` (401 unless the header has that value), `dropAll()` (destroy
 * every stream socket now), `endAll()` (clean close), `freeze(path)` (connected clients stop receiving anything,
 * for watchdog tests), `writeRaw(bytes, { path, chunkSize, delayMs })` (arbitrary frames to connected clients:
 * CR/LF/CRLF endings, BOM, one byte per write, invalid UTF-8, huge events), `heartbeat(ms)` (`: ping` comments),
 * `restart()` (close every socket and listen again on the SAME port, keeping the replay logs).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
  retry?: number;
}

export type SseFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'stall' }
  | { kind: 'silent' }
  | { kind: 'content-type'; contentType: string }
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'redirect-loop' }
  | { kind: 'raw'; chunks: (string | Uint8Array)[]; delayMs?: number; end?: boolean };

export interface SseRequestRecord {
  at: number;
  method: string;
  path: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  lastEventId: string | null;
  authorization: string | null;
  /** What the server did: 'stream', 'status:401', 'stall', 'redirect', 'raw'… */
  outcome: string;
}

export interface SseServerOptions {
  port?: number;
  /** Start the demo generators (ticker, notifications, orders). */
  demo?: boolean;
  /** Replay the whole log to a client that connects without Last-Event-ID. */
  replayAllOnFreshConnect?: boolean;
  /** Keep at most this many events per channel in the replay log. */
  maxReplay?: number;
}

export interface SseTestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Connected stream clients, all paths. */
  readonly clients: number;
  clientCount(path?: string): number;
  readonly requests: SseRequestRecord[];
  /**
   * Broadcast to the clients of `path` (default '/events') and keep in the replay log when it has an id.
   * `cutAfter: n` logs the whole event but writes only its first n bytes, then drops every client of the path
   * (a connection dying mid-event).
   */
  send(event: SseEvent, path?: string, options?: { cutAfter?: number }): void;
  /** Format an event as wire text (LF line endings). */
  format(event: SseEvent): string;
  /** The replay log of a channel. */
  log(path?: string): SseEvent[];
  writeRaw(data: string | Uint8Array, options?: { path?: string; chunkSize?: number; delayMs?: number }): Promise<void>;
  setFault(path: string, fault: SseFault | null, options?: { times?: number }): void;
  clearFaults(): void;
  requireAuth(path: string, header: string, value: string): void;
  dropAll(path?: string): void;
  endAll(path?: string): void;
  freeze(path?: string): void;
  heartbeat(ms: number | null): void;
  startTicker(path?: string, intervalMs?: number): void;
  startDemo(): void;
  stopGenerators(): void;
  waitForClients(count: number, options?: { path?: string; timeoutMs?: number }): Promise<void>;
  waitForRequests(count: number, options?: { timeoutMs?: number }): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

interface Client {
  path: string;
  res: http.ServerResponse;
  frozen: boolean;
}

interface FaultEntry {
  fault: SseFault;
  remaining: number; // Infinity = until cleared
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

export function formatEvent(event: SseEvent): string {
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.retry !== undefined) out += `retry: ${event.retry}\n`;
  for (const line of event.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

function pathOf(rawUrl: string | undefined): string {
  const url = rawUrl ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startSseServer(options: SseServerOptions = {}): Promise<SseTestServer> {
  const clients = new Set<Client>();
  const sockets = new Set<Socket>();
  const logs = new Map<string, SseEvent[]>();
  const faults = new Map<string, FaultEntry>();
  const auth = new Map<string, { header: string; value: string }>();
  const requests: SseRequestRecord[] = [];
  const generators: NodeJS.Timeout[] = [];
  const maxReplay = options.maxReplay ?? 100_000;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let port = options.port ?? 0;
  let closed = false;

  const logOf = (path: string): SseEvent[] => {
    let log = logs.get(path);
    if (!log) {
      log = [];
      logs.set(path, log);
    }
    return log;
  };

  const takeFault = (path: string): SseFault | null => {
    const key = faults.has(path) ? path : faults.has('*') ? '*' : null;
    if (key === null) return null;
    const entry = faults.get(key)!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) faults.delete(key);
    return entry.fault;
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const path = pathOf(req.url);
    const header = (name: string): string | null => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    };
    const record: SseRequestRecord = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path,
      url: req.url ?? '/',
      headers: req.headers,
      // Header bytes arrive as latin1; ids are UTF-8 on the wire.
      lastEventId:
        header('last-event-id') === null ? null : Buffer.from(header('last-event-id')!, 'latin1').toString('utf8'),
      authorization: header('authorization'),
      outcome: 'stream',
    };
    requests.push(record);

    const required = auth.get(path) ?? auth.get('*');
    if (required && header(required.header.toLowerCase()) !== required.value) {
      record.outcome = 'status:401';
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' });
      res.end('unauthorized');
      return;
    }

    const fault = takeFault(path);
    if (fault) {
      switch (fault.kind) {
        case 'status': {
          record.outcome = `status:${fault.status}`;
          const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
          if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
          res.writeHead(fault.status, headers);
          res.end(fault.status === 204 || fault.status === 304 ? undefined : (fault.body ?? `status ${fault.status}`));
          return;
        }
        case 'stall':
          record.outcome = 'stall';
          return; // never answer; close() destroys the socket
        case 'silent':
          record.outcome = 'silent';
          res.writeHead(200, STREAM_HEADERS);
          res.flushHeaders();
          track({ path, res, frozen: true });
          return;
        case 'content-type':
          record.outcome = 'content-type';
          res.writeHead(200, { 'Content-Type': fault.contentType });
          res.end('<!doctype html><title>Login</title><p>Please sign in</p>');
          return;
        case 'redirect':
          record.outcome = 'redirect';
          res.writeHead(fault.status ?? 307, { Location: fault.location });
          res.end();
          return;
        case 'redirect-loop':
          record.outcome = 'redirect';
          res.writeHead(302, { Location: req.url ?? path });
          res.end();
          return;
        case 'raw': {
          record.outcome = 'raw';
          res.writeHead(200, STREAM_HEADERS);
          res.flushHeaders();
          track({ path, res, frozen: true }); // counted and droppable, but no broadcasts
          void (async () => {
            for (const chunk of fault.chunks) {
              if (res.destroyed) return;
              res.write(chunk);
              if (fault.delayMs) await delay(fault.delayMs);
            }
            if (fault.end !== false) res.end();
          })();
          return;
        }
      }
    }

    res.writeHead(200, STREAM_HEADERS);
    res.flushHeaders();
    const client: Client = { path, res, frozen: false };
    const lastEventId = record.lastEventId;
    const log = logOf(path);
    let backlog = '';
    if (lastEventId !== null) {
      const index = log.findIndex((event) => event.id === lastEventId);
      if (index !== -1) for (let i = index + 1; i < log.length; i++) backlog += formatEvent(log[i]!);
    } else if (options.replayAllOnFreshConnect) {
      for (const event of log) backlog += formatEvent(event);
    }
    if (backlog) res.write(backlog);
    track(client);
  };

  const track = (client: Client): void => {
    clients.add(client);
    client.res.on('close', () => clients.delete(client));
  };

  let server = http.createServer(handler);

  const listen = async (): Promise<void> => {
    server.on('connection', (socket: Socket) => {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
  };

  const shutdown = async (): Promise<void> => {
    for (const client of clients) client.res.destroy();
    clients.clear();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  await listen();

  const broadcastText = (path: string, text: string): void => {
    for (const client of clients) {
      if (client.path === path && !client.frozen && !client.res.destroyed) client.res.write(text);
    }
  };

  const api: SseTestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get clients() {
      return clients.size;
    },
    clientCount(path?: string) {
      if (path === undefined) return clients.size;
      let n = 0;
      for (const client of clients) if (client.path === path) n++;
      return n;
    },
    requests,
    format: formatEvent,
    send(event: SseEvent, path = '/events', { cutAfter } = {}) {
      if (event.id !== undefined) {
        const log = logOf(path);
        log.push(event);
        if (log.length > maxReplay) log.splice(0, log.length - maxReplay);
      }
      if (cutAfter === undefined) {
        broadcastText(path, formatEvent(event));
        return;
      }
      const bytes = Buffer.from(formatEvent(event)).subarray(0, cutAfter);
      for (const client of clients) {
        if (client.path === path && !client.frozen && !client.res.destroyed) {
          client.res.write(bytes);
          client.frozen = true; // nothing may follow the cut on this connection
        }
      }
      setImmediate(() => api.dropAll(path));
    },
    log(path = '/events') {
      return logOf(path);
    },
    async writeRaw(data, { path = '/events', chunkSize, delayMs } = {}) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
      const size = chunkSize ?? bytes.length;
      for (let offset = 0; offset < bytes.length; offset += size) {
        const chunk = bytes.subarray(offset, offset + size);
        for (const client of clients) {
          if (client.path === path && !client.frozen && !client.res.destroyed) client.res.write(chunk);
        }
        if (delayMs !== undefined) await delay(delayMs);
      }
    },
    setFault(path, fault, { times } = {}) {
      if (fault === null) faults.delete(path);
      else faults.set(path, { fault, remaining: times ?? Infinity });
    },
    clearFaults() {
      faults.clear();
      auth.clear();
    },
    requireAuth(path, header, value) {
      auth.set(path, { header, value });
    },
    dropAll(path) {
      for (const client of [...clients]) {
        if (path === undefined || client.path === path) {
          clients.delete(client);
          client.res.socket?.destroy();
          client.res.destroy();
        }
      }
    },
    endAll(path) {
      for (const client of [...clients]) {
        if (path === undefined || client.path === path) {
          clients.delete(client);
          client.res.end();
        }
      }
    },
    freeze(path) {
      for (const client of clients) if (path === undefined || client.path === path) client.frozen = true;
    },
    heartbeat(ms) {
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      heartbeatTimer = null;
      if (ms !== null) {
        heartbeatTimer = setInterval(() => {
          for (const client of clients) if (!client.frozen && !client.res.destroyed) client.res.write(': ping\n\n');
        }, ms);
      }
    },
    startTicker(path = '/ticker', intervalMs = 1000) {
      let n = logOf(path).length;
      generators.push(
        setInterval(() => {
          n += 1;
          api.send({ id: `t-${n}`, data: new Date().toISOString() }, path);
        }, intervalMs),
      );
    },
    startDemo() {
      api.startTicker('/ticker', 1000);
      let notes = 0;
      const titles = ['Build finished', 'Deploy started', 'New comment', 'Backup complete', 'Disk almost full'];
      generators.push(
        setInterval(() => {
          notes += 1;
          const title = titles[notes % titles.length]!;
          api.send(
            {
              id: `n-${notes}`,
              data: JSON.stringify({
                title,
                message: `${title} (#${notes}) at ${new Date().toLocaleTimeString('en-GB')}`,
              }),
            },
            '/notify',
          );
        }, 3000),
      );
      let orders = 0;
      const items = ['coffee beans', 'green tea', 'oat milk', 'croissant', 'espresso cups'];
      generators.push(
        setInterval(() => {
          orders += 1;
          const order = {
            orderId: 1000 + orders,
            item: items[orders % items.length],
            quantity: 1 + (orders % 4),
            total: Math.round((3.5 + orders * 1.25) * 100) / 100,
          };
          api.send({ id: `o-${orders}`, event: 'newOrder', data: JSON.stringify(order) }, '/orders');
        }, 2000),
      );
    },
    stopGenerators() {
      for (const timer of generators) clearInterval(timer);
      generators.length = 0;
      api.heartbeat(null);
    },
    async waitForClients(count, { path, timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (api.clientCount(path) < count) {
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${count} clients on ${path ?? 'any path'} (have ${api.clientCount(path)})`,
          );
        await delay(5);
      }
    },
    async waitForRequests(count, { timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} requests (have ${requests.length})`);
        await delay(5);
      }
    },
    async restart() {
      await shutdown();
      server = http.createServer(handler);
      await listen();
    },
    async close() {
      if (closed) return;
      closed = true;
      api.stopGenerators();
      await shutdown();
    },
  };

  if (options.demo) api.startDemo();
  return api;
}
