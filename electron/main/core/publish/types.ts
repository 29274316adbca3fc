/**
 * Talking back: a feed's optional publish target, and what sending one message returns.
 */
import type { Priority } from '../profiles/types';

export type PublishTarget =
  /** ntfy: POST the text to the topic URL, with Title / Priority / Tags headers (https://docs.ntfy.sh/publish/). */
  | { kind: 'ntfy'; url: string }
  /** Mercure: POST a form (`topic`…, `data`, `private`) to the hub with the publisher JWT (mercure.rocks/spec). */
  | { kind: 'mercure'; url: string; topics: string[]; private: boolean }
  /** Nchan: POST the text to its publisher location (https://nchan.io/#publishing-messages). */
  | { kind: 'nchan'; url: string }
  /** Anything else: method, URL, content type and a body template in which `{{text}}` stands for the message. */
  | { kind: 'generic'; method: string; url: string; contentType: string; bodyTemplate: string };

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
