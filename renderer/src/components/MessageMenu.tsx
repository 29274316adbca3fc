import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { ContextMenu, type MenuItem } from './ContextMenu';

export interface MenuAt {
  x: number;
  y: number;
  /** The messages the menu acts on. */
  ids: number[];
}

/** The message context menu (right-click, Shift+F10 or the Menu key): open, star, read/unread, copy, delete. */
export function MessageMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const { t } = useTranslation();
  const loaded = useStore((s) => s.items);
  const messages = useMemo(() => loaded.filter((m) => at.ids.includes(m.id)), [loaded, at.ids]);
  const { openMessageObject, toggleStar, toggleRead, deleteMessages } = useStore.getState();
  const allStarred = messages.length > 0 && messages.every((m) => m.starred);
  const anyUnread = messages.some((m) => !m.read);
  const one = messages.length === 1 ? messages[0]! : null;

  const items: MenuItem[] = [
    ...(one ? [{ key: 'open', label: t('menu.open'), run: () => openMessageObject(one) }] : []),
    { key: 'star', label: allStarred ? t('menu.unstar') : t('menu.star'), run: () => void toggleStar(at.ids) },
    {
      key: 'read',
      label: anyUnread ? t('menu.markRead') : t('menu.markUnread'),
      run: () => void toggleRead(at.ids),
    },
    ...(one
      ? [{ key: 'copy', label: t('menu.copyData'), run: () => void navigator.clipboard?.writeText(one.data) }]
      : []),
    {
      key: 'delete',
      label: at.ids.length === 1 ? t('menu.deleteOne') : t('menu.deleteMany', { count: at.ids.length }),
      run: () => deleteMessages(at.ids),
      danger: true,
    },
  ];

  return <ContextMenu at={at} label={t('menu.label')} items={items} onClose={onClose} />;
}
