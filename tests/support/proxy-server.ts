/**
 * A small loopback HTTP proxy for tests: CONNECT tunnels (what undici's ProxyAgent uses, for http and https
 * targets alike) and plain forwarding of absolute-form requests (`GET http://host/path`). It records what it
 * carried, so a test can prove a feed really went through it.
 */
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';

export interface ProxyServer {
  readonly url: string;
  readonly port: number;
  /** `host:port` of every CONNECT tunnel opened. */
  readonly connects: string[];
  /** Absolute URLs of every forwarded request. */
  readonly forwards: string[];
  /** Tunnels and forwarded responses open right now. */
  open(): number;
  close(): Promise<void>;
}

export async function startProxyServer(): Promise<ProxyServer> {
  const connects: string[] = [];
  const forwards: string[] = [];
  const sockets = new Set<Socket>();
  let live = 0;

  const server = http.createServer((req, res) => {
    // Plain forwarding: the request line carries the absolute URL.
    const target = req.url ?? '';
    if (!/^http:\/\//.test(target)) {
      res.writeHead(400).end('absolute-form http:// URL expected');
      return;
    }
    forwards.push(target);
    live++;
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => {
      live--;
      upstream.destroy();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = net.connect(port, host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    live++;
    sockets.add(upstream);
    const end = (): void => {
      if (!sockets.delete(upstream)) return;
      live--;
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    upstream.on('close', end);
    client.on('error', end);
    client.on('close', end);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    forwards,
    open: () => live,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
