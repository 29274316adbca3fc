/**
 * Why a feed is stopped or retrying (and what its last error was): one discriminated union, language-neutral.
 * Core builds it, the window translates every kind (`renderer/src/lib/reasons.ts`), and the English words for
 * logs, the listener and "Copy diagnostics" come from `reasonEnglish`, the only place they are written.
 */

/** What a certificate problem is (the words for each are in `reasonEnglish` and the window's catalogues). */
export const TLS_PROBLEMS = [
  'expired',
  'not-yet-valid',
  'date-invalid',
  'revoked',
  'self-signed',
  'self-signed-chain',
  'untrusted-issuer',
  'bad-signature',
  'untrusted',
  'invalid-ca',
  'name-mismatch',
  'invalid',
  'weak-signature',
  'protocol',
] as const;
export type TlsProblem = (typeof TLS_PROBLEMS)[number];

/** A network failure core recognises (anything else is `{ kind: 'networkError', detail }`). */
export const NETWORK_PROBLEMS = [
  'connection-refused',
  'connection-reset',
  'connection-closed',
  'connection-lost',
  'connection-timeout',
  'no-response',
  'stopped-sending',
  'offline',
  'dns',
  'dns-temporary',
  'network-unreachable',
  'host-unreachable',
  'network-changed',
] as const;
export type NetworkProblem = (typeof NETWORK_PROBLEMS)[number];

export type Reason =
  /** The server answered with this status (204 stop, 401/403, 404/410, 408, 429, 5xx, a 3xx it cannot follow…). */
  | { kind: 'http'; status: number }
  /** A 200 that is not `text/event-stream`; null when the response had no Content-Type. */
  | { kind: 'contentType'; got: string | null }
  /** The certificate was refused; `code` is the OpenSSL / Chromium error code. */
  | { kind: 'tls'; problem: TlsProblem; code: string }
  | { kind: 'redirectLoop' }
  /** The feed address (or a redirect target) is not a valid http(s) URL. */
  | { kind: 'invalidUrl' }
  | { kind: 'scheme'; scheme: string }
  /** A header name or value HTTP does not allow. */
  | { kind: 'header'; name: string }
  /** A header whose value was left out of an export (a secret): enter it to connect. */
  | { kind: 'headerNeedsValue'; name: string }
  | { kind: 'network'; problem: NetworkProblem }
  /** A network error core does not recognise, with the runtime's words. */
  | { kind: 'networkError'; detail: string }
  | { kind: 'emptyBody' }
  | { kind: 'closedByServer' }
  /** No bytes (not even a comment) for this long: the watchdog reconnected. */
  | { kind: 'idleTimeout'; seconds: number }
  /** No response headers within this long. */
  | { kind: 'headersTimeout'; seconds: number }
  /** The stream parser's buffer limit was passed. */
  | { kind: 'eventTooLarge'; limitBytes: number }
  | { kind: 'streamError'; detail: string }
  /** Not a failure of the connection (the stream goes on): an oversized event, id or field was cut or ignored. */
  | { kind: 'oversizeEvent'; limitBytes: number; cutToBytes: number }
  | { kind: 'oversizeLine'; part: 'id' | 'field'; limitBytes: number }
  /** Not a failure: an event id that cannot go back as Last-Event-ID (control characters, over this size). */
  | { kind: 'idNotResumable'; limitBytes: number }
  /** The server refused the resume id (HTTP 431): the cursor was dropped and the feed reconnects without it. */
  | { kind: 'resumeRefused'; status: number };

export type ReasonKind = Reason['kind'];

/** One example of every kind (the exhaustive Record makes a new kind a type error here); tests translate each. */
export const REASON_EXAMPLES: { readonly [K in ReasonKind]: Extract<Reason, { kind: K }> } = {
  http: { kind: 'http', status: 404 },
  contentType: { kind: 'contentType', got: 'text/html' },
  tls: { kind: 'tls', problem: 'expired', code: 'CERT_HAS_EXPIRED' },
  redirectLoop: { kind: 'redirectLoop' },
  invalidUrl: { kind: 'invalidUrl' },
  scheme: { kind: 'scheme', scheme: 'ftp' },
  header: { kind: 'header', name: 'X-Token' },
  headerNeedsValue: { kind: 'headerNeedsValue', name: 'Authorization' },
  network: { kind: 'network', problem: 'connection-refused' },
  networkError: { kind: 'networkError', detail: 'other side closed' },
  emptyBody: { kind: 'emptyBody' },
  closedByServer: { kind: 'closedByServer' },
  idleTimeout: { kind: 'idleTimeout', seconds: 45 },
  headersTimeout: { kind: 'headersTimeout', seconds: 30 },
  eventTooLarge: { kind: 'eventTooLarge', limitBytes: 16 * 1048576 },
  streamError: { kind: 'streamError', detail: 'unknown' },
  oversizeEvent: { kind: 'oversizeEvent', limitBytes: 16 * 1048576, cutToBytes: 1048576 },
  oversizeLine: { kind: 'oversizeLine', part: 'id', limitBytes: 65536 },
  idNotResumable: { kind: 'idNotResumable', limitBytes: 1024 },
  resumeRefused: { kind: 'resumeRefused', status: 431 },
};

/** What an HTTP status means to a feed; the window and `reasonEnglish` both word a status through this. */
export type HttpMeaning =
  | 'server-stop'
  | 'auth-failed'
  | 'not-found'
  | 'rate-limited'
  | 'request-timeout'
  | 'server-error'
  | 'unexpected-redirect'
  | 'http-error';

export function httpMeaning(status: number): HttpMeaning {
  if (status === 204) return 'server-stop';
  if (status === 401 || status === 403) return 'auth-failed';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'request-timeout';
  if (status >= 500) return 'server-error';
  if (status >= 300 && status < 400) return 'unexpected-redirect';
  return 'http-error';
}

/** "1 MiB", "64 KiB", "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** "45", "0.3": seconds without a needless fraction. */
export function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(1);
}

/** A certificate problem in English: the logs' and the listener's words, and the window's English text. */
export const TLS_ENGLISH: Readonly<Record<TlsProblem, string>> = {
  expired: 'the server’s certificate has expired',
  'not-yet-valid': 'the server’s certificate is not valid yet',
  'date-invalid': 'the server’s certificate has expired or is not valid yet',
  revoked: 'the server’s certificate has been revoked',
  'self-signed': 'the server uses a self-signed certificate',
  'self-signed-chain': 'the certificate chain ends in an untrusted self-signed certificate',
  'untrusted-issuer': 'the server’s certificate is not signed by a trusted authority',
  'bad-signature': 'the server’s certificate signature is invalid',
  untrusted: 'the server’s certificate is not trusted',
  'invalid-ca': 'the certificate authority is invalid',
  'name-mismatch': 'the certificate does not match the server’s name',
  invalid: 'the server’s certificate is invalid',
  'weak-signature': 'the server’s certificate uses a weak signature',
  protocol: 'the secure connection could not be established (TLS protocol error)',
};

const NETWORK_ENGLISH: Readonly<Record<NetworkProblem, string>> = {
  'connection-refused': 'Connection refused',
  'connection-reset': 'Connection reset',
  'connection-closed': 'Connection closed',
  'connection-lost': 'Connection lost',
  'connection-timeout': 'Connection timed out',
  'no-response': 'No response from the server',
  'stopped-sending': 'The server stopped sending',
  offline: 'No internet connection',
  dns: 'Server not found (DNS)',
  'dns-temporary': 'Server not found (DNS temporarily unavailable)',
  'network-unreachable': 'Network unreachable',
  'host-unreachable': 'Host unreachable',
  'network-changed': 'The network changed',
};

function httpEnglish(status: number): string {
  switch (httpMeaning(status)) {
    case 'server-stop':
      return 'Server asked to stop (204 No Content)';
    case 'auth-failed':
      return `Authentication failed (${status})`;
    case 'not-found':
      return `Feed not found (${status})`;
    case 'rate-limited':
      return `Rate limited by the server (${status})`;
    case 'request-timeout':
      return `Server timed out the request (${status})`;
    case 'server-error':
      return `Server error (${status})`;
    case 'unexpected-redirect':
      return `Unexpected redirect response (${status})`;
    case 'http-error':
      return `Request rejected (HTTP ${status})`;
  }
}

/** The reason in English, for logs, the headless listener and "Copy diagnostics" (never for the window). */
export function reasonEnglish(reason: Reason): string {
  switch (reason.kind) {
    case 'http':
      return httpEnglish(reason.status);
    case 'contentType':
      return `Not an event stream: got ${reason.got ?? 'no Content-Type'}`;
    case 'tls':
      return `Certificate problem: ${TLS_ENGLISH[reason.problem]} (${reason.code})`;
    case 'redirectLoop':
      return 'Too many redirects';
    case 'invalidUrl':
      return 'The feed address (or a redirect target) is not a valid http(s) URL';
    case 'scheme':
      return `Unsupported address scheme "${reason.scheme}" (use http or https)`;
    case 'header':
      return `Invalid header "${reason.name}"`;
    case 'headerNeedsValue':
      return `The header "${reason.name}" needs a value (left out of the export): enter it in the feed's settings`;
    case 'network':
      return NETWORK_ENGLISH[reason.problem];
    case 'networkError':
      return `Network error: ${reason.detail}`;
    case 'emptyBody':
      return 'Empty response body';
    case 'closedByServer':
      return 'Connection closed by the server';
    case 'idleTimeout':
      return `No data for ${formatSeconds(reason.seconds)} s`;
    case 'headersTimeout':
      return `No response within ${formatSeconds(reason.seconds)} s`;
    case 'eventTooLarge':
      return `An event exceeded the ${formatBytes(reason.limitBytes)} limit`;
    case 'streamError':
      return `Stream error: ${reason.detail}`;
    case 'oversizeEvent':
      return `An event exceeded the ${formatBytes(reason.limitBytes)} limit: its data was cut to ${formatBytes(reason.cutToBytes)}`;
    case 'oversizeLine':
      return reason.part === 'id'
        ? `An event id longer than ${formatBytes(reason.limitBytes)} was ignored`
        : `An event field longer than ${formatBytes(reason.limitBytes)} was cut`;
    case 'idNotResumable':
      return `An event id with control characters or over ${formatBytes(reason.limitBytes)} was kept with its message, not as the cursor`;
    case 'resumeRefused':
      return `The server refused the resume id (${reason.status}): reconnecting without Last-Event-ID`;
  }
}
