/**
 * Building a profile's request: query parameters, the Authorization header, Last-Event-ID.
 */
import type { ProfileFeed, RequestPlan } from './types';

export function headerValue(headers: Record<string, string>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

export function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  const wanted = name.toLowerCase();
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== wanted));
}

/** The URL with these query parameters set (replacing any of the same name) or removed (null). */
export function withParams(url: string, params: Record<string, string | null>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    parsed.searchParams.delete(name);
    if (value !== null) parsed.searchParams.set(name, value);
  }
  return parsed.href;
}

/** The feed's request, plus `Last-Event-ID: cursor` when there is one: the standard resume. */
export function lastEventIdRequest(feed: ProfileFeed, cursor: string | null): RequestPlan {
  const headers = withoutHeader(feed.headers, 'Last-Event-ID');
  if (cursor !== null && cursor !== '') headers['Last-Event-ID'] = cursor;
  return { url: feed.url, headers };
}

/**
 * With `authInQuery`, the Authorization header moves into the query parameter `param`, its value made by
 * `encode` (a server's own rule); otherwise the request is unchanged.
 */
export function authToQuery(
  plan: RequestPlan,
  feed: ProfileFeed,
  param: string,
  encode: (authorization: string) => string,
): RequestPlan {
  const authorization = headerValue(plan.headers, 'Authorization');
  if (!feed.authInQuery || authorization === null) return plan;
  return {
    url: withParams(plan.url, { [param]: encode(authorization) }),
    headers: withoutHeader(plan.headers, 'Authorization'),
  };
}

/** The token of a `Bearer <token>` header value (the value itself when it has no scheme). */
export function bearerToken(authorization: string): string {
  const match = /^\s*bearer\s+(.+)$/i.exec(authorization);
  return (match ? match[1]! : authorization).trim();
}
