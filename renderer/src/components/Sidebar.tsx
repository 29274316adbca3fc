import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Feed } from '../../../shared/domain';
import { api } from '../bridge';
import { useStore } from '../store';
import { FeedStateDot, visibleState } from './FeedStateBadge';
import { Icon } from './Icon';

function UnreadBadge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span className="unread-badge" aria-label={label} title={label}>
      {count > 9999 ? '9999+' : count}
    </span>
  );
}

function FeedItem({ feed, selected }: { feed: Feed; selected: boolean }) {
  const { t } = useTranslation();
  const status = useStore((s) => s.statuses[feed.id]);
  const unread = useStore((s) => s.unread[feed.id] ?? 0);
  const setQuery = useStore((s) => s.setQuery);
  const state = visibleState(status, feed.enabled);
  const name = feed.name || feed.url;
  return (
    <li>
      <button
        type="button"
        className={selected ? 'nav-item selected' : 'nav-item'}
        aria-current={selected ? 'page' : undefined}
        onClick={() => setQuery({ feedId: feed.id })}
        data-feed-id={feed.id}
        title={feed.url}
      >
        <FeedStateDot state={state} />
        <span className="nav-label">{name}</span>
        <UnreadBadge count={unread} label={t('sidebar.unreadCount', { count: unread })} />
      </button>
    </li>
  );
}

/** Pause/resume and reconnect every feed at once (the tray offers the same). */
function FeedsActions() {
  const { t } = useTranslation();
  const anyPaused = useStore((s) => Object.values(s.statuses).some((st) => st.state === 'paused'));
  const notify = useStore((s) => s.notify);
  const run = (call: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    void call().then((r) => {
      if (!r.ok) notify({ tone: 'error', key: 'notice.actionFailed', values: { message: r.error?.message ?? '' } });
    });
  const pauseLabel = anyPaused ? t('sidebar.resumeAll') : t('sidebar.pauseAll');
  return (
    <div className="nav-actions">
      <button
        type="button"
        className="icon-button small"
        onClick={() => run(() => api().feeds.reconnectAll())}
        aria-label={t('sidebar.reconnectAll')}
        title={t('sidebar.reconnectAll')}
      >
        <Icon name="refresh" />
      </button>
      <button
        type="button"
        className="icon-button small"
        onClick={() => run(() => (anyPaused ? api().feeds.resumeAll() : api().feeds.pauseAll()))}
        aria-label={pauseLabel}
        title={pauseLabel}
      >
        <Icon name={anyPaused ? 'play' : 'pause'} />
      </button>
    </div>
  );
}

export function Sidebar() {
  const { t } = useTranslation();
  const feeds = useStore((s) => s.feeds);
  const selectedFeed = useStore((s) => s.query.feedId);
  const totalUnread = useStore((s) => Object.values(s.unread).reduce((a, b) => a + b, 0));
  const { setQuery, openDialog } = useStore(useShallow((s) => ({ setQuery: s.setQuery, openDialog: s.openDialog })));

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        <li>
          <button
            type="button"
            className={selectedFeed === null ? 'nav-item selected' : 'nav-item'}
            aria-current={selectedFeed === null ? 'page' : undefined}
            onClick={() => setQuery({ feedId: null })}
            data-feed-id=""
          >
            <span className="nav-icon">
              <Icon name="inbox" />
            </span>
            <span className="nav-label">{t('sidebar.allMessages')}</span>
            <UnreadBadge count={totalUnread} label={t('sidebar.unreadCount', { count: totalUnread })} />
          </button>
        </li>
      </ul>
      <div className="nav-section">
        <h2 className="nav-heading" id="feeds-heading">
          {t('sidebar.feeds')}
        </h2>
        {feeds.length > 0 ? <FeedsActions /> : null}
      </div>
      <ul className="nav-list feeds" aria-labelledby="feeds-heading">
        {feeds.map((feed) => (
          <FeedItem key={feed.id} feed={feed} selected={selectedFeed === feed.id} />
        ))}
      </ul>
      {feeds.length === 0 ? <p className="nav-empty">{t('sidebar.noFeeds')}</p> : null}
      <button type="button" className="add-feed" onClick={() => openDialog({ kind: 'feed-editor', feedId: null })}>
        <Icon name="plus" size={12} />
        {t('sidebar.addFeed')}
      </button>
      <div className="sidebar-footer">
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
