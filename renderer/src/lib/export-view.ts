/** The messages of a view as a file: JSON (an array), NDJSON (one object a line) or CSV (RFC 4180). */
import type { Message } from '../../../shared/domain';

export type ExportFormat = 'json' | 'ndjson' | 'csv';

interface Row {
  id: number;
  feed: string;
  feedId: string;
  type: string;
  eventId: string | null;
  receivedAt: string;
  read: boolean;
  starred: boolean;
  truncated: boolean;
  data: string;
}

const COLUMNS: (keyof Row)[] = [
  'id',
  'feed',
  'feedId',
  'type',
  'eventId',
  'receivedAt',
  'read',
  'starred',
  'truncated',
  'data',
];

function toRow(m: Message, feedName: (id: string) => string): Row {
  return {
    id: m.id,
    feed: feedName(m.feedId),
    feedId: m.feedId,
    type: m.type,
    eventId: m.eventId,
    receivedAt: new Date(m.receivedAt).toISOString(),
    read: m.read,
    starred: m.starred,
    truncated: m.truncated,
    data: m.data,
  };
}

function csvCell(value: unknown): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatMessages(messages: Message[], format: ExportFormat, feedName: (id: string) => string): string {
  const rows = messages.map((m) => toRow(m, feedName));
  switch (format) {
    case 'json':
      return JSON.stringify(rows, null, 2);
    case 'ndjson':
      return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
    case 'csv':
      return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
  }
}

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};
