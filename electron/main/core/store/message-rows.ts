/**
 * How a message is stored and read back: the columns, the row shape (read by column name), and the conversions
 * between rows, incoming events and domain messages.
 */
import type { Message } from '../../../../shared/domain';
import type { MessageFields } from '../../../../shared/message-fields';
import type { FeedEvent } from '../feeds/types';
import { FEED_UUID, IS_READ } from './message-counters';
import { PREVIEW_CHARS, byteSize, cutChars, decodeJsonPrefix } from './preview';
import type { Statements } from './statements';

/** A messages row as the queries below return it. */
export interface MessageRow {
  id: number;
  feed: string;
  type: string;
  event_id: string | null;
  /** The whole data, or its start in a preview row. */
  data: string;
  truncated: number;
  received_at: number;
  /** 1 when read: the row's flag, or its feed's read watermark (see message-counters.ts). */
  read: number;
  backfill: number;
  starred: number;
  /** 0 = as is; 1 = a JSON string literal (data with NUL characters, which SQLite text binding cannot hold). */
  data_format: number;
  /** UTF-8 bytes of the whole data; NULL in rows stored before the column existed (whole rows only). */
  size: number | null;
  /** JSON MessageFields (what the feed's profile read out of the message); NULL when nothing. */
  fields: string | null;
  /** A message cut at the size cap: its data's size as sent; NULL otherwise (and in rows stored before). */
  original_size: number | null;
}

/** Whole rows (messages:get). */
export const MESSAGE_COLUMNS =
  `m.id, ${FEED_UUID} AS feed, m.type, m.event_id, m.data, m.truncated, m.received_at, ` +
  `${IS_READ} AS read, m.backfill, m.starred, m.data_format, m.size, m.fields, m.original_size`;

/**
 * Preview rows (list pages): the data is cut in SQL, so a 1 MiB row never reaches JavaScript whole. substr counts
 * code points (≥ UTF-16 units); data with NUL characters is stored as a JSON literal, whose escapes take up to 6
 * characters per character. Legacy rows without a size use the stored text's byte length.
 */
export const PREVIEW_COLUMNS =
  `m.id, ${FEED_UUID} AS feed, m.type, m.event_id, ` +
  `CASE m.data_format WHEN 0 THEN substr(m.data, 1, ${PREVIEW_CHARS}) ELSE substr(m.data, 1, ${PREVIEW_CHARS * 6 + 2}) END AS data, ` +
  `m.truncated, m.received_at, ${IS_READ} AS read, m.backfill, m.starred, m.data_format, ` +
  'coalesce(m.size, octet_length(m.data)) AS size, m.fields, m.original_size';

/** A row's stored MessageFields; null when none (or unreadable: the raw data is always there). */
function storedFields(json: string | null): MessageFields | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as MessageFields;
  } catch {
    return null;
  }
}

/** The fields a whole row and a preview row share. */
function rowFields(r: MessageRow): Omit<Message, 'data' | 'size' | 'preview'> {
  return {
    fields: storedFields(r.fields),
    id: r.id,
    feedId: r.feed,
    type: r.type,
    eventId: r.event_id,
    truncated: r.truncated === 1,
    receivedAt: r.received_at,
    read: r.read === 1,
    backfill: r.backfill === 1,
    starred: r.starred === 1,
    ...(r.original_size !== null && r.original_size !== undefined ? { originalSize: r.original_size } : {}),
  };
}

/** A whole row (messages:get): the full data, preview false. */
export function toMessage(r: MessageRow): Message {
  const data = r.data_format === 1 ? (JSON.parse(r.data) as string) : r.data;
  return { ...rowFields(r), data, size: r.size ?? byteSize(data), preview: false };
}

/** A preview row (PREVIEW_COLUMNS): at most PREVIEW_CHARS characters of data. */
export function toPreview(r: MessageRow): Message {
  const size = r.size ?? 0;
  const data = cutChars(r.data_format === 1 ? decodeJsonPrefix(r.data) : r.data, PREVIEW_CHARS);
  // Data of at most PREVIEW_CHARS bytes is never cut (each UTF-16 unit takes at least one UTF-8 byte).
  return { ...rowFields(r), data, size, preview: size > PREVIEW_CHARS && byteSize(data) < size };
}

/** A message as just stored: whole, unread. */
export function storedMessage(id: number, e: FeedEvent, size: number): Message {
  const { feedId, type, eventId, data, truncated, receivedAt, backfill } = e;
  const fields = e.fields ?? null;
  return {
    id,
    feedId,
    type,
    eventId,
    data,
    truncated,
    receivedAt,
    read: e.read === true,
    backfill,
    starred: false,
    size,
    preview: false,
    fields,
    ...(truncated && e.originalSize !== undefined ? { originalSize: e.originalSize } : {}),
  };
}

/** The values an event is stored as: data with NUL characters becomes a JSON string literal. */
export function storedData(data: string): { text: string; format: 0 | 1 } {
  return data.includes('\u0000') ? { text: JSON.stringify(data), format: 1 } : { text: data, format: 0 };
}

/**
 * Text SQLite may hold: lone UTF-16 surrogates become U+FFFD. (libsql aborts the process when it reads text that
 * is not valid UTF-8, and SQLite's JSON functions would turn a lone surrogate escape into exactly that.)
 */
type WellFormedApi = string & { isWellFormed(): boolean; toWellFormed(): string };
const isWellFormed = (text: string): boolean => (text as WellFormedApi).isWellFormed();
const wellFormed = (text: string): string => (isWellFormed(text) ? text : (text as WellFormedApi).toWellFormed());

export function wellFormedEvent(e: FeedEvent): FeedEvent {
  if (
    isWellFormed(e.data) &&
    isWellFormed(e.type) &&
    isWellFormed(e.feedId) &&
    (e.eventId === null || isWellFormed(e.eventId))
  ) {
    return e;
  }
  return {
    ...e,
    feedId: wellFormed(e.feedId),
    type: wellFormed(e.type),
    eventId: e.eventId === null ? null : wellFormed(e.eventId),
    data: wellFormed(e.data),
  };
}

/** The id of the newest stored message (0 when there is none). */
export function newestMessageId(sql: Statements): number {
  return sql.value<number>('SELECT max(id) FROM messages') ?? 0;
}

/**
 * The highest id of a message received at or before `time` (`strict`: before it), or 0 when none: a binary
 * search over ids, each step one seek on the primary key (about 25 at ten million rows). Ids and receive times
 * grow together; where they do not (a clock set back), the search settles between neighbours in either order.
 */
export function lastIdAtTime(sql: Statements, time: number, strict = false): number {
  const probe = sql.get('SELECT id, received_at FROM messages WHERE id >= ? ORDER BY id LIMIT 1').raw();
  // Invariant: `lo` is 0 or a message at or before the time; no message at or above `hi` is.
  let lo = 0;
  let hi = newestMessageId(sql) + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const row = probe.get(mid) as [number, number] | undefined;
    if (row === undefined || row[0] >= hi) hi = mid;
    else if (strict ? row[1] < time : row[1] <= time) lo = row[0];
    else hi = row[0];
  }
  return lo;
}
