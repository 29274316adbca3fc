/**
 * Sends one message to a publish target through Node's HTTP stack (the injected fetch: undici in Node and in
 * the app's main process alike), with the feed's credentials. Never follows a redirect (credentials would go
 * with it), gives up after `timeoutMs`, and reads at most 64 KiB of the answer.
 */
import type { FetchLike } from '../types';
import { errorTextOf, messageIdOf, prepare } from './prepare';
import type { OutgoingMessage, PublishResult, PublishTarget } from './types';

export interface PublishOptions {
  fetch?: FetchLike;
  /** The feed's request headers, secrets decrypted (Authorization and the like travel with the publish). */
  headers?: Record<string, string>;
  /** Mercure's publisher JWT (stored like a secret header). */
  publisherToken?: string | null;
  timeoutMs?: number;
}

const ANSWER_LIMIT = 64 * 1024;

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length >= ANSWER_LIMIT) break;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return text.slice(0, ANSWER_LIMIT);
}

function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function publish(
  target: PublishTarget,
  message: OutgoingMessage,
  options: PublishOptions = {},
): Promise<PublishResult> {
  let request;
  try {
    request = prepare(target, message, options.headers ?? {}, options.publisherToken ?? null);
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) URL: ${request.url}`);
  } catch (error) {
    return { ok: false, failure: 'invalid-target', status: null, error: (error as Error).message };
  }
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (signal.aborted) return { ok: false, failure: 'timeout', status: null, error: 'timeout' };
    return { ok: false, failure: 'network', status: null, error: networkDetail(error) };
  }
  let body = '';
  try {
    body = await readCapped(response);
  } catch {
    // the status is what matters; an answer cut short names no id
  }
  if (response.status >= 300 && response.status < 400) {
    return { ok: false, failure: 'redirect', status: response.status, error: response.headers.get('location') ?? '' };
  }
  if (!response.ok) return { ok: false, failure: 'http', status: response.status, error: errorTextOf(body) };
  return {
    ok: true,
    status: response.status,
    messageId: messageIdOf(target, response.headers.get('content-type'), body),
  };
}
