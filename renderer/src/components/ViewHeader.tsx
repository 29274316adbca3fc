import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { FeedStateLabel, useReasonText, visibleState } from './FeedStateBadge';

/** Title of the current view, the selected feed's state and its actions. */
export function ViewHeader() {
  const { t } = useTranslation();
  const feedId = useStore((s) => s.query.feedId);
  const feed = useStore((s) => (feedId ? s.feeds.find((f) => f.id === feedId) : undefined));
  const status = useStore((s) => (feedId ? s.statuses[feedId] : undefined));
  const unread = useStore((s) =>
    feedId ? (s.unread[feedId] ?? 0) : Object.values(s.unread).reduce((a, b) => a + b, 0),
  );
  const { openDialog, markAllRead, reconnectFeed } = useStore(
    useShallow((s) => ({ openDialog: s.openDialog, markAllRead: s.markAllRead, reconnectFeed: s.reconnectFeed })),
  );
  const reason = useReasonText(status);
  const state = feed ? visibleState(status, feed.enabled) : null;

  return (
    <header className="view-header">
      <div className="view-title">
        <h1>{feed ? feed.name || feed.url : t('sidebar.allMessages')}</h1>
        {feed && state ? (
          <div className="view-subtitle">
            <FeedStateLabel state={state} />
            {reason && (state === 'stopped' || state === 'reconnecting') ? (
              <span className="view-reason">{reason}</span>
            ) : (
              <span className="view-url">{feed.url}</span>
            )}
          </div>
        ) : null}
      </div>
      <div className="view-actions">
        <button type="button" className="button small" onClick={() => void markAllRead()} disabled={unread === 0}>
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
          </>
        ) : null}
      </div>
    </header>
  );
}
