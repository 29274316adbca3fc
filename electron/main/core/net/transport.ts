/**
 * The one transport every feed connection uses — in the app, the listener and the tests: Node's HTTP stack
 * (undici), with no per-origin connection cap (undici's Agent default), so the seventh, fiftieth or two-hundredth
 * feed on one server connects like the first. (Electron's net.fetch runs on Chromium's socket pool: 6 per host.)
 *
 * What only the host knows comes in as options: the proxy for a URL (Electron's session.resolveProxy, a PAC
 * string) and the operating system's trusted certificates (added to Node's own roots). A feed may add its own CA
 * certificate, trusted for that feed only. Dispatchers are built once per (proxy, CA set) and reused.
 */
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, Socks5ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';

export interface StreamRequest {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  /** PEM of a CA certificate this feed trusts besides the system's (a self-hosted server with a private CA). */
  trustedCa?: string | null;
}

/** The response as the feed engine reads it (a WHATWG Response has this shape). */
export interface StreamResponse {
  status: number;
  url: string;
  redirected: boolean;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export interface Transport {
  open(request: StreamRequest): Promise<StreamResponse>;
  /** Ends every pooled connection (open streams included). */
  close(): Promise<void>;
}

export interface TransportOptions {
  /** PAC-style proxy for a URL ("DIRECT", "PROXY host:port; DIRECT", "HTTPS host:port", "SOCKS5 host:port"). */
  resolveProxy?: (url: string) => Promise<string>;
  /** PEM certificates the operating system trusts, added to Node's bundled roots. */
  systemCertificates?: () => readonly string[];
  /** Told when the proxy could not be resolved (the request then goes direct). */
  onProxyError?: (error: unknown) => void;
}

export type ProxyChoice = { kind: 'direct' } | { kind: 'http' | 'https' | 'socks5'; uri: string };

/**
 * The first usable entry of a PAC result (Chromium's format, which Electron's resolveProxy returns): entries are
 * separated by `;`, each `DIRECT` or `<TYPE> host:port`. Types Node cannot speak (SOCKS4, QUIC) are skipped.
 */
export function parseProxy(pac: string): ProxyChoice {
  for (const raw of pac.split(';')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [type = '', hostPort = ''] = entry.split(/\s+/, 2);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') return { kind: 'direct' };
    if (hostPort === '') continue;
    if (kind === 'PROXY' || kind === 'HTTP') return { kind: 'http', uri: `http://${hostPort}` };
    if (kind === 'HTTPS') return { kind: 'https', uri: `https://${hostPort}` };
    if (kind === 'SOCKS' || kind === 'SOCKS5') return { kind: 'socks5', uri: `socks5://${hostPort}` };
  }
  return { kind: 'direct' };
}

// Our own watchdog and headers timer decide about silence; undici's defaults (300 s) would cut quiet streams.
const TIMEOUTS = { headersTimeout: 0, bodyTimeout: 0 } as const;

export function createTransport(options: TransportOptions = {}): Transport {
  const dispatchers = new Map<string, Dispatcher>();

  const trusted = (feedCa: string | null): string[] | undefined => {
    const system = options.systemCertificates?.() ?? [];
    if (system.length === 0 && !feedCa) return undefined; // Node's roots as they are
    return [...rootCertificates, ...system, ...(feedCa ? [feedCa] : [])];
  };

  const dispatcherFor = (proxy: ProxyChoice, feedCa: string | null): Dispatcher => {
    const key = `${proxy.kind === 'direct' ? 'direct' : proxy.uri}\u0000${feedCa ?? ''}`;
    let dispatcher = dispatchers.get(key);
    if (dispatcher) return dispatcher;
    const ca = trusted(feedCa);
    const tls = ca ? { ca } : {};
    if (proxy.kind === 'direct') dispatcher = new Agent({ ...TIMEOUTS, connect: tls });
    // undici reads requestTls for the tunnelled TLS (its types do not list it yet).
    else if (proxy.kind === 'socks5') dispatcher = new Socks5ProxyAgent(proxy.uri, { requestTls: tls } as object);
    else dispatcher = new ProxyAgent({ uri: proxy.uri, ...TIMEOUTS, requestTls: tls, proxyTls: tls });
    dispatchers.set(key, dispatcher);
    return dispatcher;
  };

  const proxyFor = async (url: string): Promise<ProxyChoice> => {
    if (!options.resolveProxy) return { kind: 'direct' };
    try {
      return parseProxy(await options.resolveProxy(url));
    } catch (error) {
      options.onProxyError?.(error);
      return { kind: 'direct' };
    }
  };

  return {
    async open(request) {
      const proxy = await proxyFor(request.url);
      request.signal.throwIfAborted();
      const dispatcher = dispatcherFor(proxy, request.trustedCa?.trim() || null);
      const response = await undiciFetch(request.url, {
        method: 'GET',
        headers: request.headers,
        redirect: 'follow',
        signal: request.signal,
        dispatcher,
      });
      return response as unknown as StreamResponse;
    },
    async close() {
      const all = [...dispatchers.values()];
      dispatchers.clear();
      await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
    },
  };
}
