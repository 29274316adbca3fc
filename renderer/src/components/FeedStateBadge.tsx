import { useTranslation } from 'react-i18next';
import type { FeedStatus } from '../../../shared/domain';
import { reasonText } from '../lib/reasons';
import type { VisibleState } from '../store/selectors';

/** A coloured dot with the state also in words for screen readers (and as a tooltip). */
export function FeedStateDot({ state }: { state: VisibleState }) {
  const { t } = useTranslation();
  const label = t(`state.${state}`);
  return (
    <span className={`state-dot state-${state}`} title={label} data-state={state}>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

export function FeedStateLabel({ state }: { state: VisibleState }) {
  const { t } = useTranslation();
  return (
    <span className={`state-label state-${state}`} data-state={state}>
      <span className="state-dot-inline" aria-hidden="true" />
      {t(`state.${state}`)}
    </span>
  );
}

/** The stop/retry reason in plain words, in the window's language. */
export function useReasonText(status: FeedStatus | undefined): string | null {
  const { t } = useTranslation();
  if (!status) return null;
  return reasonText(t, status.reason);
}
