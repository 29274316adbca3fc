/**
 * Turns what fetch and servers report into states with human reasons. Covers Node's fetch (undici: a TypeError
 * whose `cause` carries an OpenSSL/system code) and Electron's net.fetch (`net::ERR_…` messages).
 */
import type { StopCode } from '../../../../shared/domain';

export type Outcome =
  | { kind: 'stop'; code: StopCode; reason: string }
  | { kind: 'retry'; reason: string; retryAfter?: string | null };

const TLS_CODES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the server’s certificate has expired',
  CERT_NOT_YET_VALID: 'the server’s certificate is not valid yet',
  CERT_REVOKED: 'the server’s certificate has been revoked',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in an untrusted self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server’s certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the server’s certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server’s certificate is not signed by a trusted authority',
  CERT_SIGNATURE_FAILURE: 'the server’s certificate signature is invalid',
  CERT_UNTRUSTED: 'the server’s certificate is not trusted',
  INVALID_CA: 'the certificate authority is invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not match the server’s name',
  HOSTNAME_MISMATCH: 'the certificate does not match the server’s name',
  // Electron / Chromium net errors
  ERR_CERT_DATE_INVALID: 'the server’s certificate has expired or is not valid yet',
  ERR_CERT_AUTHORITY_INVALID: 'the server’s certificate is not signed by a trusted authority',
  ERR_CERT_COMMON_NAME_INVALID: 'the certificate does not match the server’s name',
  ERR_CERT_REVOKED: 'the server’s certificate has been revoked',
  ERR_CERT_INVALID: 'the server’s certificate is invalid',
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: 'the server’s certificate uses a weak signature',
  ERR_SSL_PROTOCOL_ERROR: 'the secure connection could not be established (TLS protocol error)',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset',
  EPIPE: 'Connection lost',
  ETIMEDOUT: 'Connection timed out',
  ENOTFOUND: 'Server not found (DNS)',
  EAI_AGAIN: 'Server not found (DNS temporarily unavailable)',
  ENETUNREACH: 'Network unreachable',
  EHOSTUNREACH: 'Host unreachable',
  UND_ERR_SOCKET: 'Connection lost',
  UND_ERR_CONNECT_TIMEOUT: 'Connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'No response from the server',
  UND_ERR_BODY_TIMEOUT: 'The server stopped sending',
  ERR_CONNECTION_REFUSED: 'Connection refused',
  ERR_CONNECTION_RESET: 'Connection reset',
  ERR_CONNECTION_CLOSED: 'Connection closed',
  ERR_INTERNET_DISCONNECTED: 'No internet connection',
  ERR_NAME_NOT_RESOLVED: 'Server not found (DNS)',
  ERR_NETWORK_CHANGED: 'The network changed',
  ERR_TIMED_OUT: 'Connection timed out',
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
    if (tls) return { kind: 'stop', code: 'tls', reason: `Certificate problem: ${tls} (${code})` };
  }
  if (codes.includes('ERR_TOO_MANY_REDIRECTS') || messages.some((m) => /redirect count exceeded|too many redirects/i.test(m))) {
    return { kind: 'stop', code: 'redirect-loop', reason: 'Too many redirects' };
  }
  if (codes.includes('ERR_INVALID_URL') || codes.includes('ERR_UNSAFE_REDIRECT')) {
    return { kind: 'stop', code: 'invalid-url', reason: 'The feed address (or a redirect target) is not a valid http(s) URL' };
  }
  if (messages.some((m) => /^bad port$/i.test(m))) {
    return { kind: 'stop', code: 'invalid-url', reason: 'This port is blocked for web requests (fetch “bad port” list)' };
  }
  for (const code of codes) {
    const text = NETWORK_CODES[code];
    if (text) return { kind: 'retry', reason: text };
  }
  const last = messages.at(-1) ?? 'Network error';
  const detail = messages.length > 1 && messages[0] !== last ? last : (messages[0] ?? last);
  return { kind: 'retry', reason: `Network error: ${detail}` };
}

const EVENT_STREAM = /^[\t\n\r ]*text\/event-stream[\t\n\r ]*(?:;|$)/i;

/** What to do with a response: null = it is an event stream, go ahead. */
export function classifyResponse(status: number, contentType: string | null): Outcome | null {
  if (status === 200) {
    if (contentType !== null && EVENT_STREAM.test(contentType)) return null;
    const got = contentType ? contentType.split(';')[0]!.trim().toLowerCase() || contentType : 'no Content-Type';
    return { kind: 'stop', code: 'bad-content-type', reason: `Not an event stream: got ${got}` };
  }
  if (status === 204) return { kind: 'stop', code: 'server-stop', reason: 'Server asked to stop (204 No Content)' };
  if (status === 401 || status === 403) return { kind: 'stop', code: 'auth-failed', reason: `Authentication failed (${status})` };
  if (status === 404 || status === 410) return { kind: 'stop', code: 'not-found', reason: `Feed not found (${status})` };
  if (status === 429) return { kind: 'retry', reason: 'Rate limited by the server (429)' };
  if (status === 408) return { kind: 'retry', reason: 'Server timed out the request (408)' };
  if (status >= 500) return { kind: 'retry', reason: `Server error (${status})` };
  if (status >= 300 && status < 400) return { kind: 'stop', code: 'http-error', reason: `Unexpected redirect response (${status})` };
  return { kind: 'stop', code: 'http-error', reason: `Request rejected (HTTP ${status})` };
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
