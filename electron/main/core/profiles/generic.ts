/**
 * Any SSE server: exactly Tidings' behaviour without a profile. Every event is a message, `Last-Event-ID`
 * resumes (https://html.spec.whatwg.org/multipage/server-sent-events.html#the-last-event-id-header), and JSON
 * data maps through the usual keys (title/message, priority/severity/level, tags, url).
 */
import { mapGeneric } from './fields';
import { lastEventIdRequest } from './request';
import type { ServerProfile } from './types';

export const generic: ServerProfile = {
  id: 'generic',
  docs: 'https://html.spec.whatwg.org/multipage/server-sent-events.html',
  resume: 'last-event-id',
  matchesUrl: () => false,
  recognises: () => null,
  request: lastEventIdRequest,
  isControl: () => false,
  cursorOf: (event) => event.lastEventId,
  map: (event) => mapGeneric(event.data, event.lastEventId),
};
