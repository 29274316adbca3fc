/**
 * What the stream inspector may show of a request and its answer: header names always, values unless they are
 * secret. Secret are the feed's own secret headers and, whatever the feed says, credentials (Authorization,
 * cookies); in a URL, the values of query parameters that carry tokens (ntfy's `auth=`, Mastodon's
 * `access_token=`, Mercure's `authorization=`…). A masked value never leaves core.
 */
import type { ExchangeHeader } from '../../../../shared/domain';

/** Request headers that are secret for every feed. */
export const REQUEST_SECRETS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);
/** Response headers whose values are secret. */
export const RESPONSE_SECRETS: ReadonlySet<string> = new Set(['set-cookie', 'authorization']);

/** Query parameters that carry credentials. */
const SECRET_PARAM = /(auth|token|key|secret|password|passwd|jwt|session|signature|sig)/i;

export function exchangeHeader(name: string, value: string, secret: ReadonlySet<string>): ExchangeHeader {
  return secret.has(name.toLowerCase()) ? { name, value: '', masked: true } : { name, value };
}

/** The URL with the values of credential-carrying query parameters replaced by `***`. */
export function maskUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  let masked = false;
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (!SECRET_PARAM.test(name)) continue;
    url.searchParams.set(name, '***');
    masked = true;
  }
  return masked ? url.href : href;
}
