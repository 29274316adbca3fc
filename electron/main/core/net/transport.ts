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
import type { Readable } from 'node:stream';
import { Agent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici';

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

const USER_AGENT = 'Tidings';
/** Redirect statuses fetch follows, and how many hops it allows. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/** A response header as one string (repeated headers joined as fetch joins them), or null. */
function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The body as a web stream, read only when asked (pull): the engine's reader holds back under backpressure, and a
 * cancelled stream is never written to again (Node 20's Readable.toWeb can enqueue after cancel, and throw).
 */
function toWebStream(body: Readable): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        if (!cancelled) controller.error(error);
      }
    },
    cancel() {
      cancelled = true;
      body.destroy();
    },
  });
}

/** The request headers without what must not follow a redirect to another origin. */
function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const drop = new Set(['authorization', 'cookie', 'proxy-authorization']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
}

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

  /** One request through the pool, the body as a web stream; redirects are the caller's (see open). */
  const requestOnce = async (
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
    dispatcher: Dispatcher,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Readable }> => {
    const {
      statusCode,
      headers: got,
      body,
    } = await dispatcher.request({
      origin: new URL(url).origin,
      path: `${new URL(url).pathname}${new URL(url).search}`,
      method: 'GET',
      headers,
      signal,
    });
    return { status: statusCode, headers: got, body };
  };

  return {
    /**
     * A GET through undici's dispatcher API — not its fetch, which refuses the browsers' "bad ports" (6000,
     * 6665–6669, 10080…) that a desktop client has no reason to refuse. Redirects are followed as fetch follows
     * them: at most 20, only to http(s), and credentials (Authorization, Cookie) never cross to another origin.
     */
    async open(request) {
      let url = request.url;
      const named = (name: string) => Object.keys(request.headers).some((h) => h.toLowerCase() === name);
      let headers: Record<string, string> = named('user-agent')
        ? { ...request.headers }
        : { 'User-Agent': USER_AGENT, ...request.headers };
      for (let hop = 0; ; hop++) {
        const proxy = await proxyFor(url);
        request.signal.throwIfAborted();
        const dispatcher = dispatcherFor(proxy, request.trustedCa?.trim() || null);
        const response = await requestOnce(url, headers, request.signal, dispatcher);
        const location = header(response.headers, 'location');
        if (!REDIRECTS.has(response.status) || location === null) {
          return {
            status: response.status,
            url,
            redirected: hop > 0,
            headers: { get: (name: string) => header(response.headers, name) },
            body: toWebStream(response.body),
          };
        }
        response.body.resume(); // a redirect's body is not read: let it drain
        if (hop >= MAX_REDIRECTS) throw new Error('redirect count exceeded');
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw Object.assign(new Error(`redirect to ${next.protocol}`), { code: 'ERR_UNSAFE_REDIRECT' });
        }
        if (next.origin !== new URL(url).origin) headers = withoutCredentials(headers);
        url = next.href;
      }
    },
    async close() {
      const all = [...dispatchers.values()];
      dispatchers.clear();
      await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
    },
  };
}
