/**
 * Message previews: list pages and pushes carry at most PREVIEW_CHARS characters (UTF-16 code units) of each
 * message's data, so a window of thousands of 1 MiB events cannot flood IPC or the renderer's memory.
 * `messages:get` returns the whole data. `Message.size` is the full data's UTF-8 byte length.
 */
import { Buffer } from 'node:buffer';
import type { Message } from '../../../../shared/domain';

/** Characters (UTF-16 code units) of data in a preview. */
export const PREVIEW_CHARS = 8192;

/** Stored size of data: its UTF-8 byte length. */
export function byteSize(data: string): number {
  return Buffer.byteLength(data, 'utf8');
}

/** The first `max` UTF-16 code units of text, never ending inside a surrogate pair. */
export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A message as list pages and pushes carry it: data cut to PREVIEW_CHARS when longer. */
export function previewOf(message: Message): Message {
  if (message.data.length <= PREVIEW_CHARS) return message;
  return { ...message, data: cutChars(message.data, PREVIEW_CHARS), preview: true };
}

/**
 * Decodes the start of a JSON string literal (how data with NUL characters is stored) that was cut anywhere,
 * possibly inside an escape: the incomplete tail is dropped. `literal` starts with the opening quote.
 */
export function decodeJsonPrefix(literal: string): string {
  for (let drop = 0; drop <= 6 && drop < literal.length; drop++) {
    const body = literal.slice(0, literal.length - drop);
    for (const candidate of drop === 0 ? [body, body + '"'] : [body + '"']) {
      try {
        const parsed: unknown = JSON.parse(candidate);
        if (typeof parsed === 'string') return parsed;
      } catch {
        // cut inside an escape: drop one more character
      }
    }
  }
  return '';
}
