/**
 * Turns what a user types into a safe FTS5 query: every word becomes a quoted prefix term, all must match.
 * FTS5 syntax (quotes, NEAR, column filters) is never interpreted, so no input can make the query fail.
 */
export function searchTerms(text: string): string[] {
  return text
    .split(/[\s"]+/u)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, 16);
}

export function toFtsQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}
