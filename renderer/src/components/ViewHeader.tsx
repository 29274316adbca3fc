import { useTranslation } from 'react-i18next';
import { useShallow } from '../hooks/use-shallow';
import { useStore } from '../store';
import { sidebarView } from '../store/query';
import { hasReason, selectFeed, selectFeedState, selectViewUnread } from '../store/selectors';
import { FeedStateLabel, useReasonText } from './FeedStateBadge';

/** Title of the current view, the selected feed's state and its actions. */
export function ViewHeader() {
  const { t } = useTranslation();
  const feedId = useStore((s) => s.query.feedId);
  const feed = useStore(selectFeed(feedId));
  const state = useStore(selectFeedState(feedId));
  const status = useStore((s) => (feedId ? s.statuses[feedId] : undefined));
  // Whether there is anything to mark read, not the count: the header re-renders when that changes, not with
  // every live batch.
  const anyUnread = useStore((s) => selectViewUnread(s) > 0);
  const view = useStore((s) => sidebarView(s.query));
  const { openDialog, markAllRead, reconnectFeed } = useStore(
    useShallow((s) => ({ openDialog: s.openDialog, markAllRead: s.markAllRead, reconnectFeed: s.reconnectFeed })),
  );
  const reason = useReasonText(status);

  return (
    <header className="view-header">
      <div className="view-title">
        <h1>
          {feed
            ? feed.name || feed.url
            : view === 'unread'
              ? t('sidebar.unread')
              : view === 'starred'
                ? t('sidebar.starred')
                : t('sidebar.allMessages')}
        </h1>
      </div>
      <div className="view-actions">
        <button type="button" className="button small" onClick={() => void markAllRead()} disabled={!anyUnread}>
          {t('view.markAllRead')}
        </button>
        {feed ? (
          <>
            <button type="button" className="button small" onClick={() => void reconnectFeed(feed.id)}>
              {t('view.reconnect')}
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => openDialog({ kind: 'diagnostics', feedId: feed.id })}
            >
              {t('view.diagnostics')}
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => openDialog({ kind: 'feed-editor', feedId: feed.id })}
            >
              {t('view.editFeed')}
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => openDialog({ kind: 'clear-feed', feedId: feed.id })}
            >
              {t('view.clearFeed')}
            </button>
          </>
        ) : null}
      </div>
      {feed && state ? (
        <div className="view-subtitle">
          <FeedStateLabel state={state} />
          {reason && hasReason(state) ? (
            <span className="view-reason">{reason}</span>
          ) : (
            <span className="view-url">{feed.url}</span>
          )}
        </div>
      ) : null}
    </header>
  );
}
