import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopy } from '../hooks/use-copy';
import { absoluteTime, formatBytes } from '../lib/format';
import { messageTitle, parseJson } from '../lib/summary';
import { useStore } from '../store';
import { parsePartialJson } from '../lib/partial-json';
import { JsonView } from './JsonView';
import { LinkText } from './LinkText';
import { Icon } from './Icon';
import { MessageFieldsView } from './MessageFields';

/** The open message: metadata, content as collapsible JSON or raw text, and copy buttons. */
export function MessageDetail() {
  const { t, i18n } = useTranslation();
  const message = useStore((s) => s.openMessage);
  const feed = useStore((s) => (s.openMessage ? s.feeds.find((f) => f.id === s.openMessage!.feedId) : undefined));
  const closeMessage = useStore((s) => s.closeMessage);
  const openFull = useStore((s) => s.openFull);
  const openFullError = useStore((s) => s.openFullError);
  const loadFullMessage = useStore((s) => s.loadFullMessage);
  const { toggleStar, toggleRead, deleteMessages } = useStore.getState();
  const [raw, setRaw] = useState(false);
  const { copied, copy } = useCopy();
  // An event cut at the size cap is JSON no more: what parses before the cut still folds.
  const json = useMemo(() => {
    if (!message) return undefined;
    const whole = parseJson(message.data);
    if (whole !== undefined || !message.truncated || message.preview) return whole;
    return parsePartialJson(message.data)?.value;
  }, [message]);
  const pretty = useMemo(
    () => (json === undefined || message?.truncated ? null : JSON.stringify(json, null, 2)),
    [json, message?.truncated],
  );

  if (!message) {
    return (
      <aside className="detail detail-empty" aria-label={t('detail.label')}>
        <p>{t('detail.none')}</p>
        <p className="hint">{t('detail.keyboardHint')}</p>
      </aside>
    );
  }
  const locale = i18n.language;
  const heading = messageTitle(message.data);
  const isJson = json !== undefined;
  return (
    <aside className="detail" aria-label={t('detail.label')} data-message-id={message.id}>
      <header className="detail-header">
        <div className="detail-title">
          <span className={message.type === 'message' ? 'type-badge plain' : 'type-badge'}>{message.type}</span>
          <h2 title={heading}>{heading}</h2>
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={closeMessage}
          aria-label={t('detail.close')}
          title={t('detail.close')}
        >
          <Icon name="close" />
        </button>
      </header>
      <dl className="detail-meta">
        <dt>{t('detail.feed')}</dt>
        <dd>{feed ? feed.name || feed.url : t('detail.unknownFeed')}</dd>
        <dt>{t('detail.type')}</dt>
        <dd>{message.type}</dd>
        <dt>{t('detail.eventId')}</dt>
        <dd className="mono">{message.eventId ?? t('detail.noEventId')}</dd>
        <dt>{t('detail.received')}</dt>
        <dd>
          <time dateTime={new Date(message.receivedAt).toISOString()}>{absoluteTime(message.receivedAt, locale)}</time>
        </dd>
        <dt>{t('detail.size')}</dt>
        <dd>
          {!message.truncated
            ? formatBytes(message.size, locale)
            : message.originalSize !== undefined
              ? // The size as the server sent it (core counts the bytes past the cap); rows stored before lack it.
                t('detail.sizeCutFrom', {
                  size: formatBytes(message.size, locale),
                  original: formatBytes(message.originalSize, locale),
                })
              : t('detail.sizeCut', { size: formatBytes(message.size, locale) })}
        </dd>
        <dt>{t('detail.backfill')}</dt>
        <dd>{message.backfill ? t('detail.backfillYes') : t('detail.backfillNo')}</dd>
        {message.truncated ? (
          <>
            <dt>{t('detail.truncated')}</dt>
            <dd className="warn">{t('detail.truncatedText')}</dd>
          </>
        ) : null}
      </dl>
      {message.fields ? <MessageFieldsView fields={message.fields} messageId={message.id} /> : null}
      {message.preview ? (
        // Opened from the list, the message holds only its first characters until the whole data arrives.
        openFull === 'error' ? (
          <p className="detail-status error" role="alert">
            <span>{t('detail.fullFailed', { message: openFullError ?? '' })}</span>
            <button type="button" className="button small" onClick={() => void loadFullMessage()}>
              {t('detail.retry')}
            </button>
          </p>
        ) : (
          <p className="detail-status" role="status" aria-busy={openFull === 'loading'}>
            {openFull === 'loading'
              ? t('detail.loadingFull', { size: formatBytes(message.size, locale) })
              : t('detail.previewShown')}
          </p>
        )
      ) : null}
      <div className="detail-toolbar">
        {isJson ? (
          <div className="segmented" role="group" aria-label={t('detail.viewAs')}>
            <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)}>
              {t('detail.formatted')}
            </button>
            <button type="button" aria-pressed={raw} onClick={() => setRaw(true)}>
              {t('detail.raw')}
            </button>
          </div>
        ) : (
          <span className="detail-kind">{t('detail.text')}</span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button small"
          aria-pressed={message.starred}
          aria-keyshortcuts="S"
          onClick={() => void toggleStar([message.id])}
        >
          {message.starred ? t('menu.unstar') : t('menu.star')}
        </button>
        <button
          type="button"
          className="button small"
          aria-keyshortcuts="U"
          onClick={() => void toggleRead([message.id])}
        >
          {message.read ? t('menu.markUnread') : t('menu.markRead')}
        </button>
        <button
          type="button"
          className="button small danger-quiet"
          aria-keyshortcuts="Delete"
          onClick={() => deleteMessages([message.id])}
        >
          {t('menu.deleteOne')}
        </button>
        <button
          type="button"
          className="button small"
          disabled={message.preview}
          onClick={() => copy('data', message.data)}
        >
          {copied === 'data' ? t('detail.copied') : t('detail.copyData')}
        </button>
        {pretty && !message.preview ? (
          <button type="button" className="button small" onClick={() => copy('pretty', pretty)}>
            {copied === 'pretty' ? t('detail.copied') : t('detail.copyPretty')}
          </button>
        ) : null}
        {message.eventId ? (
          <button type="button" className="button small" onClick={() => copy('id', message.eventId!)}>
            {copied === 'id' ? t('detail.copied') : t('detail.copyId')}
          </button>
        ) : null}
      </div>
      <div className="detail-content" tabIndex={0} role="region" aria-label={t('detail.content')}>
        {isJson && !raw ? (
          <JsonView value={json} />
        ) : (
          <pre className="raw-text">
            <LinkText text={message.data} />
          </pre>
        )}
      </div>
    </aside>
  );
}
