import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

export interface MenuAt {
  x: number;
  y: number;
  /** The messages the menu acts on. */
  ids: number[];
}

/**
 * The message context menu (right-click, Shift+F10 or the Menu key): open, star, read/unread, copy, delete.
 * A WAI-ARIA menu: ↑/↓ move, Enter acts, Esc closes and gives the list its focus back.
 */
export function MessageMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: at.x, top: at.y });
  const loaded = useStore((s) => s.items);
  const messages = useMemo(() => loaded.filter((m) => at.ids.includes(m.id)), [loaded, at.ids]);
  const { openMessageObject, toggleStar, toggleRead, deleteMessages } = useStore.getState();
  const allStarred = messages.length > 0 && messages.every((m) => m.starred);
  const anyUnread = messages.some((m) => !m.read);
  const one = messages.length === 1 ? messages[0]! : null;

  const items: { key: string; label: string; run: () => void; danger?: boolean }[] = [
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

  // Keep the menu inside the window.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      left: Math.max(4, Math.min(at.x, window.innerWidth - r.width - 4)),
      top: Math.max(4, Math.min(at.y, window.innerHeight - r.height - 4)),
    });
  }, [at.x, at.y]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const list = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (i + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length;
      list[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      list[e.key === 'Home' ? 0 : list.length - 1]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={t('menu.label')}
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'menu-item danger' : 'menu-item'}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
