/**
 * A `curl` command pasted into the feed URL field: its URL and the headers it sends (`-H`, `-A`, `-b`), read the
 * way a POSIX shell splits words (quotes, backslashes, line continuations). Nothing is run.
 */
export interface CurlFeed {
  url: string;
  headers: { name: string; value: string }[];
}

function words(command: string): string[] | null {
  const out: string[] = [];
  let word: string | null = null;
  let i = 0;
  const push = (c: string) => {
    word = (word ?? '') + c;
  };
  while (i < command.length) {
    const c = command[i]!;
    if (c === '\\' && command[i + 1] === '\n') i += 2;
    else if (c === '\\' && command[i + 1] === '\r' && command[i + 2] === '\n') i += 3;
    else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return null;
      push(command.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length && '"\\$`\n'.includes(command[j + 1]!)) j++;
        text += command[j];
      }
      if (j >= command.length) return null;
      push(text);
      i = j + 1;
    } else if (c === '\\' && i + 1 < command.length) {
      push(command[i + 1]!);
      i += 2;
    } else {
      push(c);
      i++;
    }
  }
  if (word !== null) out.push(word);
  return out;
}

/** Options whose value is the next word, and the header some of them stand for. */
const WITH_VALUE = new Map<string, string | null>([
  ['-H', ''],
  ['--header', ''],
  ['-A', 'User-Agent'],
  ['--user-agent', 'User-Agent'],
  ['-b', 'Cookie'],
  ['--cookie', 'Cookie'],
  ['-e', 'Referer'],
  ['--referer', 'Referer'],
  ['--url', null],
  ['-X', null],
  ['--request', null],
  ['-d', null],
  ['--data', null],
  ['-u', null],
  ['--user', null],
  ['-o', null],
  ['--output', null],
  ['-m', null],
  ['--max-time', null],
  ['--connect-timeout', null],
  ['-x', null],
  ['--proxy', null],
]);

export function parseCurl(text: string): CurlFeed | null {
  const trimmed = text.trim();
  if (!/^curl\s/.test(trimmed)) return null;
  const argv = words(trimmed);
  if (!argv || argv[0] !== 'curl') return null;
  let url: string | null = null;
  const headers: CurlFeed['headers'] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (WITH_VALUE.has(arg)) {
      const value = argv[++i];
      if (value === undefined) break;
      const header = WITH_VALUE.get(arg);
      if (arg === '--url') url ??= value;
      else if (header === '') {
        const colon = value.indexOf(':');
        if (colon > 0) headers.push({ name: value.slice(0, colon).trim(), value: value.slice(colon + 1).trim() });
      } else if (header) headers.push({ name: header, value });
    } else if (!arg.startsWith('-')) url ??= arg;
  }
  return url ? { url, headers } : null;
}

/** Header names whose values are credentials: stored as secrets when filled from a command. */
export function looksSecret(name: string): boolean {
  return /^(authorization|proxy-authorization|cookie)$|token|key|secret|auth/i.test(name);
}
