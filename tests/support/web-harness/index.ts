/**
 * Web harness: the BUILT renderer (out/renderer, from `npm run build`) served on 127.0.0.1 with the REAL core
 * (createCore) behind the same TidingsApi, over a loopback transport instead of Electron IPC:
 *   POST /api/invoke/<channel>  JSON request → dispatch() (the same zod validation as the IPC binding) → Result JSON
 *   GET  /api/push              Server-Sent Events; event name = push channel, data = JSON payload
 *   GET  /__harness/bridge.js   the bridge (bridge-client.ts, bundled with esbuild at start), injected into
 *                               index.html as a same-origin <script> so the renderer's strict CSP holds
 * Host services are stubs that record what they were asked to do (openExternal URLs, applied settings), so tests
 * can assert on them. Loopback only (127.0.0.1, Host and Origin checked), for tests, benchmarks and
 * `npm run preview:web`; never part of the app build.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Settings } from '../../../shared/domain';
import type { PushChannel } from '../../../shared/ipc/channels';
import type { ApiHandlers, FeedInput, PayloadOf } from '../../../shared/ipc/contract';
import { createCore, dispatch, type CoreInstance, type CreateCoreOptions } from '../../../electron/main/core/index';
import type { HostServices, SecretCodec } from '../../../electron/main/core/types';
import { RENDERER_CSP } from '../../../shared/csp';

const ROOT = resolve(__dirname, '../../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const BRIDGE_ENTRY = join(__dirname, 'bridge-client.ts');
const BRIDGE_PATH = '/__harness/bridge.js';
const PROBE_PATH = '/__bench-probe.js';
const PROBE_REPORT_PATH = '/api/bench-report';

export interface HarnessOptions {
  /** Database folder; a fresh temp folder (removed on close) when omitted. */
  dataDir?: string;
  /** Feeds added before the page loads: URLs or full inputs. */
  seedFeeds?: (string | Partial<FeedInput>)[];
  /** What HostServices.systemLocale() answers (the 'system' language). Default 'en-US'. */
  systemLocale?: string;
  /** Extra core options (tuning for benchmarks). */
  core?: Partial<CreateCoreOptions>;
  port?: number;
  /**
   * Benchmarks only: a script served as /__bench-probe.js and loaded before the renderer (same origin, so the
   * CSP holds), and what receives the JSON it POSTs to /api/bench-report. Lets a page that no DevTools session
   * drives (bench:ui's latency run) report its measurements.
   */
  probe?: { script: string; onReport: (report: unknown) => void };
}

export interface Harness {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly core: CoreInstance;
  readonly handlers: ApiHandlers;
  readonly dataDir: string;
  /** URLs the renderer asked to open in the browser, in order. */
  readonly openedUrls: string[];
  /** Native notifications the core asked the host to show ("Send a test notification"), in order. */
  readonly notifications: { title: string; body: string; silent: boolean }[];
  /** Settings handed to host.applySettings, in order. */
  readonly appliedSettings: Settings[];
  /**
   * The save dialog's model (attachment downloads): each request's suggested name, in order; the answers given
   * first in first out (a path, or null for Cancel; Cancel when none is queued).
   */
  readonly saveDialog: { requests: string[]; answers: (string | null)[] };
  /** Every invoke the renderer made: channel and request, in order. */
  readonly invokes: { channel: string; request: unknown }[];
  /** Sends a push to every open page, as the platform layer does (e.g. `tidings:push:navigate` on a notification click). */
  push<C extends PushChannel>(channel: C, payload: PayloadOf<C>): void;
  close(): Promise<void>;
}

/** A reversible stand-in for safeStorage: not security, just proof that values are not stored in clear. */
const harnessSecrets: SecretCodec = {
  available: true,
  encrypt: (plain) => `hx1:${Buffer.from(plain, 'utf8').toString('base64').split('').reverse().join('')}`,
  decrypt: (cipher) => {
    if (!cipher.startsWith('hx1:')) throw new Error('not a harness ciphertext');
    return Buffer.from(cipher.slice(4).split('').reverse().join(''), 'base64').toString('utf8');
  },
};

let bridgeBundle: Promise<string> | null = null;
function bundleBridge(): Promise<string> {
  bridgeBundle ??= (async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [BRIDGE_ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  })();
  return bridgeBundle;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function feedInputOf(seed: string | Partial<FeedInput>): FeedInput {
  const base: FeedInput = {
    name: '',
    url: '',
    headers: [],
    eventTypes: [],
    notify: { mode: 'all', types: [], include: [], exclude: [] },
    idleTimeoutSec: 45,
    enabled: true,
  };
  return typeof seed === 'string' ? { ...base, url: seed } : { ...base, ...seed };
}

async function readBody(req: http.IncomingMessage, limit = 8_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tidings-harness-')));
  const indexHtml = await readFile(join(RENDERER_DIR, 'index.html'), 'utf8').catch(() => {
    throw new Error(`The built renderer is missing (${RENDERER_DIR}). Run \`npm run build\` first.`);
  });
  const bridgeJs = await bundleBridge();
  // A classic script before the module entry runs first, so window.api exists when the renderer starts.
  const probeTag = options.probe ? `<script src=".${PROBE_PATH}"></script>\n    ` : '';
  const page = indexHtml.replace(/<script\b/, `<script src=".${BRIDGE_PATH}"></script>\n    ${probeTag}<script`);

  const core = await createCore({ dataDir, secrets: harnessSecrets, version: '0.0.0-harness', ...options.core });
  const openedUrls: string[] = [];
  const appliedSettings: Settings[] = [];
  const notifications: { title: string; body: string; silent: boolean }[] = [];
  const invokes: { channel: string; request: unknown }[] = [];
  const saveDialog: { requests: string[]; answers: (string | null)[] } = { requests: [], answers: [] };
  const host: HostServices = {
    openExternal: async (url) => {
      openedUrls.push(url);
    },
    openLogsFolder: async () => {},
    describe: () => ({ host: 'web-harness', node: process.versions.node }),
    systemLocale: () => options.systemLocale ?? 'en-US',
    applySettings: (settings) => {
      appliedSettings.push(settings);
    },
    showNotification: (notification) => {
      notifications.push(notification);
      return true;
    },
    chooseSavePath: async (suggestedName) => {
      saveDialog.requests.push(suggestedName);
      return saveDialog.answers.shift() ?? null;
    },
  };
  const handlers = core.createHandlers(host);
  for (const seed of options.seedFeeds ?? []) {
    const result = await handlers['tidings:feeds:add'](feedInputOf(seed));
    if (!result.ok) throw new Error(`Seeding feed failed: ${result.error.message}`);
  }

  const streams = new Set<http.ServerResponse>();
  const writePush = (res: http.ServerResponse, channel: string, payload: unknown): void => {
    res.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
  };
  let port = 0;
  const sameOrigin = (value: string | undefined) =>
    value === undefined || value === `http://127.0.0.1:${port}` || value === `127.0.0.1:${port}`;

  const server = http.createServer((req, res) => {
    void (async () => {
      // DNS-rebinding and cross-site guard: only our own origin may talk to the core.
      if (!sameOrigin(req.headers.host) || !sameOrigin(req.headers.origin)) {
        res.writeHead(403).end();
        return;
      }
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      if (req.method === 'POST' && path.startsWith('/api/invoke/')) {
        const channel = path.slice('/api/invoke/'.length);
        let payload: unknown;
        try {
          payload = JSON.parse(await readBody(req)) as unknown;
        } catch {
          payload = Symbol('unparseable');
        }
        invokes.push({ channel, request: payload });
        const result = await dispatch(handlers, channel, payload);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(result));
        return;
      }
      if (options.probe && req.method === 'POST' && path === PROBE_REPORT_PATH) {
        const body = await readBody(req);
        res.writeHead(204, { 'cache-control': 'no-store' }).end();
        options.probe.onReport(JSON.parse(body) as unknown);
        return;
      }
      if (req.method === 'GET' && path === '/api/push') {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.socket?.setNoDelay(true);
        streams.add(res);
        const unsubscribe = core.onPush((channel, payload) => writePush(res, channel, payload));
        res.write(': ready\n\n');
        req.on('close', () => {
          unsubscribe();
          streams.delete(res);
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (path === BRIDGE_PATH) {
        res.writeHead(200, { 'content-type': MIME['.js']!, 'cache-control': 'no-store' }).end(bridgeJs);
        return;
      }
      if (options.probe && path === PROBE_PATH) {
        res.writeHead(200, { 'content-type': MIME['.js']!, 'cache-control': 'no-store' }).end(options.probe.script);
        return;
      }
      if (path === '/' || path === '/index.html') {
        // The same policy the app's protocol handler sends as a header (frame-ancestors works only there).
        res
          .writeHead(200, {
            'content-type': MIME['.html']!,
            'cache-control': 'no-store',
            'content-security-policy': RENDERER_CSP,
          })
          .end(page);
        return;
      }
      const file = normalize(join(RENDERER_DIR, path));
      if (!file.startsWith(RENDERER_DIR + sep)) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    core,
    handlers,
    dataDir,
    openedUrls,
    appliedSettings,
    notifications,
    saveDialog,
    invokes,
    push(channel, payload) {
      for (const res of streams) writePush(res, channel, payload);
    },
    close() {
      closing ??= (async () => {
        for (const res of streams) res.end();
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await core.close();
        if (ownDir) await rm(dataDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
