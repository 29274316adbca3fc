import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionOutcome } from '../../../shared/message-fields';
import { useStore } from '../store';
import { errorText } from '../lib/reasons';
import { Dialog } from './Dialog';

/** Whether a request to `url` goes to the feed's own server (core sends the feed's credentials only then). */
function sameOrigin(url: string, feedUrl: string | undefined): boolean {
  try {
    return feedUrl !== undefined && new URL(url).origin === new URL(feedUrl).origin;
  } catch {
    return false;
  }
}

/**
 * A message's `http` action asks before anything is sent: it shows the method, the URL and whether the feed's
 * credentials go with it; only "Send request" makes main send it. The answer (status, or why not) is said here.
 */
export function ActionDialog({ messageId, action: index }: { messageId: number; action: number }) {
  const { t } = useTranslation();
  const message = useStore((s) => (s.openMessage?.id === messageId ? s.openMessage : undefined));
  const feedUrl = useStore((s) => s.feeds.find((f) => f.id === message?.feedId)?.url);
  const { closeDialog, runAction } = useStore.getState();
  const [state, setState] = useState<'ask' | 'sending' | 'done'>('ask');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const action = message?.fields?.actions[index];

  if (!message || action?.kind !== 'http') {
    return (
      <Dialog title={t('action.goneTitle')} onClose={closeDialog} name="http-action">
        <p>{t('action.gone')}</p>
      </Dialog>
    );
  }

  const describe = (result: ActionOutcome): { ok: boolean; text: string } => {
    if (result.ok) return { ok: true, text: t('action.done', { status: result.status }) };
    if (result.failure === 'http')
      return { ok: false, text: t('action.refused', { status: result.status, error: result.error }) };
    return { ok: false, text: t(`action.failure.${result.failure}`) };
  };

  const send = async (): Promise<void> => {
    setState('sending');
    const answer = await runAction(messageId, index);
    setOutcome(answer.ok ? describe(answer.data) : { ok: false, text: errorText(t, answer.error) });
    setState('done');
  };

  const credentials = sameOrigin(action.url, feedUrl);
  return (
    <Dialog
      title={t('action.title', { label: action.label })}
      onClose={closeDialog}
      name="http-action"
      footer={
        state === 'done' ? (
          <button type="button" className="button" onClick={closeDialog} data-autofocus>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={closeDialog} data-autofocus>
              {t('common.cancel')}
            </button>
            <button type="button" className="button primary" disabled={state === 'sending'} onClick={() => void send()}>
              {state === 'sending' ? t('action.sending') : t('action.send')}
            </button>
          </>
        )
      }
    >
      <p>{t('action.intro')}</p>
      <dl className="action-request">
        <dt>{t('action.method')}</dt>
        <dd className="mono">{action.method}</dd>
        <dt>{t('action.url')}</dt>
        <dd className="mono action-url">{action.url}</dd>
        {action.body ? (
          <>
            <dt>{t('action.body')}</dt>
            <dd className="mono action-body">{action.body}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{credentials ? t('action.withCredentials') : t('action.withoutCredentials')}</p>
      <p className={outcome?.ok === false ? 'action-status error' : 'action-status'} role="status">
        {outcome?.text ?? ''}
      </p>
    </Dialog>
  );
}
