/**
 * Talking back: a feed's optional publish target, and what sending one message returns.
 */
import type { Priority } from '../profiles/types';
import type { PublishTargetSetting } from '../../../../shared/message-fields';

/**
 * ntfy, Mercure, Nchan or generic: the setting a feed stores (shared/message-fields.ts); the listener's generic
 * target may name any method (prepare refuses one it does not send).
 */
export type PublishTarget =
  | Exclude<PublishTargetSetting, { kind: 'generic' }>
  | (Omit<Extract<PublishTargetSetting, { kind: 'generic' }>, 'method'> & { method: string });

export type PublishKind = PublishTarget['kind'];

export interface OutgoingMessage {
  text: string;
  /** ntfy only. */
  title?: string | null;
  /** ntfy only. */
  priority?: Priority | null;
  /** ntfy only. */
  tags?: string[];
}

export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Why a message was not sent, language-neutral (the window translates it). */
export type PublishFailure =
  | 'http' // the server answered with an error status: `status` and the server's `error` text
  | 'redirect' // the server answered with a redirect, which is not followed with credentials
  | 'network' // no answer: refused, reset, DNS…; `error` has the detail
  | 'timeout'
  | 'invalid-target'; // the target's URL or method is not usable

export type PublishResult =
  | { ok: true; status: number; messageId: string | null }
  | { ok: false; failure: PublishFailure; status: number | null; error: string };
