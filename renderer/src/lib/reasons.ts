/**
 * Why a feed is stopped or retrying, in the window's language. Core sends a language-neutral code with its
 * variable parts (FeedStatus.reasonCode / reasonParams); the English `reason` is shown only when the code is
 * missing or one this window does not know (an older or newer core).
 */
import type { TFunction } from 'i18next';
import type { FeedStatus, ReasonCode } from '../../../shared/domain';

/** Every reason code core can send, each with its i18n key (the Record makes a new code a type error here). */
export const REASON_KEYS: Readonly<Record<ReasonCode, string>> = {
  'server-stop': 'reason.server-stop',
  'auth-failed': 'reason.auth-failed',
  'not-found': 'reason.not-found',
  'bad-content-type': 'reason.bad-content-type',
  tls: 'reason.tls',
  'redirect-loop': 'reason.redirect-loop',
  'http-error': 'reason.http-error',
  'invalid-url': 'reason.invalid-url',
  disabled: 'reason.disabled',
  'unsupported-scheme': 'reason.unsupported-scheme',
  'blocked-port': 'reason.blocked-port',
  'invalid-header': 'reason.invalid-header',
  'unexpected-redirect': 'reason.unexpected-redirect',
  'connection-refused': 'reason.connection-refused',
  'connection-reset': 'reason.connection-reset',
  'connection-closed': 'reason.connection-closed',
  'connection-lost': 'reason.connection-lost',
  'connection-timeout': 'reason.connection-timeout',
  'no-response': 'reason.no-response',
  'stopped-sending': 'reason.stopped-sending',
  offline: 'reason.offline',
  dns: 'reason.dns',
  'dns-temporary': 'reason.dns-temporary',
  'network-unreachable': 'reason.network-unreachable',
  'host-unreachable': 'reason.host-unreachable',
  'network-changed': 'reason.network-changed',
  network: 'reason.network',
  'server-error': 'reason.server-error',
  'rate-limited': 'reason.rate-limited',
  'request-timeout': 'reason.request-timeout',
  'empty-body': 'reason.empty-body',
  'closed-by-server': 'reason.closed-by-server',
  'idle-timeout': 'reason.idle-timeout',
  'headers-timeout': 'reason.headers-timeout',
  'event-too-large': 'reason.event-too-large',
  'stream-error': 'reason.stream-error',
};

/** What a certificate problem is (reasonParams.problem of a 'tls' reason), each with its i18n key. */
export const TLS_PROBLEM_KEYS: Readonly<Record<string, string>> = {
  expired: 'tlsProblem.expired',
  'not-yet-valid': 'tlsProblem.not-yet-valid',
  'date-invalid': 'tlsProblem.date-invalid',
  revoked: 'tlsProblem.revoked',
  'self-signed': 'tlsProblem.self-signed',
  'self-signed-chain': 'tlsProblem.self-signed-chain',
  'untrusted-issuer': 'tlsProblem.untrusted-issuer',
  'bad-signature': 'tlsProblem.bad-signature',
  untrusted: 'tlsProblem.untrusted',
  'invalid-ca': 'tlsProblem.invalid-ca',
  'name-mismatch': 'tlsProblem.name-mismatch',
  invalid: 'tlsProblem.invalid',
  'weak-signature': 'tlsProblem.weak-signature',
  protocol: 'tlsProblem.protocol',
};

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The translated reason of a status, core's English reason when the code is unknown, or null. */
export function reasonText(
  t: TFunction,
  status: Pick<FeedStatus, 'reason' | 'reasonCode' | 'reasonParams'>,
): string | null {
  const code = status.reasonCode;
  const key = code ? own(REASON_KEYS, code) : undefined;
  if (key === undefined) return status.reason;
  const params: Record<string, unknown> = { ...(status.reasonParams ?? {}) };
  if (code === 'tls') {
    const problemKey = own(TLS_PROBLEM_KEYS, String(params.problem ?? ''));
    // A problem this window does not know gets general words; the sentence still names the certificate error code.
    params.problem = t(problemKey ?? 'tlsProblem.other');
  }
  return t(key, params);
}
