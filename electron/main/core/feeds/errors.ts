/**
 * Turns what fetch and servers report into states with human reasons. Covers Node's fetch (undici: a TypeError
 * whose `cause` carries an OpenSSL/system code) and Electron's net.fetch (`net::ERR_…` messages).
 */
import type { ReasonCode, StopCode } from '../../../../shared/domain';

/** `reason` is English (logs, CLI, diagnostics); `reasonCode` + `params` are what the window translates. */
export type Outcome =
  | { kind: 'stop'; code: StopCode; reason: string; reasonCode: ReasonCode; params: Record<string, string | number> }
  | {
      kind: 'retry';
      reason: string;
      reasonCode: ReasonCode;
      params: Record<string, string | number>;
      retryAfter?: string | null;
    };

function stop(
  code: StopCode,
  reason: string,
  reasonCode: ReasonCode = code,
  params: Record<string, string | number> = {},
): Outcome {
  return { kind: 'stop', code, reason, reasonCode, params };
}

export function retry(reasonCode: ReasonCode, reason: string, params: Record<string, string | number> = {}): Outcome {
  return { kind: 'retry', reason, reasonCode, params };
}

/** OpenSSL / Chromium code → [problem key (reasonParams.problem), English words]. */
const TLS_CODES: Record<string, [string, string]> = {
  CERT_HAS_EXPIRED: ['expired', 'the server’s certificate has expired'],
  CERT_NOT_YET_VALID: ['not-yet-valid', 'the server’s certificate is not valid yet'],
  CERT_REVOKED: ['revoked', 'the server’s certificate has been revoked'],
  DEPTH_ZERO_SELF_SIGNED_CERT: ['self-signed', 'the server uses a self-signed certificate'],
  SELF_SIGNED_CERT_IN_CHAIN: [
    'self-signed-chain',
    'the certificate chain ends in an untrusted self-signed certificate',
  ],
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: [
    'untrusted-issuer',
    'the server’s certificate is not signed by a trusted authority',
  ],
  UNABLE_TO_GET_ISSUER_CERT: ['untrusted-issuer', 'the server’s certificate is not signed by a trusted authority'],
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: [
    'untrusted-issuer',
    'the server’s certificate is not signed by a trusted authority',
  ],
  CERT_SIGNATURE_FAILURE: ['bad-signature', 'the server’s certificate signature is invalid'],
  CERT_UNTRUSTED: ['untrusted', 'the server’s certificate is not trusted'],
  INVALID_CA: ['invalid-ca', 'the certificate authority is invalid'],
  ERR_TLS_CERT_ALTNAME_INVALID: ['name-mismatch', 'the certificate does not match the server’s name'],
  HOSTNAME_MISMATCH: ['name-mismatch', 'the certificate does not match the server’s name'],
  // Electron / Chromium net errors
  ERR_CERT_DATE_INVALID: ['date-invalid', 'the server’s certificate has expired or is not valid yet'],
  ERR_CERT_AUTHORITY_INVALID: ['untrusted-issuer', 'the server’s certificate is not signed by a trusted authority'],
  ERR_CERT_COMMON_NAME_INVALID: ['name-mismatch', 'the certificate does not match the server’s name'],
  ERR_CERT_REVOKED: ['revoked', 'the server’s certificate has been revoked'],
  ERR_CERT_INVALID: ['invalid', 'the server’s certificate is invalid'],
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: ['weak-signature', 'the server’s certificate uses a weak signature'],
  ERR_SSL_PROTOCOL_ERROR: ['protocol', 'the secure connection could not be established (TLS protocol error)'],
};

const NETWORK_CODES: Record<string, [ReasonCode, string]> = {
  ECONNREFUSED: ['connection-refused', 'Connection refused'],
  ECONNRESET: ['connection-reset', 'Connection reset'],
  EPIPE: ['connection-lost', 'Connection lost'],
  ETIMEDOUT: ['connection-timeout', 'Connection timed out'],
  ENOTFOUND: ['dns', 'Server not found (DNS)'],
  EAI_AGAIN: ['dns-temporary', 'Server not found (DNS temporarily unavailable)'],
  ENETUNREACH: ['network-unreachable', 'Network unreachable'],
  EHOSTUNREACH: ['host-unreachable', 'Host unreachable'],
  UND_ERR_SOCKET: ['connection-lost', 'Connection lost'],
  UND_ERR_CONNECT_TIMEOUT: ['connection-timeout', 'Connection timed out'],
  UND_ERR_HEADERS_TIMEOUT: ['no-response', 'No response from the server'],
  UND_ERR_BODY_TIMEOUT: ['stopped-sending', 'The server stopped sending'],
  ERR_CONNECTION_REFUSED: ['connection-refused', 'Connection refused'],
  ERR_CONNECTION_RESET: ['connection-reset', 'Connection reset'],
  ERR_CONNECTION_CLOSED: ['connection-closed', 'Connection closed'],
  ERR_INTERNET_DISCONNECTED: ['offline', 'No internet connection'],
  ERR_NAME_NOT_RESOLVED: ['dns', 'Server not found (DNS)'],
  ERR_NETWORK_CHANGED: ['network-changed', 'The network changed'],
  ERR_TIMED_OUT: ['connection-timeout', 'Connection timed out'],
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
    const tls = TLS_CODES[code];
    if (tls) return stop('tls', `Certificate problem: ${tls[1]} (${code})`, 'tls', { tlsCode: code, problem: tls[0] });
  }
  if (
    codes.includes('ERR_TOO_MANY_REDIRECTS') ||
    messages.some((m) => /redirect count exceeded|too many redirects/i.test(m))
  ) {
    return stop('redirect-loop', 'Too many redirects');
  }
  if (codes.includes('ERR_INVALID_URL') || codes.includes('ERR_UNSAFE_REDIRECT')) {
    return stop('invalid-url', 'The feed address (or a redirect target) is not a valid http(s) URL');
  }
  if (messages.some((m) => /^bad port$/i.test(m))) {
    return stop('invalid-url', 'This port is blocked for web requests (fetch “bad port” list)', 'blocked-port');
  }
  for (const code of codes) {
    const known = NETWORK_CODES[code];
    if (known) return retry(known[0], known[1]);
  }
  const last = messages.at(-1) ?? 'Network error';
  const detail = messages.length > 1 && messages[0] !== last ? last : (messages[0] ?? last);
  return retry('network', `Network error: ${detail}`, { detail });
}

const EVENT_STREAM = /^[\t\n\r ]*text\/event-stream[\t\n\r ]*(?:;|$)/i;

/** What to do with a response: null = it is an event stream, go ahead. */
export function classifyResponse(status: number, contentType: string | null): Outcome | null {
  if (status === 200) {
    if (contentType !== null && EVENT_STREAM.test(contentType)) return null;
    const got = contentType ? contentType.split(';')[0]!.trim().toLowerCase() || contentType : 'no Content-Type';
    return stop('bad-content-type', `Not an event stream: got ${got}`, 'bad-content-type', { contentType: got });
  }
  if (status === 204) return stop('server-stop', 'Server asked to stop (204 No Content)', 'server-stop', { status });
  if (status === 401 || status === 403)
    return stop('auth-failed', `Authentication failed (${status})`, 'auth-failed', { status });
  if (status === 404 || status === 410) return stop('not-found', `Feed not found (${status})`, 'not-found', { status });
  if (status === 429) return retry('rate-limited', 'Rate limited by the server (429)', { status });
  if (status === 408) return retry('request-timeout', 'Server timed out the request (408)', { status });
  if (status >= 500) return retry('server-error', `Server error (${status})`, { status });
  if (status >= 300 && status < 400)
    return stop('http-error', `Unexpected redirect response (${status})`, 'unexpected-redirect', { status });
  return stop('http-error', `Request rejected (HTTP ${status})`, 'http-error', { status });
}

/** Header names are HTTP tokens; values are Latin-1 without CR, LF or NUL. Returns the offending name or null. */
export function invalidHeader(headers: Record<string, string>): string | null {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
    // fetch refuses characters beyond Latin-1 in a header value (a ByteString): retrying would never help.
    if (typeof value !== 'string' || /[\r\n\0\u0100-\uffff]/.test(value)) return name;
  }
  return null;
}

/** Every TLS and network error code core recognises (tests check each has a translated reason). */
export const KNOWN_TLS_CODES: readonly string[] = Object.keys(TLS_CODES);
export const KNOWN_NETWORK_CODES: readonly string[] = Object.keys(NETWORK_CODES);
