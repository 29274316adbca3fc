/**
 * "Did you mean …?" for a feed URL that is almost right: a missing scheme (`127.0.0.1:8787/orders`,
 * `ntfy.sh/topic/sse`) or a mistyped one (`htp://`, `http//`, `htps:/`). Returns null when nothing plausible fixes it.
 */
const SCHEME_TYPO = /^(h?t{1,3}p{1,2}s?|h?t{1,3}s?p{1,2})(?::+\/*|\/+)(?=[^/])/i;
const HOST_START = /^(\[[0-9a-f:]+\]|[\p{L}\p{N}.-]+)(:\d{1,5})?(?=[/?#]|$)/iu;
const LOOPBACK_OR_PRIVATE =
  /^(localhost|127(\.\d{1,3}){3}|10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2}|\[::1\]|[^./:]+)(:\d+)?$/i;

export function suggestFeedUrl(raw: string, isValid: (url: string) => boolean): string | null {
  const text = raw.trim();
  if (text === '' || /\s/.test(text) || isValid(text)) return null;
  let rest = text;
  let scheme: 'http' | 'https' | null = null;
  const typo = SCHEME_TYPO.exec(text);
  if (typo) {
    scheme = /s/i.test(typo[1]!) ? 'https' : 'http';
    rest = text.slice(typo[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return null; // another scheme on purpose (ftp://, ws://): not ours to guess
  }
  const host = HOST_START.exec(rest);
  // A host worth guessing: has a dot, a port or brackets (IPv6), or is localhost. "orders" alone is no URL.
  if (!host || (!/[.:[]/.test(host[0]) && !/^localhost$/i.test(host[0]))) return null;
  scheme ??= LOOPBACK_OR_PRIVATE.test(host[0]) ? 'http' : 'https';
  const candidate = `${scheme}://${rest}`;
  return isValid(candidate) ? candidate : null;
}
