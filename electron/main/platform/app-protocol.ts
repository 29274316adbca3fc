/**
 * The renderer is served from `app://tidings/…` (a privileged, standard, secure scheme) rather than file://:
 * a real origin for the sender check, module scripts that load, and a CSP header on every response.
 * Only files under the renderer folder are served; anything that resolves outside it is refused.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { RENDERER_CSP } from '../../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tidings';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export { RENDERER_CSP };

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** The file an app:// URL names, or null when it is not ours or escapes the root. */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${pathname}`);
  return file.startsWith(base + sep) ? file : null;
}

export type FileReader = (path: string) => Promise<Uint8Array>;

export function createAppProtocolHandler(
  root: string,
  read: FileReader = readFile,
): (request: Request) => Promise<Response> {
  const headers = (contentType: string): Record<string, string> => ({
    'content-type': contentType,
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') });
    }
    const file = resolveAppPath(root, request.url);
    if (!file) return new Response('Forbidden', { status: 403, headers: headers('text/plain; charset=utf-8') });
    try {
      const body = await read(file);
      const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(
        request.method === 'HEAD' ? null : (body as unknown as ConstructorParameters<typeof Response>[0]),
        { status: 200, headers: headers(type) },
      );
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  };
}

/** After 'ready': serve `root` on app://. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
