import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { errorText } from '../lib/reasons';

/**
 * "Send a test notification": main shows one native notification now (a feed's, titled with its name, or the
 * app's), and the result is said next to the button.
 */
export function TestNotificationButton({ feedId }: { feedId?: string }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    const result = await useStore.getState().testNotification(feedId);
    setSending(false);
    if (!result.ok) setSaid(t('testNotification.failed', { message: errorText(t, result.error) }));
    else setSaid(result.data.shown ? t('testNotification.sent') : t('testNotification.unsupported'));
  };
  return (
    <div className="test-notification">
      <button type="button" className="button" onClick={() => void send()} disabled={sending}>
        {t('testNotification.button')}
      </button>
      <p className="field-hint" role="status">
        {said}
      </p>
    </div>
  );
}
