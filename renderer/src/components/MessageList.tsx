import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { MessageMenu, type MenuAt } from './MessageMenu';
import { useTranslation } from 'react-i18next';
import { useShallow } from '../hooks/use-shallow';
import type { Message } from '../../../shared/domain';
import { useNow } from '../hooks/use-now';
import { searchWords } from '../lib/text';
import { entryAt, entryIndexOf, isDay, messageIndex, relativeDay, separatorLayout, withDays } from '../lib/days';
import { dayText } from '../lib/format';
import { feedColours } from '../lib/feed-colour';
import { useStore } from '../store';
import { hasFilters } from '../store/query';
import { selectFeedIsProblem, selectGlobalPause, selectPausedBy } from '../store/selectors';
import { StateShape } from './FeedStateBadge';
import { MessageRow, ROW_HEIGHT } from './MessageRow';
import { Icon } from './Icon';
import { FeedProblem } from './FeedProblem';

export const MESSAGE_LIST_ID = 'message-list';
const LOAD_AHEAD = 60;
const DAY_HEIGHT = 28;

/** "Today", "Yesterday" or the date, the window's way. Not an option of the listbox: each row has its time. */
function DaySeparator({ day, now, locale, start }: { day: number; now: number; locale: string; start: number }) {
  const { t } = useTranslation();
  const relative = relativeDay(day, now);
  return (
    <div
      className="day-separator"
      role="presentation"
      aria-hidden="true"
      style={{ transform: `translateY(${start}px)` }}
      data-day={day}
    >
      {relative ? t(`list.${relative}`) : dayText(day, locale)}
    </div>
  );
}

/**
 * While feeds are paused the list says so — and who paused them (core records it: you, the tray, sleep, going
 * offline) — with the way out (grey dots alone are easy to miss). A feed the user paused on its own says so in its
 * own view.
 */
function PausedBanner() {
  const { t } = useTranslation();
  const global = useStore(selectGlobalPause);
  const feedId = useStore((s) => s.query.feedId);
  const feedPause = useStore(selectPausedBy(feedId));
  const { resumeAll, resumeFeed } = useStore(useShallow((s) => ({ resumeAll: s.resumeAll, resumeFeed: s.resumeFeed })));
  const own = feedPause === 'feed' && feedId !== null;
  if (global === null && !own) return null;
  return (
    <div className="paused-banner" role="status" data-paused-by={own ? 'feed' : global}>
      <StateShape state="paused" />
      <span>{t(`list.pausedBy.${own ? 'feed' : global}`)}</span>
      <button type="button" className="button small" onClick={() => void (own ? resumeFeed(feedId) : resumeAll())}>
        {own ? t('feedMenu.resume') : t('sidebar.resumeAll')}
      </button>
    </div>
  );
}

/** The virtualised message list: newest first, live batches applied in place while at the top. */
export function MessageList() {
  const { t, i18n } = useTranslation();
  const { items, next, loading, loadingOlder, following, pendingCount, resultSeq } = useStore(
    useShallow((s) => ({
      items: s.items,
      next: s.next,
      loading: s.loading,
      loadingOlder: s.loadingOlder,
      following: s.following,
      pendingCount: s.pendingCount,
      resultSeq: s.resultSeq,
    })),
  );
  const query = useStore((s) => s.query);
  const feeds = useStore((s) => s.feeds);
  const activeId = useStore((s) => s.activeId);
  const selected = useStore((s) => s.selected);
  const picked = useMemo(() => new Set(selected), [selected]);
  const openId = useStore((s) => s.openMessage?.id ?? null);
  const noFeeds = useStore((s) => s.feeds.length === 0 && s.sync === 'ready');
  // The selected feed is not receiving (stopped, retrying, paused, turned off): its empty list says why.
  const problem = useStore((s) => selectFeedIsProblem(s.query.feedId)(s));
  const { setActive, setFollowing, loadOlder, jumpToNewest, openMessageObject, openDialog, addDemoFeed } = useStore(
    useShallow((s) => ({
      setActive: s.setActive,
      setFollowing: s.setFollowing,
      loadOlder: s.loadOlder,
      jumpToNewest: s.jumpToNewest,
      openMessageObject: s.openMessageObject,
      openDialog: s.openDialog,
      addDemoFeed: s.addDemoFeed,
    })),
  );
  const now = useNow(5_000);
  const locale = i18n.language;

  const colours = feedColours(feeds);
  const feedNames = useMemo(() => new Map(feeds.map((f) => [f.id, f.name || f.url])), [feeds]);
  const words = useMemo(() => searchWords(query.text), [query.text]);
  const showFeed = query.feedId === null;

  // The list's entries: the messages with a separator before each day's first one.
  const dayList = useMemo(() => withDays(items), [items]);
  const count = dayList.count;
  // The virtualizer measures its entries again only when this key or the count changes: at the live edge a batch
  // changes neither (the window stays full and today's separator stays first), so the range and the offsets are
  // not recomputed over the whole window on every frame.
  const layout = useMemo(() => separatorLayout(dayList), [dayList]);
  const listRef = useRef(dayList);
  listRef.current = dayList;
  // Entries are keyed by position. The key function is replaced when a separator moves, and that is what makes the
  // virtualizer measure the entries again (its measurements follow the key function and the count, not the sizes).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `layout` is the point: see above
  const getItemKey = useCallback((index: number) => index, [layout]);
  const estimateSize = useCallback((index: number) => {
    const e = entryAt(listRef.current, index);
    return e && isDay(e) ? DAY_HEIGHT : ROW_HEIGHT;
  }, []);
  // Labels every row shows, translated once per render rather than once per row.
  const labels = useMemo(
    () => ({ starred: t('list.starred'), unread: t('list.unread'), backfill: t('list.backfill') }),
    [t],
  );

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    // Rows kept beyond the edges for scrolling. At the live edge (following, scrolled to the top) nothing is above
    // and every row below changes with each batch: fewer there.
    overscan: following ? 2 : 5,
    getItemKey,
  });
  const virtualItems = virtualizer.getVirtualItems();
  // Rows are keyed by their position in the list modulo a pool larger than the rows on screen, not by message.
  // Scrolling keeps every row's key (rows only move; one enters, one leaves). At the live edge a batch of new
  // messages shifts every position: the row elements stay and take the messages now at their positions (new
  // text in the same nodes) instead of being replaced. Keyed by message, every new message was a new row —
  // elements created, styled and laid out from scratch and the old ones torn down — and at 1,000 events/s that is
  // most of the screen every frame (bench:ui: 40 % fewer frames painted for the same main-thread CPU). The active
  // row is the exception (below).
  const pool = Math.max(64, 2 ** Math.ceil(Math.log2(virtualItems.length + 1)));
  const lastIndex = virtualItems.length > 0 ? virtualItems[virtualItems.length - 1]!.index : -1;

  // Older pages come from the database as the end of the list approaches. (On whether there is a next page, not
  // on its cursor, which moves with every live batch: an effect whose inputs change is a scheduled task.)
  const hasNext = next !== null;
  useEffect(() => {
    if (hasNext && !loadingOlder && !loading && lastIndex >= count - LOAD_AHEAD) void loadOlder();
  }, [lastIndex, count, hasNext, loadingOlder, loading, loadOlder]);

  // A new result set (query changed, jump to newest) starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resultSeq]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (el) setFollowing(el.scrollTop < 2);
  }, [setFollowing]);

  const onSelect = useCallback(
    (m: Message, how: { toggle: boolean; range: boolean }) => {
      const s = useStore.getState();
      if (how.toggle) s.toggleSelected(m.id);
      else if (how.range) s.selectRange(m.id);
      else {
        s.clearSelection();
        openMessageObject(m);
      }
      scrollRef.current?.focus({ preventScroll: true });
    },
    [openMessageObject],
  );
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const closeMenu = useCallback(() => {
    setMenu(null);
    scrollRef.current?.focus({ preventScroll: true });
  }, []);
  const onMenu = useCallback((m: Message, x: number, y: number) => {
    const s = useStore.getState();
    // On a picked message the menu acts on the whole selection; elsewhere on that message alone.
    const ids = s.selected.includes(m.id) ? s.selected : [m.id];
    if (!s.selected.includes(m.id)) s.clearSelection();
    s.setActive(m.id);
    setMenu({ x, y, ids });
  }, []);

  const move = (index: number) => {
    if (items.length === 0) return;
    const i = Math.max(0, Math.min(items.length - 1, index));
    const m = items[i]!;
    // With a message open, the open message follows the cursor (as in a mail client).
    if (openId !== null && m.id !== openId) openMessageObject(m);
    else setActive(m.id);
    const at = entryIndexOf(dayList, m.id);
    virtualizer.scrollToIndex(at === -1 ? i : at, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const current = activeId === null ? -1 : items.findIndex((m) => m.id === activeId);
    const s = useStore.getState();
    if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
      const m = current >= 0 ? items[current] : undefined;
      const row = m ? document.getElementById(`msg-${m.id}`)?.getBoundingClientRect() : undefined;
      if (m && row) onMenu(m, row.left + 40, row.bottom);
      e.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        move(current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        move(current === -1 ? 0 : current - 1);
        break;
      case 'PageDown':
        move(current + page);
        break;
      case 'PageUp':
        move(current - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Enter':
      case 'o': {
        const m = current >= 0 ? items[current] : undefined;
        if (m) openMessageObject(m);
        break;
      }
      case 's':
        void s.toggleStar(s.targetIds());
        break;
      case 'u':
        void s.toggleRead(s.targetIds());
        break;
      case 'n':
        if (s.nextUnread()) {
          const id = useStore.getState().activeId;
          const at = id === null ? -1 : entryIndexOf(dayList, id);
          if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' });
        }
        break;
      case 'x': {
        const m = current >= 0 ? items[current] : undefined;
        if (m) s.toggleSelected(m.id);
        break;
      }
      case 'Delete':
      case 'Backspace':
        s.deleteMessages(s.targetIds());
        break;
      case 'Escape':
        if (s.selected.length === 0) return;
        s.clearSelection();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const activeRendered =
    activeId !== null &&
    virtualItems.some((v) => {
      const e = entryAt(dayList, v.index);
      return e !== undefined && !isDay(e) && e.id === activeId;
    });
  const filtered = hasFilters(query);

  return (
    <div className="list-wrap">
      <PausedBanner />
      {!following && pendingCount > 0 ? (
        <button type="button" className="new-pill" onClick={() => void jumpToNewest()}>
          <Icon name="up" size={12} />
          {t('list.newMessages', { count: pendingCount })}
        </button>
      ) : null}
      <div
        ref={scrollRef}
        id={MESSAGE_LIST_ID}
        className="list-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('list.label')}
        aria-busy={loading}
        aria-activedescendant={activeRendered ? `msg-${activeId}` : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onFocus={() => {
          // Read the store, not the render closure: a click sets the active row just before focusing the list.
          const s = useStore.getState();
          if (s.activeId === null && s.items.length > 0) setActive(s.items[0]!.id);
        }}
      >
        <div className="list-inner" role="presentation" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((v) => {
            const e = entryAt(dayList, v.index)!;
            if (isDay(e))
              return <DaySeparator key={`day-${e.day}`} day={e.day} now={now} locale={locale} start={v.start} />;
            const m = e;
            const index = messageIndex(dayList, v.index);
            return (
              <MessageRow
                // The active row keeps its element: the list's aria-activedescendant names it, and an element
                // that changed under that name on every batch would be announced again each time.
                key={m.id === activeId ? `active-${m.id}` : index % pool}
                message={m}
                index={index}
                start={v.start}
                colour={colours.get(m.feedId) ?? 'transparent'}
                feedName={showFeed ? (feedNames.get(m.feedId) ?? '—') : null}
                active={m.id === activeId}
                open={m.id === openId}
                picked={picked.has(m.id)}
                starredLabel={labels.starred}
                words={words}
                now={now}
                locale={locale}
                unreadLabel={labels.unread}
                backfillLabel={labels.backfill}
                setSize={next ? -1 : items.length}
                onSelect={onSelect}
                onMenu={onMenu}
              />
            );
          })}
        </div>
      </div>
      {items.length === 0 && !loading ? (
        <div className="list-empty">
          {noFeeds ? (
            <>
              <p className="empty-title">{t('list.welcomeTitle')}</p>
              <p>{t('list.welcomeText')}</p>
              <div className="empty-actions">
                <button
                  type="button"
                  className="button primary"
                  onClick={() => openDialog({ kind: 'feed-editor', feedId: null })}
                >
                  {t('sidebar.addFeed')}
                </button>
                <button type="button" className="button" onClick={() => void addDemoFeed()}>
                  {t('list.tryDemo')}
                </button>
              </div>
              <p className="empty-hint">{t('list.tryDemoHint')}</p>
            </>
          ) : !filtered && problem && query.feedId ? (
            <FeedProblem feedId={query.feedId} />
          ) : (
            <p className="empty-title">
              {query.starred
                ? t('list.noStarred')
                : filtered
                  ? query.unread && !query.text.trim()
                    ? t('list.allRead')
                    : t('list.noMatches')
                  : t('list.empty')}
            </p>
          )}
        </div>
      ) : null}
      {menu ? <MessageMenu at={menu} onClose={closeMenu} /> : null}
      {selected.length > 0 ? (
        <div className="selection-bar" role="status">
          <span>{t('list.selected', { count: selected.length })}</span>
          <button type="button" className="button small" onClick={() => void useStore.getState().toggleStar(selected)}>
            {t('menu.star')}
          </button>
          <button type="button" className="button small" onClick={() => void useStore.getState().toggleRead(selected)}>
            {t('list.toggleRead')}
          </button>
          <button
            type="button"
            className="button small danger"
            onClick={() => useStore.getState().deleteMessages(selected)}
          >
            {selected.length === 1 ? t('menu.deleteOne') : t('menu.deleteMany', { count: selected.length })}
          </button>
          <button type="button" className="button small" onClick={() => useStore.getState().clearSelection()}>
            {t('list.clearSelection')}
          </button>
        </div>
      ) : null}
      <div className="list-status" role="status" aria-live="polite">
        {loading ? t('list.loading') : loadingOlder ? t('list.loadingOlder') : null}
      </div>
    </div>
  );
}
