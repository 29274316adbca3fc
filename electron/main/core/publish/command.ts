/**
 * The listener's publish command: `npm run listen -- --publish URL "text" [options]` sends one message through
 * the same code as the window's composer and prints one JSON line with the result.
 *
 *   --kind ntfy|mercure|nchan|generic   the target kind (default: from the URL — an ntfy host → ntfy,
 *                                       `/.well-known/mercure` → mercure — else a plain POST of the text)
 *   --header "Name: value"              a request header (repeatable), e.g. Authorization
 *   --title T, --priority 1-5|word, --tags a,b        ntfy's fields
 *   --topic T (repeatable), --private, --token JWT    Mercure's topic(s), private update, publisher token
 *   --method M, --content-type T, --template '…{{text}}…'   a generic target
 */
import { detectFromUrl } from '../profiles/registry';
import { priorityOf } from '../profiles/fields';
import type { FetchLike } from '../types';
import { publish } from './send';
import type { OutgoingMessage, PublishKind, PublishResult, PublishTarget } from './types';

export const EXIT_PUBLISH_FAILED = 4;

export const PUBLISH_USAGE = `Usage: npm run listen -- --publish <url> "<text>" [options]
  --kind ntfy|mercure|nchan|generic   target kind (default: from the URL, else a plain POST of the text)
  --header "Name: value"              request header (repeatable)
  --title T  --priority 1-5  --tags a,b                 ntfy fields
  --topic T (repeatable)  --private  --token JWT         Mercure topic(s), private update, publisher token
  --method M  --content-type T  --template '{"m":"{{text}}"}'   generic target
Prints one JSON line: {"ok":true,"status","messageId"} or {"ok":false,"failure","status","error"}.
Exit codes: 0 sent, 2 usage error, 4 not sent.`;

export interface PublishCommand {
  target: PublishTarget;
  message: OutgoingMessage;
  headers: Record<string, string>;
  token: string | null;
}

export type PublishParse = { ok: true; command: PublishCommand } | { ok: false; message: string };

const KINDS: readonly PublishKind[] = ['ntfy', 'mercure', 'nchan', 'generic'];

/** Parses the arguments after `--publish`. */
export function parsePublishArgs(argv: readonly string[]): PublishParse {
  const positional: string[] = [];
  const headers: Record<string, string> = {};
  const topics: string[] = [];
  const flags: Record<string, string> = {};
  let isPrivate = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--private') {
      isPrivate = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) return { ok: false, message: `${arg} needs a value` };
    if (arg === '--header') {
      const colon = value.indexOf(':');
      if (colon <= 0) return { ok: false, message: `--header wants "Name: value", got ${value}` };
      headers[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
    } else if (arg === '--topic') {
      topics.push(value);
    } else if (
      ['--kind', '--title', '--priority', '--tags', '--token', '--method', '--content-type', '--template'].includes(arg)
    ) {
      flags[arg.slice(2)] = value;
    } else {
      return { ok: false, message: `unknown option ${arg}` };
    }
  }
  if (positional.length !== 2) return { ok: false, message: '--publish wants a URL and the text' };
  const [url, text] = positional as [string, string];
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    return { ok: false, message: `not an http(s) URL: ${url}` };
  }
  // a topic URL has no `/sse`: an ntfy host is enough here
  const detected = /(^|\.)ntfy\./i.test(new URL(url).hostname) ? 'ntfy' : detectFromUrl(url);
  const kind = (flags.kind ?? (detected === 'ntfy' || detected === 'mercure' ? detected : 'generic')) as PublishKind;
  if (!KINDS.includes(kind)) return { ok: false, message: `--kind must be one of ${KINDS.join(', ')}` };
  const priority = flags.priority === undefined ? null : priorityOf(flags.priority);
  if (flags.priority !== undefined && priority === null)
    return { ok: false, message: `bad --priority ${flags.priority}` };

  let target: PublishTarget;
  if (kind === 'mercure') {
    const hub = new URL(url);
    const fromUrl = hub.searchParams.getAll('topic');
    hub.search = '';
    const all = [...fromUrl, ...topics];
    if (all.length === 0) return { ok: false, message: 'Mercure needs --topic (or ?topic= in the URL)' };
    target = { kind, url: hub.href, topics: all, private: isPrivate };
  } else if (kind === 'generic') {
    target = {
      kind,
      method: flags.method ?? 'POST',
      url,
      contentType: flags['content-type'] ?? 'text/plain; charset=utf-8',
      bodyTemplate: flags.template ?? '{{text}}',
    };
  } else {
    target = { kind, url };
  }
  const message: OutgoingMessage = { text, title: flags.title ?? null, priority, tags: flags.tags?.split(',') ?? [] };
  return { ok: true, command: { target, message, headers, token: flags.token ?? null } };
}

export async function runPublish(
  command: PublishCommand,
  options: { fetch?: FetchLike; timeoutMs?: number } = {},
): Promise<{ result: PublishResult; exitCode: number }> {
  const result = await publish(command.target, command.message, {
    fetch: options.fetch,
    headers: command.headers,
    publisherToken: command.token,
    timeoutMs: options.timeoutMs,
  });
  return { result, exitCode: result.ok ? 0 : EXIT_PUBLISH_FAILED };
}
