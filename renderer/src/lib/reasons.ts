/**
 * Core reports why a feed is retrying in English words without a code (FeedStatus.code is only for stops). The
 * reasons it can give are a short, fixed list: recognise them so the window can say them in the user's language.
 * Anything unknown (e.g. "Network error: <library message>") is shown as core wrote it.
 */
export type RetryReasonKey =
  | 'refused'
  | 'reset'
  | 'closed'
  | 'closedByServer'
  | 'lost'
  | 'timedOut'
  | 'noResponse'
  | 'noResponseWithin'
  | 'noDataFor'
  | 'stoppedSending'
  | 'offline'
  | 'dns'
  | 'dnsAgain'
  | 'networkUnreachable'
  | 'hostUnreachable'
  | 'networkChanged'
  | 'emptyBody'
  | 'serverError'
  | 'rateLimited'
  | 'requestTimeout';

const KNOWN: readonly [RegExp, RetryReasonKey][] = [
  [/^Connection refused$/, 'refused'],
  [/^Connection reset$/, 'reset'],
  [/^Connection closed$/, 'closed'],
  [/^Connection closed by the server$/, 'closedByServer'],
  [/^Connection lost$/, 'lost'],
  [/^Connection timed out$/, 'timedOut'],
  [/^No response from the server$/, 'noResponse'],
  [/^No response within (.+)$/, 'noResponseWithin'],
  [/^No data for (.+)$/, 'noDataFor'],
  [/^The server stopped sending$/, 'stoppedSending'],
  [/^No internet connection$/, 'offline'],
  [/^Server not found \(DNS\)$/, 'dns'],
  [/^Server not found \(DNS temporarily unavailable\)$/, 'dnsAgain'],
  [/^Network unreachable$/, 'networkUnreachable'],
  [/^Host unreachable$/, 'hostUnreachable'],
  [/^The network changed$/, 'networkChanged'],
  [/^Empty response body$/, 'emptyBody'],
  [/^Server error \((\d{3})\)$/, 'serverError'],
  [/^Rate limited by the server \(429\)$/, 'rateLimited'],
  [/^Server timed out the request \(408\)$/, 'requestTimeout'],
];

/** The key of a known retry reason and its variable part (a status code, a duration), or null. */
export function retryReason(reason: string): { key: RetryReasonKey; detail: string } | null {
  for (const [pattern, key] of KNOWN) {
    const m = pattern.exec(reason.trim());
    if (m) return { key, detail: m[1] ?? '' };
  }
  return null;
}
