import { useTranslation } from 'react-i18next';
import { useNow } from '../hooks/use-now';
import { dndChoice, snooze } from '../lib/dnd';
import { untilTime } from '../lib/format';
import { useStore } from '../store';
import { Icon } from './Icon';

/**
 * Do-not-disturb at a glance, in the sidebar: while it is on it says until when, with the way to turn it off;
 * while it is off, one click snoozes notifications for an hour or until tomorrow morning.
 */
export function DndStatus() {
  const { t, i18n } = useTranslation();
  const settings = useStore((s) => s.settings);
  const updateSettings = useStore((s) => s.updateSettings);
  const now = useNow(30_000);
  const choice = dndChoice(settings, now);
  if (choice === 'quiet-hours' || choice === 'until') {
    return (
      <div className="dnd-status on" role="status">
        <Icon name="bell" />
        <span className="dnd-text">
          {choice === 'until'
            ? t('dnd.until', { time: untilTime(settings.dnd.until!, i18n.language) })
            : t('dnd.quiet', { from: settings.dnd.quietStart, to: settings.dnd.quietEnd })}
        </span>
        <button
          type="button"
          className="link-button"
          onClick={() => void updateSettings({ dnd: { ...settings.dnd, mode: 'off', until: null } })}
        >
          {t('dnd.turnOff')}
        </button>
      </div>
    );
  }
  return (
    <div className="dnd-status" role="group" aria-label={t('dnd.snooze')}>
      <Icon name="bell" />
      <span className="dnd-text">{t('dnd.snooze')}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => void updateSettings(snooze(settings, 'hour', Date.now()))}
      >
        {t('dnd.hour')}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => void updateSettings(snooze(settings, 'tomorrow', Date.now()))}
      >
        {t('dnd.tomorrow')}
      </button>
    </div>
  );
}
