import { useCallback, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useScrollEdges } from '../hooks/use-scroll-edges';
import { useThrottledStore } from '../hooks/use-throttled-store';
import { feedColours } from '../lib/feed-colour';
import { useTranslation } from 'react-i18next';
import { useShallow } from '../hooks/use-shallow';
import type { Feed } from '../../../shared/domain';
import { useStore } from '../store';
import type { AppState } from '../store/types';
import { selectFeedState, selectBadgeUnread, selectGlobalPause } from '../store/selectors';
import { FeedStateDot } from './FeedStateBadge';
import { Icon, type IconName } from './Icon';
import { DndStatus } from './DndStatus';
import { FeedMenu, type FeedMenuAt } from './FeedMenu';
import { showView, sidebarView, type SidebarView } from '../store/query';

/** How often a changing unread badge may change (see useThrottledStore). */
const BADGE_INTERVAL_MS = 250;

/**
 * An unread badge, subscribed on its own: during a burst its count changes with every live batch, and only the
 * badge — at a readable pace — should follow, not the feed's whole row or the sidebar.
 */
function UnreadBadge({ selector }: { selector: (s: AppState) => number }) {
  const { t } = useTranslation();
  const count = useThrottledStore(selector, BADGE_INTERVAL_MS);
  if (count <= 0) return null;
  const label = t('sidebar.unreadCount', { count });
  return (
    <span className="unread-badge" aria-label={label} title={label}>
      {count > 9999 ? '9999+' : count}
    </span>
  );
}

function FeedItem({
  feed,
  selected,
  onMenu,
}: {
  feed: Feed;
  selected: boolean;
  onMenu: (feedId: string, x: number, y: number) => void;
}) {
  const { t } = useTranslation();
  const state = useStore(selectFeedState(feed.id)) ?? 'connecting';
  const feedId = feed.id;
  const selectUnread = useCallback((s: AppState) => s.unread[feedId] ?? 0, [feedId]);
  const colour = useStore((s) => feedColours(s.feeds).get(feed.id));
  const setQuery = useStore((s) => s.setQuery);
  const name = feed.name || feed.url;
  return (
    <li>
      <button
        type="button"
        className={selected ? 'nav-item selected' : 'nav-item'}
        aria-current={selected ? 'page' : undefined}
        onClick={() => setQuery(showView({ feedId: feed.id }))}
        onKeyDown={(e) => {
          if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
            e.preventDefault();
            const r = e.currentTarget.getBoundingClientRect();
            onMenu(feed.id, r.left + 24, r.bottom);
            return;
          }
          onFeedKeys(e);
        }}
        onContextMenu={(e: MouseEvent) => {
          e.preventDefault();
          onMenu(feed.id, e.clientX, e.clientY);
        }}
        aria-haspopup="menu"
        aria-keyshortcuts="Shift+F10"
        data-nav={feed.id}
        data-feed-id={feed.id}
        title={feed.url}
      >
        <FeedStateDot state={state} />
        <span className="feed-chip" style={{ background: colour }} aria-hidden="true" />
        <span className="nav-label">{name}</span>
        {feed.muted ? (
          <span className="nav-muted" title={t('sidebar.muted')}>
            <Icon name="bell-off" size={12} />
            <span className="visually-hidden">{t('sidebar.muted')}</span>
          </span>
        ) : null}
        <UnreadBadge selector={selectUnread} />
      </button>
    </li>
  );
}

/** Pause/resume and reconnect every feed at once (the tray offers the same). */
function FeedsActions() {
  const { t } = useTranslation();
  // A pause of every feed (a feed paused on its own leaves "Pause all" for the others).
  const anyPaused = useStore((s) => selectGlobalPause(s) !== null);
  const { pauseAll, resumeAll, reconnectAll } = useStore(
    useShallow((s) => ({ pauseAll: s.pauseAll, resumeAll: s.resumeAll, reconnectAll: s.reconnectAll })),
  );
  const pauseLabel = anyPaused ? t('sidebar.resumeAll') : t('sidebar.pauseAll');
  return (
    <div className="nav-actions">
      <button
        type="button"
        className="icon-button small"
        onClick={() => void reconnectAll()}
        aria-label={t('sidebar.reconnectAll')}
        title={t('sidebar.reconnectAll')}
      >
        <Icon name="refresh" />
      </button>
      <button
        type="button"
        className="icon-button small"
        onClick={() => void (anyPaused ? resumeAll() : pauseAll())}
        aria-label={pauseLabel}
        title={pauseLabel}
      >
        <Icon name={anyPaused ? 'play' : 'pause'} />
      </button>
    </div>
  );
}

/** ↑/↓ on a feed in the sidebar shows the feed above or below and moves the focus with it. */
function onFeedKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
  e.preventDefault();
  const key = useStore.getState().selectAdjacent(e.key === 'ArrowUp' ? -1 : 1);
  const button = document.querySelector<HTMLElement>(`.sidebar [data-nav="${CSS.escape(key)}"]`);
  button?.focus();
}

/**
 * A view above the feeds: all messages, the unread ones across feeds, the starred ones. "All" reads the unread
 * total itself, so a live batch re-renders that badge, not the whole sidebar.
 */
function ViewItem({ view, icon, label }: { view: SidebarView; icon: IconName; label: string }) {
  const selected = useStore((s) => sidebarView(s.query) === view);
  const setQuery = useStore((s) => s.setQuery);
  return (
    <li>
      <button
        type="button"
        className={selected ? 'nav-item selected' : 'nav-item'}
        aria-current={selected ? 'page' : undefined}
        onClick={() => setQuery(showView(view))}
        onKeyDown={onFeedKeys}
        aria-keyshortcuts={view === 'all' ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
        data-nav={view}
        data-feed-id={view === 'all' ? '' : undefined}
      >
        <span className="nav-icon">
          <Icon name={icon} />
        </span>
        <span className="nav-label">{label}</span>
        {view === 'all' ? <UnreadBadge selector={selectBadgeUnread} /> : null}
      </button>
    </li>
  );
}

export function Sidebar() {
  const { t } = useTranslation();
  const feeds = useStore((s) => s.feeds);
  const selectedFeed = useStore((s) => s.query.feedId);
  const openDialog = useStore((s) => s.openDialog);
  const feedList = useRef<HTMLUListElement>(null);
  useScrollEdges(feedList);
  const [menu, setMenu] = useState<FeedMenuAt | null>(null);
  const openMenu = useCallback((feedId: string, x: number, y: number) => setMenu({ feedId, x, y }), []);
  const closeMenu = useCallback(() => {
    setMenu((open) => {
      // Back to the feed the menu was for (a dialog it opened takes the focus itself).
      if (open) document.querySelector<HTMLElement>(`.sidebar [data-nav="${CSS.escape(open.feedId)}"]`)?.focus();
      return null;
    });
  }, []);

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        <ViewItem view="all" icon="inbox" label={t('sidebar.allMessages')} />
        <ViewItem view="unread" icon="dot" label={t('sidebar.unread')} />
        <ViewItem view="starred" icon="star" label={t('sidebar.starred')} />
      </ul>
      <div className="nav-section">
        <h2 className="nav-heading" id="feeds-heading">
          {t('sidebar.feeds')}
        </h2>
        {feeds.length > 0 ? <FeedsActions /> : null}
      </div>
      <ul ref={feedList} className="nav-list feeds" aria-labelledby="feeds-heading">
        {feeds.map((feed) => (
          <FeedItem key={feed.id} feed={feed} selected={selectedFeed === feed.id} onMenu={openMenu} />
        ))}
      </ul>
      {feeds.length === 0 ? <p className="nav-empty">{t('sidebar.noFeeds')}</p> : null}
      {menu ? <FeedMenu at={menu} onClose={closeMenu} /> : null}
      <button type="button" className="add-feed" onClick={() => openDialog({ kind: 'feed-editor', feedId: null })}>
        <Icon name="plus" size={12} />
        {t('sidebar.addFeed')}
      </button>
      <div className="sidebar-footer">
        <DndStatus />
        <button type="button" className="nav-item" onClick={() => openDialog({ kind: 'transfer' })}>
          <span className="nav-icon">
            <Icon name="transfer" />
          </span>
          <span className="nav-label">{t('sidebar.importExport')}</span>
        </button>
        <button type="button" className="nav-item" onClick={() => openDialog({ kind: 'settings' })}>
          <span className="nav-icon">
            <Icon name="gear" />
          </span>
          <span className="nav-label">{t('sidebar.settings')}</span>
        </button>
      </div>
    </nav>
  );
}
