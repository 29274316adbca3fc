import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { Icon } from './Icon';

export function Notices() {
  const { t } = useTranslation();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  const sync = useStore((s) => s.sync);
  const syncError = useStore((s) => s.syncError);
  return (
    <div className="notices" role="status" aria-live="polite">
      {sync === 'error' ? (
        <div className="notice error">{t('notice.syncFailed', { message: syncError ?? '' })}</div>
      ) : null}
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`}>
          <span>{t(n.key, n.values ?? {})}</span>
          {n.action ? (
            <button
              type="button"
              className="button small"
              onClick={() => {
                n.action!.run();
                dismiss(n.id);
              }}
            >
              {t(n.action.key)}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button small"
            onClick={() => dismiss(n.id)}
            aria-label={t('common.dismiss')}
          >
            <Icon name="close" size={12} />
          </button>
        </div>
      ))}
    </div>
  );
}
