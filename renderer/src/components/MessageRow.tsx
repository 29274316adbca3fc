import { memo, useRef, type CSSProperties } from 'react';
import type { Message } from '../../../shared/domain';
import { relativeTime, secondTimes } from '../lib/format';
import { summaryOf } from '../lib/summary';
import { Highlighted } from './Highlighted';
import { PriorityMark } from './MessageFields';

export const ROW_HEIGHT = 34;

interface RowProps {
  message: Message;
  index: number;
  start: number;
  colour: string;
  feedName: string | null;
  active: boolean;
  open: boolean;
  /** Picked for an action (Ctrl/⌘+click, Shift+click). */
  picked: boolean;
  starredLabel: string;
  words: string[];
  now: number;
  locale: string;
  unreadLabel: string;
  backfillLabel: string;
  setSize: number;
  onSelect: (message: Message, how: { toggle: boolean; range: boolean }) => void;
  onMenu: (message: Message, x: number, y: number) => void;
}

/**
 * One line of the list: the option element, placed by the list. At the live edge every batch moves all rows down
 * (new offset and position in the set) while their content stays the same, so the content is a memoised child of
 * its own: a move re-renders this element's few attributes, not the row's text, time and highlighting.
 */
export const MessageRow = memo(function MessageRow(p: RowProps) {
  const { message: m } = p;
  // Rows are placed by position, so while a feed streams this element may show another message by the time the
  // button is released (a click is a press and a release, 100 ms apart for a person). The message pressed is the
  // one the click and the context menu act on, not whichever one the row shows at the release.
  const pressed = useRef<Message | null>(null);
  const cls = `row${m.read ? '' : ' unread'}${p.active ? ' active' : ''}${p.open ? ' open' : ''}${p.picked ? ' picked' : ''}`;
  return (
    <div
      id={`msg-${m.id}`}
      role="option"
      aria-selected={p.open || p.picked}
      aria-posinset={p.index + 1}
      aria-setsize={p.setSize}
      className={cls}
      data-index={p.index}
      data-message-id={m.id}
      style={{ transform: `translateY(${p.start}px)`, '--feed': p.colour } as CSSProperties}
      onMouseDown={(e) => e.preventDefault()}
      onPointerDown={() => (pressed.current = m)}
      onPointerLeave={() => (pressed.current = null)}
      onClick={(e) => {
        const target = pressed.current ?? m;
        pressed.current = null;
        p.onSelect(target, { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey });
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        const target = pressed.current ?? m;
        pressed.current = null;
        p.onMenu(target, e.clientX, e.clientY);
      }}
    >
      <RowContent
        message={m}
        feedName={p.feedName}
        starredLabel={p.starredLabel}
        words={p.words}
        now={p.now}
        locale={p.locale}
        unreadLabel={p.unreadLabel}
        backfillLabel={p.backfillLabel}
      />
    </div>
  );
});

type ContentProps = Pick<
  RowProps,
  'message' | 'feedName' | 'starredLabel' | 'words' | 'now' | 'locale' | 'unreadLabel' | 'backfillLabel'
>;

const RowContent = memo(function RowContent(p: ContentProps) {
  const { message: m } = p;
  const summary = summaryOf(m);
  // Shared per second: a live row shows a new message on every batch (see secondTimes).
  const time = secondTimes(m.receivedAt, p.locale);
  return (
    <>
      <span className="row-unread" title={m.read ? undefined : p.unreadLabel}>
        {m.read ? null : <span className="visually-hidden">{p.unreadLabel}</span>}
      </span>
      {p.feedName !== null ? <span className="row-feed">{p.feedName}</span> : null}
      <span className="row-type">
        <span className={m.type === 'message' ? 'type-badge plain' : 'type-badge'}>{m.type}</span>
      </span>
      {m.fields?.priority && m.fields.priority !== 3 ? <PriorityMark priority={m.fields.priority} /> : null}
      <span className="row-summary">
        <Highlighted text={summary} words={p.words} />
      </span>
      {m.starred ? (
        <span className="row-star" title={p.starredLabel}>
          ★<span className="visually-hidden">{p.starredLabel}</span>
        </span>
      ) : null}
      {m.backfill ? (
        <span className="row-flag" title={p.backfillLabel}>
          ↺<span className="visually-hidden">{p.backfillLabel}</span>
        </span>
      ) : null}
      <time className="row-time" dateTime={time.iso} title={time.exact}>
        {relativeTime(m.receivedAt, p.now, p.locale)}
      </time>
    </>
  );
});
