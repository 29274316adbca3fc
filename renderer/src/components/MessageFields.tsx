import { useTranslation } from 'react-i18next';
import type { MessageFields, Priority } from '../../../shared/message-fields';
import { formatBytes } from '../lib/format';
import { useStore } from '../store';
import { LinkText } from './LinkText';

/** Arrow shapes per priority, so priority never rests on colour alone: ⇈ urgent, ↑ high, ↓ low, ⇊ min. */
const PRIORITY_PATHS: Record<Exclude<Priority, 3>, string> = {
  5: 'M4 8l4-4 4 4M4 13l4-4 4 4',
  4: 'M4 10l4-4 4 4',
  2: 'M4 6l4 4 4-4',
  1: 'M4 3l4 4 4-4M4 8l4 4 4-4',
};

/** The priority of a message as an icon with its name (for screen readers and as a tooltip); nothing for 3. */
export function PriorityMark({ priority }: { priority: Priority | null | undefined }) {
  const { t } = useTranslation();
  if (!priority || priority === 3) return null;
  const label = t(`fields.priority${priority}`);
  return (
    <span className={`priority-mark p${priority}`} title={label} data-priority={priority}>
      <svg
        width="12"
        height="12"
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        aria-hidden="true"
      >
        <path d={PRIORITY_PATHS[priority]} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** The emoji of a message's known tags, for the one-line summary (ntfy prefixes the title with them). */
export function tagEmoji(fields: MessageFields | null | undefined): string {
  return (fields?.tags ?? [])
    .map((tag) => tag.emoji)
    .filter((emoji): emoji is string => emoji !== null)
    .join('');
}

/** What the feed's profile read out of the open message: title, body, priority, tags, link, actions, attachments. */
export function MessageFieldsView({ fields }: { fields: MessageFields }) {
  const { t, i18n } = useTranslation();
  const openLink = useStore((s) => s.openLink);
  const plainTags = fields.tags.filter((tag) => tag.emoji === null);
  const emoji = tagEmoji(fields);
  const hasAnything =
    fields.sentHere ||
    fields.title ||
    fields.body ||
    fields.priority ||
    fields.tags.length ||
    fields.link ||
    fields.actions.length;
  if (!hasAnything && fields.attachments.length === 0) return null;
  return (
    <section className="message-fields" aria-label={t('fields.label')}>
      {fields.title || emoji ? (
        <h3 className="fields-title">
          <PriorityMark priority={fields.priority} />
          {emoji ? <span className="fields-emoji">{emoji} </span> : null}
          {fields.title}
        </h3>
      ) : fields.priority && fields.priority !== 3 ? (
        <p className="fields-priority">
          <PriorityMark priority={fields.priority} /> {t(`fields.priority${fields.priority}`)}
        </p>
      ) : null}
      {fields.sentHere ? <p className="fields-sent">{t('fields.sentHere')}</p> : null}
      {fields.body ? (
        <p className="fields-body">
          <LinkText text={fields.body} />
        </p>
      ) : null}
      {plainTags.length > 0 ? (
        <ul className="fields-tags" aria-label={t('fields.tags')}>
          {plainTags.map((tag) => (
            <li key={tag.name} className="tag-chip">
              {tag.name}
            </li>
          ))}
        </ul>
      ) : null}
      {fields.link || fields.actions.length > 0 ? (
        <div className="fields-actions" role="group" aria-label={t('fields.actions')}>
          {fields.link ? (
            <button type="button" className="button small" onClick={() => openLink(fields.link!)} title={fields.link}>
              {t('fields.openLink')}
            </button>
          ) : null}
          {fields.actions.map((action, i) =>
            action.kind === 'view' ? (
              <button
                key={i}
                type="button"
                className="button small"
                onClick={() => openLink(action.url)}
                title={action.url}
              >
                {action.label}
              </button>
            ) : (
              <button key={i} type="button" className="button small" disabled title={`${action.method} ${action.url}`}>
                {action.label}
              </button>
            ),
          )}
        </div>
      ) : null}
      {fields.attachments.length > 0 ? (
        <ul className="fields-attachments" aria-label={t('fields.attachments')}>
          {fields.attachments.map((a, i) => (
            <li key={i}>
              <span className="attachment-name">{a.name}</span>
              {a.type ? <span className="attachment-type">{a.type}</span> : null}
              {a.size !== null ? <span className="attachment-size">{formatBytes(a.size, i18n.language)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
