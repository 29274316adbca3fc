/**
 * Smee and webhook relays (https://github.com/probot/smee.io, lib/server.js): `GET /<channel>` with
 * `Accept: text/event-stream` (exactly: other Accept values get the HTML page) streams `event: ready` on connect
 * and `event: ping` every 30 s, both with data `{}` — control traffic. Each webhook POSTed to the channel arrives
 * as a plain `message` whose data is JSON: the webhook's request headers as keys (`x-github-event`,
 * `x-github-delivery`…), `body`, `query` and `timestamp` (ms). Ids count per connection from 0: nothing resumes.
 * The summary is the webhook's event name and repository.
 */
import {
  asRecord,
  cap,
  emptyMapped,
  firstText,
  httpUrl,
  jsonObject,
  plainTags,
  text,
  timeOf,
  TITLE_MAX,
} from './fields';
import { withoutHeader } from './request';
import type { ServerProfile } from './types';

const EVENT_HEADERS = ['x-github-event', 'x-gitlab-event', 'x-gitea-event', 'x-event-key'] as const;

export const smee: ServerProfile = {
  id: 'smee',
  docs: 'https://github.com/probot/smee.io',
  resume: 'none',
  matchesUrl: (url) => url.hostname === 'smee.io' && /^\/[A-Za-z0-9_-]+$/.test(url.pathname),
  recognises: (event) => (event.type === 'ready' ? true : null),
  request(feed) {
    const headers = withoutHeader(withoutHeader(feed.headers, 'Last-Event-ID'), 'Accept');
    headers.Accept = 'text/event-stream';
    return { url: feed.url, headers };
  },
  isControl: (event) => event.type === 'ready' || event.type === 'ping',
  cursorOf: () => null,
  map(event) {
    const record = jsonObject(event.data);
    const mapped = emptyMapped(text(record, 'x-github-delivery', 100) ?? event.lastEventId);
    if (!record) return mapped;
    const body = asRecord(record.body);
    const kind = firstText(record, EVENT_HEADERS, 100) ?? text(body, 'object_kind', 100);
    const repository = asRecord(body?.repository) ?? asRecord(body?.project);
    const repo = firstText(repository, ['full_name', 'path_with_namespace', 'name'], 200);
    const action = text(body, 'action', 50);
    mapped.title = kind && repo ? cap(`${kind} · ${repo}`, TITLE_MAX) : (kind ?? repo);
    const issue = asRecord(body?.pull_request) ?? asRecord(body?.issue);
    const headCommit = asRecord(body?.head_commit);
    mapped.body = text(issue, 'title') ?? text(headCommit, 'message') ?? action;
    mapped.tags = plainTags([kind, action].filter((t): t is string => t !== null));
    mapped.link =
      httpUrl(issue?.html_url) ??
      httpUrl(body?.compare) ??
      httpUrl(repository?.html_url) ??
      httpUrl(repository?.web_url);
    mapped.icon = httpUrl(asRecord(body?.sender)?.avatar_url);
    mapped.time = timeOf(record.timestamp);
    return mapped;
  },
};
