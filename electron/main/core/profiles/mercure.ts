/**
 * Mercure (https://mercure.rocks/spec): subscribe with `GET <hub>?topic=<selector>[&topic=…]` on the hub, usually
 * `/.well-known/mercure`. Updates carry standard `id:` lines; a subscriber resumes with the `Last-Event-ID`
 * header or, where a proxy strips headers, the `lastEventID` query parameter ("Reconciliation"); both are sent.
 * The subscriber JWT goes in `Authorization: Bearer …` or the `authorization` query parameter ("Authorization").
 * Keep-alives are SSE comments, so no event is control traffic. The data is whatever the publisher sent: JSON
 * maps through the usual keys.
 */
import { mapGeneric } from './fields';
import { authToQuery, bearerToken, lastEventIdRequest, withParams } from './request';
import type { ServerProfile } from './types';

export const mercure: ServerProfile = {
  id: 'mercure',
  docs: 'https://mercure.rocks/spec',
  resume: 'last-event-id',
  matchesUrl: (url) => /\/\.well-known\/mercure\/?$/.test(url.pathname),
  recognises: () => null,
  request(feed, cursor) {
    const plan = lastEventIdRequest(feed, cursor);
    const withQuery = cursor ? { ...plan, url: withParams(plan.url, { lastEventID: cursor }) } : plan;
    return authToQuery(withQuery, feed, 'authorization', bearerToken);
  },
  isControl: () => false,
  cursorOf: (event) => event.lastEventId,
  map: (event) => mapGeneric(event.data, event.lastEventId),
};

/** The hub URL and the topic selectors of a subscription URL (shared with the window's editor). */
export { mercureHub } from '../../../../shared/publish-target';
