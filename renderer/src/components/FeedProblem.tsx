import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../bridge';
import { useStore } from '../store';
import { useReasonText, visibleState } from './FeedStateBadge';

/**
 * The empty list of a feed that is not receiving: why (in full, where the header has to cut it short) and what to
 * do about it. "No messages yet. New ones appear here as they arrive." is false for a feed that stopped on a 404.
 * Renders nothing for a feed that is live or connecting.
 */
export function FeedProblem({ feedId }: { feedId: string }) {
  const { t } = useTranslation();
  const feed = useStore((s) => s.feeds.find((f) => f.id === feedId));
  const status = useStore((s) => s.statuses[feedId]);
  const { openDialog, reconnectFeed, notify } = useStore(
    useShallow((s) => ({ openDialog: s.openDialog, reconnectFeed: s.reconnectFeed, notify: s.notify })),
  );
  const reason = useReasonText(status);
  if (!feed) return null;
  const state = visibleState(status, feed.enabled);
  if (state !== 'stopped' && state !== 'reconnecting' && state !== 'paused' && state !== 'disabled') return null;

  const resumeAll = () =>
    void api()
      .feeds.resumeAll()
      .then((r) => {
        if (!r.ok) notify({ tone: 'error', key: 'notice.actionFailed', values: { message: r.error.message } });
      });

  return (
    <div className="feed-problem" data-state={state}>
      <p className="empty-title">{t(`list.problem.${state}`)}</p>
      {reason && (state === 'stopped' || state === 'reconnecting') ? (
        <p className="feed-problem-reason">{reason}</p>
      ) : null}
      <div className="feed-problem-actions">
        {state === 'stopped' || state === 'reconnecting' ? (
          <>
            <button type="button" className="button primary" onClick={() => void reconnectFeed(feed.id)}>
              {t('view.reconnect')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => openDialog({ kind: 'feed-editor', feedId: feed.id })}
            >
              {t('view.editFeed')}
            </button>
          </>
        ) : state === 'paused' ? (
          <button type="button" className="button primary" onClick={resumeAll}>
            {t('sidebar.resumeAll')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => openDialog({ kind: 'feed-editor', feedId: feed.id })}
          >
            {t('view.editFeed')}
          </button>
        )}
      </div>
    </div>
  );
}
