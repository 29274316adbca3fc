import type { Message } from '../../../shared/domain';
import type { MessageQuery } from '../../../shared/ipc/contract';
import type { ViewQuery } from './types';
import { DEFAULT_PRIORITY } from '../../../shared/message-fields';

export const PAGE_SIZE = 300;
/** Messages kept in memory at the live edge; older ones are read back from the database on scroll. */
export const LIVE_WINDOW = 2000;

export const emptyQuery: ViewQuery = {
  feedId: null,
  text: '',
  type: '',
  unread: false,
  starred: false,
  from: null,
  to: null,
  minPriority: null,
};

/** The views in the sidebar above the feeds. */
export type SidebarView = 'all' | 'unread' | 'starred';

/** Which sidebar view the query is (null when a feed is selected). */
export function sidebarView(q: ViewQuery): SidebarView | null {
  if (q.feedId !== null) return null;
  return q.starred ? 'starred' : q.unread ? 'unread' : 'all';
}

/** The query patch that shows a sidebar view or a feed (views are exclusive: choosing one ends the other). */
export function showView(view: SidebarView | { feedId: string }): Partial<ViewQuery> {
  if (typeof view === 'object') return { feedId: view.feedId, starred: false, unread: false };
  return { feedId: null, starred: view === 'starred', unread: view === 'unread' };
}

export function toMessageQuery(q: ViewQuery, beforeId: number | null = null): MessageQuery {
  const out: MessageQuery = { limit: PAGE_SIZE };
  const text = q.text.trim();
  if (text) out.text = text;
  if (q.feedId) out.feedId = q.feedId;
  const type = q.type.trim();
  if (type) out.type = type;
  if (q.unread) out.unread = true;
  if (q.starred) out.starred = true;
  if (q.from !== null) out.from = q.from;
  if (q.to !== null) out.to = q.to;
  if (q.minPriority !== null && q.minPriority > 1) out.minPriority = q.minPriority;
  if (beforeId !== null) out.beforeId = beforeId;
  return out;
}

/** True when the list shows search results that live messages cannot be matched against locally. */
export function isTextSearch(q: ViewQuery): boolean {
  return q.text.trim().length > 0;
}

export function hasFilters(q: ViewQuery): boolean {
  return (
    isTextSearch(q) ||
    q.type.trim() !== '' ||
    q.unread ||
    q.from !== null ||
    q.to !== null ||
    (q.minPriority !== null && q.minPriority > 1)
  );
}

/** Whether a live message belongs in the current (non-text) view. */
export function matchesQuery(q: ViewQuery, m: Message): boolean {
  if (q.feedId && m.feedId !== q.feedId) return false;
  const type = q.type.trim();
  if (type && m.type !== type) return false;
  if (q.unread && m.read) return false;
  if (q.starred && !m.starred) return false;
  if (q.from !== null && m.receivedAt < q.from) return false;
  if (q.to !== null && m.receivedAt > q.to) return false;
  if (q.minPriority !== null && (m.fields?.priority ?? DEFAULT_PRIORITY) < q.minPriority) return false;
  return true;
}

/** The `next` of a page: older pages continue below its oldest row, or null when core says there are none. */
export function nextBelow(items: Message[], more: boolean): number | null {
  const oldest = items[items.length - 1];
  return more && oldest ? oldest.id : null;
}

/** Sort newest first (row ids increase with arrival). */
export const newestFirst = (a: Message, b: Message): number => b.id - a.id;
