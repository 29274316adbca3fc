/**
 * Nchan (https://nchan.io/#eventsource): an nginx module. Its EventSource subscriber sends message ids of the
 * form `<time>:<tag>` (compound `<time>:<tag>,<time>:[<tag>]…` for a multi-channel subscriber) and resumes with
 * the standard `Last-Event-ID`. With `nchan_eventsource_ping_interval` it sends `event: ping` (the names of
 * `nchan_eventsource_ping_event` / `_data`; data empty by default, and then the standard never dispatches it: it
 * is only activity): control traffic. Nothing in the URL says Nchan; the ids and pings do. Publishing answers
 * with the channel's `last_message_id` (`Accept: text/json`), the id its subscribers get.
 */
import { mapGeneric } from './fields';
import { lastEventIdRequest } from './request';
import type { ProfileEvent, ServerProfile } from './types';

const NCHAN_ID = /^\d+:(\[?\d+\]?)(,\d+:\[?\d+\]?)*$/;

function isPing(event: ProfileEvent): boolean {
  return event.type === 'ping';
}

export const nchan: ServerProfile = {
  id: 'nchan',
  docs: 'https://nchan.io/#eventsource',
  resume: 'last-event-id',
  matchesUrl: () => false,
  recognises(event) {
    if (isPing(event)) return true;
    if (event.lastEventId === null || event.lastEventId === '') return null;
    return NCHAN_ID.test(event.lastEventId);
  },
  request: lastEventIdRequest,
  isControl: isPing,
  cursorOf: (event) => event.lastEventId,
  map: (event) => mapGeneric(event.data, event.lastEventId),
};
