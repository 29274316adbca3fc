/**
 * Why a request failed (or what is wrong with one field of it): one discriminated union, language-neutral, carried
 * by every error that crosses IPC (`ResultError.problem`, and per field `issues[].problem`). The window translates
 * every kind (`renderer/src/lib/reasons.ts`); `problemEnglish` gives the English for logs, the listener and tests.
 * Field rules in the zod schemas use a kind as their message (`.min(1, 'required')`); `problemOfIssue` reads it back.
 */

export type Problem =
  // ---- one field ----
  | { kind: 'required' }
  | { kind: 'urlRequired' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'tooShort'; min: number }
  | { kind: 'tooSmall'; min: number }
  | { kind: 'tooBig'; max: number }
  /** Not an absolute http(s) URL. */
  | { kind: 'url' }
  /** Another scheme than http or https. */
  | { kind: 'urlScheme'; scheme: string }
  /** A URL with a user name or password in it (`https://user:pass@host/`). */
  | { kind: 'urlCredentials' }
  | { kind: 'headerName' }
  | { kind: 'headerValue' }
  | { kind: 'timeOfDay' }
  /** Any other malformed value (wrong type, unknown option…). */
  | { kind: 'invalid' }
  // ---- requests ----
  /** The request did not pass validation; `issues` says where. */
  | { kind: 'invalidRequest'; channel: string; detail: string }
  | { kind: 'unknownChannel'; channel: string }
  /** The IPC gate refused a sender other than the Tidings window. */
  | { kind: 'forbidden' }
  // ---- feeds ----
  | { kind: 'feedNotFound' }
  | { kind: 'feedNotConnected' }
  | { kind: 'duplicateUrl'; name: string }
  | { kind: 'duplicateHeader'; name: string }
  | { kind: 'headerNeedsValue'; name: string }
  /** Turning a secret header into a plain one needs its value again. */
  | { kind: 'secretToPlain'; name: string }
  /** No keychain to encrypt secret headers with. */
  | { kind: 'noSecureStorage' }
  // ---- messages ----
  | { kind: 'messageNotFound' }
  | { kind: 'badCursor' }
  // ---- import ----
  | { kind: 'importNotJson'; detail: string }
  | { kind: 'importNotExport' }
  | { kind: 'importTooMany'; count: number; max: number }
  /** `count` entries are invalid; the first one's path and problem. */
  | { kind: 'importInvalid'; count: number; path: string; first: Problem }
  /** Feed number `feed` (from 1) of the file was refused by the store. */
  | { kind: 'importFeedRefused'; feed: number; problem: Problem }
  // ---- anything else (logged in main) ----
  | { kind: 'internal'; what: string };

export type ProblemKind = Problem['kind'];

/** Kinds without parameters: a zod rule may name one as its message. */
const BARE_KINDS = new Set<string>([
  'required',
  'urlRequired',
  'url',
  'urlCredentials',
  'headerName',
  'headerValue',
  'timeOfDay',
  'invalid',
]);

/** What zod reports for one issue (structurally; shared/ does not import zod here). */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  /** zod's invalid_union: the issues of each alternative. */
  errors?: readonly (readonly IssueLike[])[];
}

/** The problem of one zod issue: the kind a rule names as its message, else what the issue's code says. */
export function problemOfIssue(issue: IssueLike): Problem {
  if (BARE_KINDS.has(issue.message)) return { kind: issue.message } as Problem;
  const text = issue.origin === 'string' || issue.origin === 'array';
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    const min = Number(issue.minimum);
    if (text && min === 1) return { kind: 'required' };
    return text ? { kind: 'tooShort', min } : { kind: 'tooSmall', min };
  }
  if (issue.code === 'too_big' && issue.maximum !== undefined) {
    const max = Number(issue.maximum);
    return text ? { kind: 'tooLong', max } : { kind: 'tooBig', max };
  }
  return { kind: 'invalid' };
}

/** The problem in English, for logs, the listener and `ResultError.message` (never for the window). */
export function problemEnglish(p: Problem): string {
  switch (p.kind) {
    case 'required':
      return 'Enter a value';
    case 'urlRequired':
      return 'Enter a feed URL';
    case 'tooLong':
      return `Too long (at most ${p.max})`;
    case 'tooShort':
      return `Too short (at least ${p.min})`;
    case 'tooSmall':
      return `Too small (at least ${p.min})`;
    case 'tooBig':
      return `Too large (at most ${p.max})`;
    case 'url':
      return 'Enter an http:// or https:// URL';
    case 'urlScheme':
      return `Only http:// and https:// links and feeds are supported (this one is ${p.scheme}:).`;
    case 'urlCredentials':
      return 'A URL must not contain a user name or password';
    case 'headerName':
      return 'Header name has characters HTTP does not allow';
    case 'headerValue':
      return 'Header value must not contain line breaks';
    case 'timeOfDay':
      return 'Use HH:MM';
    case 'invalid':
      return 'Not a valid value';
    case 'invalidRequest':
      return `Invalid request for ${p.channel}: ${p.detail}`;
    case 'unknownChannel':
      return `Unknown channel ${p.channel}.`;
    case 'forbidden':
      return 'This request did not come from the Tidings window.';
    case 'feedNotFound':
      return 'This feed no longer exists.';
    case 'feedNotConnected':
      return 'This feed has no connection yet.';
    case 'duplicateUrl':
      return `A feed with this URL already exists: "${p.name}".`;
    case 'duplicateHeader':
      return `Header "${p.name}" is listed twice.`;
    case 'headerNeedsValue':
      return `Header "${p.name}" has no value.`;
    case 'secretToPlain':
      return `Enter the value of "${p.name}" again to store it unencrypted.`;
    case 'noSecureStorage':
      return (
        'This system offers no secure storage (keychain) to encrypt secret headers; ' +
        'Tidings does not store secrets in clear text.'
      );
    case 'messageNotFound':
      return 'This message no longer exists (it may have been pruned).';
    case 'badCursor':
      return 'The page cursor is not valid; reload the list.';
    case 'importNotJson':
      return `The file is not valid JSON (${p.detail}).`;
    case 'importNotExport':
      return 'The file is not a Tidings feed export: expected {"feeds": [...]} or a list of feeds.';
    case 'importTooMany':
      return `The file lists ${p.count} feeds; at most ${p.max} can be imported at once. Nothing was imported.`;
    case 'importInvalid':
      return (
        `The file has ${p.count} problem${p.count === 1 ? '' : 's'}; nothing was imported. ` +
        `First: ${p.path}: ${problemEnglish(p.first)}`
      );
    case 'importFeedRefused':
      return `Feed ${p.feed} of the file: ${problemEnglish(p.problem)} Nothing was imported.`;
    case 'internal':
      return `Something went wrong (${p.what}). Details are in the log.`;
  }
}
