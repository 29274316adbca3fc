import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feed } from '../../../shared/domain';
import { suggestedTarget } from '../../../shared/publish-target';
import { useStore } from '../store';
import { PriorityOptions } from './MessageFields';
import type { PublishOptions } from '../store/types';

/**
 * Whether the feed's messages go to ntfy (its editor's choice, else what its profile suggests): then a message
 * may carry its own title and priority. A feed still detecting its profile shows them once ntfy is detected.
 */
function publishesToNtfy(feed: Feed | undefined): boolean {
  if (!feed) return false;
  const chosen = feed.server?.publish;
  if (chosen !== undefined) return chosen?.kind === 'ntfy';
  const profile = feed.profile ?? 'auto';
  return profile !== 'auto' && suggestedTarget(profile, feed.url)?.kind === 'ntfy';
}

/**
 * Talking back: a message box at the bottom of a feed's view; main sends it to the feed's server with the feed's
 * credentials, and the answer is said here (sent, or the HTTP status and the server's own error text). Nothing is
 * added to the list locally: the server's echo arrives like any message.
 *
 * Keys: Enter sends, Shift+Enter starts a new line, Ctrl/⌘+Enter switches to long mode — a taller box where Enter
 * starts a new line and Ctrl/⌘+Enter sends. The "Long message" button switches too (and back). In long mode an
 * ntfy feed's message may have its own title and priority (else the feed editor's defaults apply).
 */
export function Composer() {
  const { t } = useTranslation();
  const feedId = useStore((s) => s.query.feedId);
  // "Nowhere" in the feed editor: this feed does not publish, so there is no composer.
  const feed = useStore((s) => s.feeds.find((f) => f.id === s.query.feedId));
  const publishes = feed?.server?.publish !== null;
  const ntfy = publishesToNtfy(feed);
  const publishMessage = useStore((s) => s.publishMessage);
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [priority, setPriority] = useState('');
  const [busy, setBusy] = useState(false);
  const [long, setLong] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();
  if (feedId === null || !publishes) return null;

  const send = async (): Promise<void> => {
    const message = text.trim();
    if (message === '' || busy) return;
    setBusy(true);
    setResult(null);
    const options: PublishOptions = {};
    if (ntfy && long && title.trim() !== '') options.title = title.trim();
    if (ntfy && long && priority !== '') options.priority = Number(priority) as PublishOptions['priority'];
    const answer = await publishMessage(feedId, message, options);
    setBusy(false);
    if (!answer.ok) {
      setResult({ ok: false, text: t('composer.failed') });
      return;
    }
    const outcome = answer.data;
    if (outcome.ok) {
      setText('');
      setTitle('');
      setPriority('');
      setResult({ ok: true, text: t('composer.sent') });
    } else if (outcome.failure === 'http') {
      setResult({ ok: false, text: t('composer.refused', { status: outcome.status, error: outcome.error }) });
    } else {
      setResult({ ok: false, text: t(`composer.failure.${outcome.failure}`) });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    const command = e.ctrlKey || e.metaKey;
    if (command) {
      e.preventDefault();
      if (long) void send();
      else setLong(true);
    } else if (!long && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form
      className={long ? 'composer long' : 'composer'}
      aria-label={t('composer.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {ntfy && long ? (
        <div className="composer-options">
          <label>
            <span>{t('composer.title')}</span>
            <input type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            <span>{t('composer.priority')}</span>
            <select value={priority} onChange={(e) => setPriority(e.target.value)}>
              <option value="">{t('composer.priorityDefault')}</option>
              <PriorityOptions />
            </select>
          </label>
        </div>
      ) : null}
      <label htmlFor={id} className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id={id}
        rows={long ? 6 : 1}
        value={text}
        placeholder={long ? t('composer.placeholderLong') : t('composer.placeholder')}
        aria-describedby={`${id}-status`}
        aria-keyshortcuts={long ? 'Control+Enter Meta+Enter' : 'Enter'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className={long ? 'button toggled' : 'button'}
        aria-pressed={long}
        title={t('composer.longHint')}
        onClick={() => setLong((v) => !v)}
      >
        {t('composer.long')}
      </button>
      <button type="submit" className="button" disabled={busy || text.trim() === ''}>
        {t('composer.send')}
      </button>
      <p
        id={`${id}-status`}
        className={result?.ok === false ? 'composer-status error' : 'composer-status'}
        role="status"
      >
        {busy ? t('composer.sending') : (result?.text ?? '')}
      </p>
    </form>
  );
}
