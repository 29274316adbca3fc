/**
 * What a message's buttons do, run from main: an ntfy `http` action (after the user confirmed its method and
 * URL) and an attachment download (only when asked, into a file the user chose). The feed's credentials go only
 * to the feed's own origin: a message is untrusted, and an action pointing elsewhere must not carry the user's
 * token there.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { MessageAction, MessageAttachment } from '../profiles/types';
import type { FetchLike } from '../types';
import { credentialHeaders, errorTextOf } from './prepare';
import type { PublishFailure } from './types';

export type ActionResult =
  | { ok: true; status: number }
  | { ok: false; failure: PublishFailure | 'too-large' | 'write'; status: number | null; error: string };

export interface ActionOptions {
  fetch?: FetchLike;
  /** The feed's URL: its origin decides whether the feed's credentials go with the request. */
  feedUrl: string;
  /** The feed's request headers, secrets decrypted. */
  feedHeaders: Record<string, string>;
  timeoutMs?: number;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function httpTarget(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function failed(error: unknown, signal: AbortSignal): ActionResult {
  if (signal.aborted) return { ok: false, failure: 'timeout', status: null, error: 'timeout' };
  const cause = (error as { cause?: { code?: string } })?.cause;
  return { ok: false, failure: 'network', status: null, error: cause?.code ?? (error as Error).message };
}

/** The headers a request to `url` carries: the feed's credentials only on the feed's own origin. */
export function requestHeaders(
  url: string,
  options: ActionOptions,
  own: Record<string, string> = {},
): Record<string, string> {
  const credentials = sameOrigin(url, options.feedUrl) ? credentialHeaders(options.feedHeaders) : {};
  return { ...credentials, ...own };
}

export async function runHttpAction(
  action: Extract<MessageAction, { kind: 'http' }>,
  options: ActionOptions,
): Promise<ActionResult> {
  const url = httpTarget(action.url);
  if (url === null) return { ok: false, failure: 'invalid-target', status: null, error: action.url };
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  try {
    const response = await fetchImpl(url, {
      method: action.method,
      headers: requestHeaders(url, options, action.headers),
      body: action.method === 'GET' || action.method === 'HEAD' ? undefined : (action.body ?? ''),
      redirect: 'manual',
      signal,
    });
    const text = (await response.text()).slice(0, 64 * 1024);
    if (response.status >= 300 && response.status < 400) {
      return { ok: false, failure: 'redirect', status: response.status, error: response.headers.get('location') ?? '' };
    }
    if (!response.ok) return { ok: false, failure: 'http', status: response.status, error: errorTextOf(text) };
    return { ok: true, status: response.status };
  } catch (error) {
    return failed(error, signal);
  }
}

/**
 * Downloads an attachment into `destination` (written to a temp name beside it, renamed when complete), at most
 * `maxBytes` (default 100 MiB). Redirects are followed (file hosts use them) but credentials go only to the
 * feed's origin.
 */
export async function downloadAttachment(
  attachment: MessageAttachment,
  destination: string,
  options: ActionOptions & { maxBytes?: number },
): Promise<ActionResult & { bytes?: number }> {
  const url = httpTarget(attachment.url);
  if (url === null) return { ok: false, failure: 'invalid-target', status: null, error: attachment.url };
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10 * 60_000);
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: requestHeaders(url, options), signal });
  } catch (error) {
    return failed(error, signal);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    return { ok: false, failure: 'http', status: response.status, error: errorTextOf(text) };
  }
  const partial = `${destination}.part`;
  const out = createWriteStream(partial);
  let bytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { tooLarge: true });
      }
      if (!out.write(value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await rename(partial, destination);
    return { ok: true, status: response.status, bytes };
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    if ((error as { tooLarge?: boolean }).tooLarge) {
      return { ok: false, failure: 'too-large', status: response.status, error: (error as Error).message };
    }
    if (signal.aborted) return { ok: false, failure: 'timeout', status: null, error: 'timeout' };
    return { ok: false, failure: 'write', status: response.status, error: (error as Error).message };
  }
}
