import { useTranslation } from 'react-i18next';
import { useShallow } from '../hooks/use-shallow';
import { useStore } from '../store';
import { hasReason, isProblemState, selectFeed, selectFeedState, selectPausedBy } from '../store/selectors';
import { useReasonText } from './FeedStateBadge';

/**
 * The empty list of a feed that is not receiving: why (in full, where the header has to cut it short) and what to
 * do about it. "No messages yet. New ones appear here as they arrive." is false for a feed that stopped on a 404.
 * Renders nothing for a feed that is live or connecting.
 */
export function FeedProblem({ feedId }: { feedId: string }) {
  const { t } = useTranslation();
  const feed = useStore(selectFeed(feedId));
  const state = useStore(selectFeedState(feedId));
  const status = useStore((s) => s.statuses[feedId]);
  const { openDialog, reconnectFeed, resumeAll, resumeFeed } = useStore(
    useShallow((s) => ({
      openDialog: s.openDialog,
      reconnectFeed: s.reconnectFeed,
      resumeAll: s.resumeAll,
      resumeFeed: s.resumeFeed,
    })),
  );
  const pausedBy = useStore(selectPausedBy(feedId));
  const reason = useReasonText(status);
  if (!feed || state === null || !isProblemState(state)) return null;

  return (
    <div className="feed-problem" data-state={state}>
      <p className="empty-title">
        {state === 'paused' && pausedBy !== null ? t(`list.pausedBy.${pausedBy}`) : t(`list.problem.${state}`)}
      </p>
      {reason && hasReason(state) ? <p className="feed-problem-reason">{reason}</p> : null}
      <div className="feed-problem-actions">
        {hasReason(state) ? (
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
          <button
            type="button"
            className="button primary"
            onClick={() => void (pausedBy === 'feed' ? resumeFeed(feed.id) : resumeAll())}
          >
            {pausedBy === 'feed' ? t('feedMenu.resume') : t('sidebar.resumeAll')}
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
