/**
 * Turns what a user types into a safe FTS5 query: every word becomes a quoted prefix term, all must match.
 * FTS5 syntax (quotes, NEAR, column filters) is never interpreted, so no input can make the query fail.
 *
 * Chinese, Japanese and Korean: the unicode61 tokenizer keeps a run of such characters as one word, so a word
 * inside a sentence could not be found through the index. The text given to the index therefore has every CJK
 * character set apart by spaces (one token per character), and a CJK term becomes a phrase of its characters:
 * 订单 → "订 单"*, which matches those two characters next to each other anywhere in a run.
 */
export { searchTerms } from '../../../../shared/rules';

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const HAS_CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
const CJK_CHARS = new RegExp(`[${CJK_CLASS}]`, 'gu');

/**
 * A GLOB pattern true for every text holding a character splitCjk changes, and for some more: any character in
 * U+1100–U+11FF (Hangul Jamo) or from U+2E80 up, where all Han, Hiragana, Katakana and Hangul characters lie.
 */
export const INDEX_SPLIT_GLOB = '*[\u1100-\u11ff\u2e80-\u{10ffff}]*';

/** The text as the search index sees it: every CJK character set apart by spaces. Other text is unchanged. */
export function splitCjk(text: string): string {
  return HAS_CJK.test(text) ? text.replace(CJK_CHARS, ' $& ') : text;
}

const ENDS_CJK = new RegExp(`[${CJK_CLASS}]$`, 'u');

/**
 * Every term a quoted phrase, all must match. A term is a prefix ("ship" finds "shipped") unless it ends in a CJK
 * character: such a token is always that one character, so a prefix would find nothing more, and exact terms
 * are read lazily in rowid order while prefix terms first gather every match (10 ms against 0.3 ms on 300k rows).
 */
export function toFtsQuery(terms: string[]): string {
  return terms
    .map((t) => `"${splitCjk(t).trim().replace(/\s+/gu, ' ').replace(/"/g, '""')}"${ENDS_CJK.test(t) ? '' : '*'}`)
    .join(' ');
}
