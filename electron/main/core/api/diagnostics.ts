/** The "Copy diagnostics" text: versions, database figures, feed states, recent errors. Never header values. */
import type { Feed, FeedStatus } from '../../../../shared/domain';
import { reasonEnglish } from '../../../../shared/reason';
import type { CoreNotice } from '../types';

export interface DiagnosticsInput {
  now: number;
  version: string;
  host: Record<string, string>;
  database: { path: string; messages: number; indexLag: number; unread: number };
  feeds: Feed[];
  statuses: FeedStatus[];
  notices: CoreNotice[];
  recentErrors: { at: number; text: string }[];
}

/** Credentials and query strings can carry tokens: show scheme, host and path only. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

export function diagnosticsReport(d: DiagnosticsInput): string {
  const lines: string[] = [];
  lines.push('Tidings diagnostics', `Generated: ${iso(d.now)}`, `Version: ${d.version}`);
  for (const [key, value] of Object.entries(d.host)) lines.push(`${key}: ${value}`);
  lines.push(
    '',
    `Database: ${d.database.path}`,
    `Messages stored: ${d.database.messages} (unread ${d.database.unread}, search index behind by ${d.database.indexLag})`,
  );
  const byId = new Map(d.statuses.map((s) => [s.feedId, s]));
  lines.push('', `Feeds (${d.feeds.length}):`);
  for (const feed of d.feeds) {
    const s = byId.get(feed.id);
    const secretCount = feed.headers.filter((h) => h.secret).length;
    lines.push(
      `- ${feed.name} [${feed.id}] ${redactUrl(feed.url)}${feed.enabled ? '' : ' (disabled)'}`,
      `  headers: ${feed.headers.map((h) => h.name).join(', ') || 'none'}${secretCount ? ` (${secretCount} secret)` : ''}`,
    );
    if (!s) {
      lines.push('  state: unknown');
      continue;
    }
    lines.push(
      `  state: ${s.state}${s.pausedBy ? ` (paused by: ${s.pausedBy})` : ''}` +
        `${s.reason ? ` (${s.reason.kind}) — ${reasonEnglish(s.reason)}` : ''}` +
        (s.retryAt !== null ? `, next attempt ${iso(s.retryAt)}` : ''),
      `  events: ${s.counters.events}, bytes: ${s.counters.bytes}, reconnects: ${s.counters.reconnects}, ` +
        `last event: ${iso(s.counters.lastEventAt)}, last event id: ${s.lastEventId === null ? '-' : 'set'}`,
    );
    if (s.counters.lastError) {
      lines.push(`  last error (${iso(s.counters.lastErrorAt)}): ${reasonEnglish(s.counters.lastError)}`);
    }
  }
  if (d.notices.length > 0) {
    lines.push('', 'Notices:');
    for (const n of d.notices) lines.push(`- ${n.kind}: ${n.message}`);
  }
  lines.push('', `Recent errors (${d.recentErrors.length}):`);
  for (const e of d.recentErrors) lines.push(`- ${iso(e.at)} ${e.text}`);
  return lines.join('\n') + '\n';
}
