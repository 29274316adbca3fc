import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DownloadOutcome, MessageAttachment, MessageFields, Priority } from '../../../shared/message-fields';
import { errorText } from '../lib/reasons';
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

/** The five priorities as a select's options (value "1"…"5"), named as messages show them. */
export function PriorityOptions() {
  const { t } = useTranslation();
  return (
    <>
      {([1, 2, 3, 4, 5] as const).map((p) => (
        <option key={p} value={String(p)}>
          {t(`fields.priority${p}`)}
        </option>
      ))}
    </>
  );
}

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
export function MessageFieldsView({ fields, messageId }: { fields: MessageFields; messageId: number }) {
  const { t } = useTranslation();
  const openLink = useStore((s) => s.openLink);
  const openDialog = useStore((s) => s.openDialog);
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
              <button
                key={i}
                type="button"
                className="button small"
                aria-haspopup="dialog"
                title={`${action.method} ${action.url}`}
                onClick={() => openDialog({ kind: 'http-action', messageId, action: i })}
              >
                {action.label}
              </button>
            ),
          )}
        </div>
      ) : null}
      {fields.attachments.length > 0 ? (
        <ul className="fields-attachments" aria-label={t('fields.attachments')}>
          {fields.attachments.map((a, i) => (
            <AttachmentRow key={`${messageId}:${i}`} attachment={a} messageId={messageId} index={i} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/**
 * One attachment: name, type and size as the server said them, and "Download", which asks main — main shows the
 * save dialog and fetches the file with the feed's credentials. Nothing is fetched (or shown from the remote URL)
 * before that.
 */
function AttachmentRow({
  attachment,
  messageId,
  index,
}: {
  attachment: MessageAttachment;
  messageId: number;
  index: number;
}) {
  const { t, i18n } = useTranslation();
  const downloadAttachment = useStore((s) => s.downloadAttachment);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const locale = i18n.language;

  const describe = (outcome: DownloadOutcome): { ok: boolean; text: string } | null => {
    if (outcome.ok)
      return {
        ok: true,
        text: t('fields.downloaded', { name: outcome.fileName, size: formatBytes(outcome.bytes, locale) }),
      };
    if (outcome.failure === 'canceled') return null;
    if (outcome.failure === 'http')
      return { ok: false, text: t('fields.downloadRefused', { status: outcome.status, error: outcome.error }) };
    return { ok: false, text: t(`fields.downloadFailure.${outcome.failure}`) };
  };

  const download = async (): Promise<void> => {
    setBusy(true);
    setStatus(null);
    const answer = await downloadAttachment(messageId, index);
    setBusy(false);
    setStatus(answer.ok ? describe(answer.data) : { ok: false, text: errorText(t, answer.error) });
  };

  return (
    <li>
      <span className="attachment-name">{attachment.name}</span>
      {attachment.type ? <span className="attachment-type">{attachment.type}</span> : null}
      {attachment.size !== null ? (
        <span className="attachment-size">{formatBytes(attachment.size, locale)}</span>
      ) : null}
      <button
        type="button"
        className="button small"
        disabled={busy}
        aria-label={t('fields.downloadNamed', { name: attachment.name })}
        onClick={() => void download()}
      >
        {busy ? t('fields.downloading') : t('fields.download')}
      </button>
      <span className={status?.ok === false ? 'attachment-status error' : 'attachment-status'} role="status">
        {status?.text ?? ''}
      </span>
    </li>
  );
}
