/**
 * CouchDB changes feed (https://docs.couchdb.org/en/stable/api/database/changes.html): `GET
 * /<db>/_changes?feed=eventsource` sends each change as `data: {"seq", "id", "changes": [{"rev"}], "deleted"?,
 * "doc"?}` with `id: <seq>`; with `heartbeat=<ms>` it sends `event: heartbeat` (control). The `since=<seq>` query
 * parameter starts after that sequence (a `Last-Event-ID` header would override it); the cursor is the last
 * change's `seq`. A change summarises as its document id (the document's own title/message when
 * `include_docs=true`).
 */
import { asRecord, emptyMapped, jsonObject, mapGeneric, plainTags, text, TITLE_MAX } from './fields';
import { withParams, withoutHeader } from './request';
import type { ProfileEvent, ServerProfile } from './types';

function seqOf(event: ProfileEvent): string | null {
  const seq = jsonObject(event.data)?.seq;
  if (typeof seq === 'string' && seq !== '') return seq;
  if (typeof seq === 'number' && Number.isFinite(seq)) return String(seq);
  return null;
}

export const couchdb: ServerProfile = {
  id: 'couchdb',
  docs: 'https://docs.couchdb.org/en/stable/api/database/changes.html',
  resume: 'since',
  matchesUrl: (url) => /\/(_changes|_db_updates)$/.test(url.pathname) && url.searchParams.get('feed') === 'eventsource',
  recognises(event) {
    if (event.type === 'heartbeat') return true;
    const record = jsonObject(event.data);
    return record ? 'seq' in record && Array.isArray(record.changes) : false;
  },
  request(feed, cursor) {
    const headers = withoutHeader(feed.headers, 'Last-Event-ID');
    return { url: cursor ? withParams(feed.url, { since: cursor }) : feed.url, headers };
  },
  isControl: (event) => event.type === 'heartbeat',
  cursorOf: (event) => seqOf(event) ?? event.lastEventId,
  map(event) {
    const record = jsonObject(event.data);
    const id = text(record, 'id', TITLE_MAX);
    const doc = asRecord(record?.doc);
    const mapped = doc ? mapGeneric(JSON.stringify(doc), id) : emptyMapped(id);
    mapped.serverId = id;
    mapped.title = mapped.title ?? id ?? text(record, 'db_name', TITLE_MAX);
    const rev = text(asRecord(Array.isArray(record?.changes) ? record.changes[0] : null), 'rev', 100);
    mapped.body = mapped.body ?? rev;
    mapped.tags = plainTags(record?.deleted === true ? ['deleted'] : []);
    return mapped;
  },
};
