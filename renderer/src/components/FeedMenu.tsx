import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { selectPausedBy } from '../store/selectors';
import { ContextMenu, type MenuItem } from './ContextMenu';

export interface FeedMenuAt {
  x: number;
  y: number;
  feedId: string;
}

/**
 * A feed's context menu in the sidebar (right-click, Shift+F10 or the Menu key on a feed): pause or resume this
 * feed alone, mute it, whether it counts as unread, edit it, its diagnostics.
 */
export function FeedMenu({ at, onClose }: { at: FeedMenuAt; onClose: () => void }) {
  const { t } = useTranslation();
  const feed = useStore((s) => s.feeds.find((f) => f.id === at.feedId));
  const pausedBy = useStore(selectPausedBy(at.feedId));
  if (!feed) return null;
  const { pauseFeed, resumeFeed, openDialog, configureFeed } = useStore.getState();
  const items: MenuItem[] = [
    pausedBy === null
      ? { key: 'pause', label: t('feedMenu.pause'), run: () => void pauseFeed(feed.id) }
      : { key: 'resume', label: t('feedMenu.resume'), run: () => void resumeFeed(feed.id) },
    {
      key: 'mute',
      label: t('feedMenu.mute'),
      checked: feed.muted === true,
      run: () => void configureFeed(feed.id, { muted: feed.muted !== true }),
    },
    {
      key: 'count',
      label: t('feedMenu.countUnread'),
      checked: feed.countUnread !== false,
      run: () => void configureFeed(feed.id, { countUnread: feed.countUnread === false }),
    },
    { key: 'edit', label: t('feedMenu.edit'), run: () => openDialog({ kind: 'feed-editor', feedId: feed.id }) },
    {
      key: 'diagnostics',
      label: t('feedMenu.diagnostics'),
      run: () => openDialog({ kind: 'diagnostics', feedId: feed.id }),
    },
  ];
  return <ContextMenu at={at} label={t('feedMenu.label')} items={items} onClose={onClose} />;
}
