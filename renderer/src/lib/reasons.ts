/**
 * Why a feed is stopped or retrying (or what its last error was), in the window's language. Core sends a
 * language-neutral `Reason` (shared/reason.ts); every kind is translated here, and the exhaustive switch makes a
 * new kind a type error until it is.
 */
import type { TFunction } from 'i18next';
import {
  formatBytes,
  formatSeconds,
  httpMeaning,
  NETWORK_PROBLEMS,
  TLS_PROBLEMS,
  type Reason,
} from '../../../shared/reason';

/** The i18n key of every certificate problem. */
export const TLS_PROBLEM_KEYS: Readonly<Record<(typeof TLS_PROBLEMS)[number], string>> = Object.fromEntries(
  TLS_PROBLEMS.map((p) => [p, `tlsProblem.${p}`]),
) as Record<(typeof TLS_PROBLEMS)[number], string>;

/** The i18n key of every network problem. */
export const NETWORK_PROBLEM_KEYS: Readonly<Record<(typeof NETWORK_PROBLEMS)[number], string>> = Object.fromEntries(
  NETWORK_PROBLEMS.map((p) => [p, `reason.${p}`]),
) as Record<(typeof NETWORK_PROBLEMS)[number], string>;

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The i18n key and its parameters for one reason. */
export function reasonMessage(reason: Reason): { key: string; params: Record<string, string | number> } {
  switch (reason.kind) {
    case 'http':
      return { key: `reason.${httpMeaning(reason.status)}`, params: { status: reason.status } };
    case 'contentType':
      return reason.got === null
        ? { key: 'reason.no-content-type', params: {} }
        : { key: 'reason.bad-content-type', params: { contentType: reason.got } };
    case 'tls':
      return { key: 'reason.tls', params: { problem: reason.problem, tlsCode: reason.code } };
    case 'redirectLoop':
      return { key: 'reason.redirect-loop', params: {} };
    case 'invalidUrl':
      return { key: 'reason.invalid-url', params: {} };
    case 'scheme':
      return { key: 'reason.unsupported-scheme', params: { scheme: reason.scheme } };
    case 'blockedPort':
      return { key: 'reason.blocked-port', params: {} };
    case 'header':
      return { key: 'reason.invalid-header', params: { header: reason.name } };
    case 'network':
      return { key: own(NETWORK_PROBLEM_KEYS, reason.problem) ?? 'reason.unknown', params: {} };
    case 'networkError':
      return { key: 'reason.network', params: { detail: reason.detail } };
    case 'emptyBody':
      return { key: 'reason.empty-body', params: {} };
    case 'closedByServer':
      return { key: 'reason.closed-by-server', params: {} };
    case 'idleTimeout':
      return { key: 'reason.idle-timeout', params: { seconds: formatSeconds(reason.seconds) } };
    case 'headersTimeout':
      return { key: 'reason.headers-timeout', params: { seconds: formatSeconds(reason.seconds) } };
    case 'eventTooLarge':
      return { key: 'reason.event-too-large', params: { limit: formatBytes(reason.limitBytes) } };
    case 'streamError':
      return { key: 'reason.stream-error', params: { detail: reason.detail } };
    case 'oversizeEvent':
      return {
        key: 'reason.oversize-event',
        params: { limit: formatBytes(reason.limitBytes), cut: formatBytes(reason.cutToBytes) },
      };
    case 'oversizeLine':
      return { key: `reason.oversize-${reason.part}`, params: { limit: formatBytes(reason.limitBytes) } };
    case 'idNotResumable':
      return { key: 'reason.id-not-resumable', params: { limit: formatBytes(reason.limitBytes) } };
    case 'resumeRefused':
      return { key: 'reason.resume-refused', params: { status: reason.status } };
    default:
      // A kind from a newer core than this window: general words, never core's English.
      return { key: 'reason.unknown', params: {} };
  }
}

/** The reason in the window's language; null for none. */
export function reasonText(t: TFunction, reason: Reason | null | undefined): string | null {
  if (!reason) return null;
  const { key, params } = reasonMessage(reason);
  if (reason.kind === 'tls') {
    // A problem this window does not know gets general words; the sentence still names the certificate error code.
    params.problem = t(own(TLS_PROBLEM_KEYS, reason.problem) ?? 'tlsProblem.other');
  }
  return t(key, params);
}
