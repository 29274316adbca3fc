/**
 * What core says, in the window's language: why a feed is stopped or retrying (or its last error) — a `Reason`
 * (shared/reason.ts) — and why a request failed or what is wrong with a field — a `Problem` (shared/problem.ts).
 * Every kind is translated here; the exhaustive switches make a new kind a type error until it is.
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
import type { Problem } from '../../../shared/problem';
import type { ResultError } from '../../../shared/result';

/**
 * The runtime's own words behind a reason core did not recognise (a network or stream error), for diagnostics'
 * details only: the sentence the window shows is translated and never contains them. Null for other kinds.
 */
export function reasonDetail(reason: Reason | null | undefined): string | null {
  if (reason?.kind === 'networkError' || reason?.kind === 'streamError') return reason.detail || null;
  return null;
}

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
    case 'header':
      return { key: 'reason.invalid-header', params: { header: reason.name } };
    case 'headerNeedsValue':
      return { key: 'reason.header-needs-value', params: { header: reason.name } };
    case 'network':
      return { key: own(NETWORK_PROBLEM_KEYS, reason.problem) ?? 'reason.unknown', params: {} };
    case 'networkError':
      // The detail is the runtime's English: never inside the sentence (see reasonDetail).
      return { key: 'reason.network', params: {} };
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
      return { key: 'reason.stream-error', params: {} };
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
    default: {
      // A kind from a newer core than this window: general words, never core's English. (A kind this file does
      // not handle is a type error here.)
      const unhandled: never = reason;
      void unhandled;
      return { key: 'reason.unknown', params: {} };
    }
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

/** The i18n key and parameters of a problem (nested problems are translated by `problemText`). */
function problemMessage(t: TFunction, p: Problem): { key: string; params: Record<string, string | number> } {
  switch (p.kind) {
    case 'tooLong':
    case 'tooBig':
      return { key: `problem.${p.kind}`, params: { max: p.max } };
    case 'tooShort':
    case 'tooSmall':
      return { key: `problem.${p.kind}`, params: { min: p.min } };
    case 'duplicateUrl':
    case 'duplicateHeader':
    case 'headerNeedsValue':
    case 'secretToPlain':
      return { key: `problem.${p.kind}`, params: { name: p.name } };
    case 'importTooMany':
      return { key: 'problem.importTooMany', params: { count: p.count, max: p.max } };
    case 'importInvalid':
      return {
        key: 'problem.importInvalid',
        params: { count: p.count, path: p.path, first: problemText(t, p.first) },
      };
    case 'importFeedRefused':
      return { key: 'problem.importFeedRefused', params: { feed: p.feed, problem: problemText(t, p.problem) } };
    case 'urlScheme':
      return { key: 'problem.urlScheme', params: { scheme: p.scheme } };
    // Kinds whose details are the runtime's English (a channel name, a JSON parser's message, what failed) or
    // need none: general words in the window; the details stay in the log.
    case 'required':
    case 'urlRequired':
    case 'url':
    case 'urlCredentials':
    case 'headerName':
    case 'headerValue':
    case 'timeOfDay':
    case 'invalid':
    case 'invalidRequest':
    case 'unknownChannel':
    case 'forbidden':
    case 'feedNotFound':
    case 'feedNotConnected':
    case 'noSecureStorage':
    case 'messageNotFound':
    case 'badCursor':
    case 'importNotJson':
    case 'importNotExport':
    case 'internal':
      return { key: `problem.${p.kind}`, params: {} };
    default: {
      const unhandled: never = p;
      void unhandled;
      return { key: 'problem.unknown', params: {} };
    }
  }
}

/** A problem in the window's language. */
export function problemText(t: TFunction, problem: Problem): string {
  const { key, params } = problemMessage(t, problem);
  return t(key, params);
}

/**
 * An error from main in the window's language: its problem, and for a refused request the first field at fault.
 * An error without a problem (a core older than this window) gets general words, never its English message.
 */
export function errorText(t: TFunction, error: Pick<ResultError, 'problem' | 'issues'> | undefined): string {
  if (!error?.problem) return t('problem.unknown');
  const text = problemText(t, error.problem);
  const first = error.problem.kind === 'invalidRequest' ? error.issues?.[0] : undefined;
  return first ? `${text} ${first.path}: ${problemText(t, first.problem)}` : text;
}

/** Field errors from main by path (`url`, `headers.1.name`), each in the window's language; the first per path. */
export function fieldErrors(t: TFunction, error: Pick<ResultError, 'issues'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const found of error.issues ?? []) out[found.path] ??= problemText(t, found.problem);
  return out;
}

/** Every problem kind (with example details), for the tests that check both catalogues. */
export const PROBLEM_EXAMPLES: { readonly [K in Problem['kind']]: Extract<Problem, { kind: K }> } = {
  required: { kind: 'required' },
  urlRequired: { kind: 'urlRequired' },
  tooLong: { kind: 'tooLong', max: 200 },
  tooShort: { kind: 'tooShort', min: 2 },
  tooSmall: { kind: 'tooSmall', min: 5 },
  tooBig: { kind: 'tooBig', max: 3600 },
  url: { kind: 'url' },
  urlScheme: { kind: 'urlScheme', scheme: 'ftp' },
  urlCredentials: { kind: 'urlCredentials' },
  headerName: { kind: 'headerName' },
  headerValue: { kind: 'headerValue' },
  timeOfDay: { kind: 'timeOfDay' },
  invalid: { kind: 'invalid' },
  invalidRequest: { kind: 'invalidRequest', channel: 'tidings:feeds:add', detail: 'url: Enter a feed URL' },
  unknownChannel: { kind: 'unknownChannel', channel: '"x"' },
  forbidden: { kind: 'forbidden' },
  feedNotFound: { kind: 'feedNotFound' },
  feedNotConnected: { kind: 'feedNotConnected' },
  duplicateUrl: { kind: 'duplicateUrl', name: 'Orders' },
  duplicateHeader: { kind: 'duplicateHeader', name: 'X-Token' },
  headerNeedsValue: { kind: 'headerNeedsValue', name: 'Authorization' },
  secretToPlain: { kind: 'secretToPlain', name: 'Authorization' },
  noSecureStorage: { kind: 'noSecureStorage' },
  messageNotFound: { kind: 'messageNotFound' },
  badCursor: { kind: 'badCursor' },
  importNotJson: { kind: 'importNotJson', detail: 'Unexpected token' },
  importNotExport: { kind: 'importNotExport' },
  importTooMany: { kind: 'importTooMany', count: 1001, max: 1000 },
  importInvalid: { kind: 'importInvalid', count: 2, path: 'feeds.0.url', first: { kind: 'url' } },
  importFeedRefused: { kind: 'importFeedRefused', feed: 3, problem: { kind: 'duplicateHeader', name: 'X-Token' } },
  internal: { kind: 'internal', what: 'add feed' },
};
