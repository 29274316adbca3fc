/**
 * HTML (Mastodon's status `content`) → plain text with its links kept. Never rendered: the result is text and
 * the renderer shows it as text. Paragraphs become blank lines, `<br>` a newline, list items bullets; a link keeps
 * its URL (Mastodon hides `https://` and cuts long URLs with `<span class="invisible">`/`ellipsis`; the href is
 * the truth). Mentions and hashtags stay as their text (`@bob`, `#tag`). Scripts and styles are dropped.
 */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attribute(attrs: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  if (!match) return null;
  return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
}

const BLOCK = new Set(['p', 'div', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol']);

interface OpenLink {
  href: string | null;
  plain: boolean;
  start: number;
}

export function htmlToText(html: string): string {
  let out = '';
  const links: OpenLink[] = [];
  let skip: string | null = null;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let match = tag.exec(html); match !== null; match = tag.exec(html)) {
    if (skip === null) out += decodeEntities(html.slice(last, match.index)).replace(/\s+/g, ' ');
    last = tag.lastIndex;
    const name = (match[2] ?? '').toLowerCase();
    if (name === '') continue; // a comment
    const closing = match[1] === '/';
    if (skip !== null) {
      if (closing && name === skip) skip = null;
      continue;
    }
    if (!closing && (name === 'script' || name === 'style')) {
      skip = name;
    } else if (name === 'br') {
      out += '\n';
    } else if (BLOCK.has(name)) {
      out = `${out.replace(/[ \t]+$/, '')}\n\n`;
    } else if (name === 'li' && !closing) {
      out += '\n• ';
    } else if (name === 'a' && !closing) {
      const attrs = match[3] ?? '';
      const cls = attribute(attrs, 'class') ?? '';
      links.push({ href: attribute(attrs, 'href'), plain: /\b(mention|hashtag)\b/.test(cls), start: out.length });
    } else if (name === 'a' && closing) {
      const link = links.pop();
      if (link?.href && !link.plain) out = out.slice(0, link.start) + linkText(out.slice(link.start), link.href);
    }
  }
  if (skip === null) out += decodeEntities(html.slice(last)).replace(/\s+/g, ' ');
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A link's text with its URL: the URL alone when the text is just the URL shortened, else `text (URL)`. */
function linkText(textOfLink: string, href: string): string {
  const shown = textOfLink.trim().replace(/…$/, '');
  const bare = href.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  if (shown === '' || href.startsWith(shown) || bare.startsWith(shown)) return href;
  return `${textOfLink} (${href})`;
}
