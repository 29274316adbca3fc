/** Pure text helpers for highlighting and links. Output is data for React text nodes, never HTML. */
import { isHttpUrl, searchTerms } from '../../../shared/rules';

export interface Segment {
  text: string;
  match: boolean;
}

/** Words of a search, as the core's full-text search sees them (prefix terms): the shared rule. */
export const searchWords = searchTerms;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlight(text: string, words: string[]): Segment[] {
  if (words.length === 0 || !text) return [{ text, match: false }];
  const re = new RegExp(`(${words.map(escapeRe).join('|')})`, 'giu');
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (m[0].length === 0) continue;
    if (at > last) out.push({ text: text.slice(last, at), match: false });
    out.push({ text: m[0], match: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}

export interface LinkSegment {
  text: string;
  href: string | null;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/giu;

/**
 * Splits text into plain runs and http(s) links; trailing punctuation stays outside the link. What the shared URL
 * rule refuses (a user name or password in it) stays text: main would not open it.
 */
export function linkify(text: string): LinkSegment[] {
  const out: LinkSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0;
    let url = m[0];
    const trail = /[.,;:!?)\]]+$/u.exec(url);
    if (trail) url = url.slice(0, url.length - trail[0].length);
    if (at > last) out.push({ text: text.slice(last, at), href: null });
    out.push({ text: url, href: isHttpUrl(url) ? url : null });
    last = at + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last), href: null });
  return out;
}
