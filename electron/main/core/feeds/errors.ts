/**
 * Turns what fetch and servers report into states with human reasons. Covers Node's fetch (undici: a TypeError
 * whose `cause` carries an OpenSSL/system code) and Electron's net.fetch (`net::ERR_…` messages).
 */
import { httpMeaning, type NetworkProblem, type Reason, type TlsProblem } from '../../../../shared/reason';
import { isHeaderName } from '../../../../shared/rules';

/** Stop (until the user acts) or retry with backoff, and why. */
export type Outcome = { kind: 'stop'; reason: Reason } | { kind: 'retry'; reason: Reason; retryAfter?: string | null };

const stop = (reason: Reason): Outcome => ({ kind: 'stop', reason });

export const retry = (reason: Reason): Outcome => ({ kind: 'retry', reason });

/** OpenSSL / Chromium code → what the certificate problem is (its words live in shared/reason.ts). */
const TLS_CODES: Record<string, TlsProblem> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  CERT_REVOKED: 'revoked',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed-chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted-issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted-issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted-issuer',
  CERT_SIGNATURE_FAILURE: 'bad-signature',
  CERT_UNTRUSTED: 'untrusted',
  INVALID_CA: 'invalid-ca',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name-mismatch',
  HOSTNAME_MISMATCH: 'name-mismatch',
  // Electron / Chromium net errors
  ERR_CERT_DATE_INVALID: 'date-invalid',
  ERR_CERT_AUTHORITY_INVALID: 'untrusted-issuer',
  ERR_CERT_COMMON_NAME_INVALID: 'name-mismatch',
  ERR_CERT_REVOKED: 'revoked',
  ERR_CERT_INVALID: 'invalid',
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: 'weak-signature',
  ERR_SSL_PROTOCOL_ERROR: 'protocol',
};

const NETWORK_CODES: Record<string, NetworkProblem> = {
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-lost',
  ETIMEDOUT: 'connection-timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns-temporary',
  ENETUNREACH: 'network-unreachable',
  EHOSTUNREACH: 'host-unreachable',
  UND_ERR_SOCKET: 'connection-lost',
  UND_ERR_CONNECT_TIMEOUT: 'connection-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no-response',
  UND_ERR_BODY_TIMEOUT: 'stopped-sending',
  ERR_CONNECTION_REFUSED: 'connection-refused',
  ERR_CONNECTION_RESET: 'connection-reset',
  ERR_CONNECTION_CLOSED: 'connection-closed',
  ERR_INTERNET_DISCONNECTED: 'offline',
  ERR_NAME_NOT_RESOLVED: 'dns',
  ERR_NETWORK_CHANGED: 'network-changed',
  ERR_TIMED_OUT: 'connection-timeout',
};

/** Codes and messages along an error's cause chain (bounded). */
function chain(error: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && current !== undefined; depth++) {
    if (typeof current === 'object') {
      const record = current as { code?: unknown; message?: unknown; cause?: unknown };
      if (typeof record.code === 'string') codes.push(record.code);
      if (typeof record.message === 'string') {
        messages.push(record.message);
        const net = /net::(ERR_[A-Z_]+)/.exec(record.message);
        if (net) codes.push(net[1]!);
      }
      current = record.cause;
    } else {
      messages.push(String(current));
      break;
    }
  }
  return { codes, messages };
}

export function describeNetworkError(error: unknown): Outcome {
  const { codes, messages } = chain(error);
  for (const code of codes) {
    const problem = TLS_CODES[code];
    if (problem) return stop({ kind: 'tls', problem, code });
  }
  if (
    codes.includes('ERR_TOO_MANY_REDIRECTS') ||
    messages.some((m) => /redirect count exceeded|too many redirects/i.test(m))
  ) {
    return stop({ kind: 'redirectLoop' });
  }
  if (codes.includes('ERR_INVALID_URL') || codes.includes('ERR_UNSAFE_REDIRECT')) {
    return stop({ kind: 'invalidUrl' });
  }
  for (const code of codes) {
    const problem = NETWORK_CODES[code];
    if (problem) return retry({ kind: 'network', problem });
  }
  const last = messages.at(-1) ?? 'Network error';
  const detail = messages.length > 1 && messages[0] !== last ? last : (messages[0] ?? last);
  return retry({ kind: 'networkError', detail });
}

const EVENT_STREAM = /^[\t\n\r ]*text\/event-stream[\t\n\r ]*(?:;|$)/i;

/** What to do with a response: null = it is an event stream, go ahead. Which statuses stop is decided here. */
export function classifyResponse(status: number, contentType: string | null): Outcome | null {
  if (status === 200) {
    if (contentType !== null && EVENT_STREAM.test(contentType)) return null;
    const got = contentType ? contentType.split(';')[0]!.trim().toLowerCase() || contentType : null;
    return stop({ kind: 'contentType', got });
  }
  const reason: Reason = { kind: 'http', status };
  const meaning = httpMeaning(status);
  return meaning === 'rate-limited' || meaning === 'request-timeout' || meaning === 'server-error'
    ? retry(reason)
    : stop(reason);
}

/** Header names are HTTP tokens; values are Latin-1 without CR, LF or NUL. Returns the offending name or null. */
export function invalidHeader(headers: Record<string, string>): string | null {
  for (const [name, value] of Object.entries(headers)) {
    if (!isHeaderName(name)) return name;
    // fetch refuses characters beyond Latin-1 in a header value (a ByteString): retrying would never help.
    if (typeof value !== 'string' || /[\r\n\0\u0100-\uffff]/.test(value)) return name;
  }
  return null;
}

/** Every TLS and network error code core recognises (tests check each has a translated reason). */
export const KNOWN_TLS_CODES: readonly string[] = Object.keys(TLS_CODES);
export const KNOWN_NETWORK_CODES: readonly string[] = Object.keys(NETWORK_CODES);
