import { useTranslation } from 'react-i18next';
import type { FeedStatus } from '../../../shared/domain';
import { reasonText } from '../lib/reasons';
import type { VisibleState } from '../store/selectors';

/** Each state has its own shape as well as its colour, so it is not told by colour alone (WCAG 1.4.1). */
const stateShapes: Record<VisibleState, { d: string; fill: boolean }> = {
  open: { d: 'M5 1a4 4 0 1 1 0 8a4 4 0 1 1 0-8z', fill: true },
  connecting: { d: 'M5 1.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 1 1 0-7z', fill: false },
  reconnecting: { d: 'M8.5 5a3.5 3.5 0 1 1-1-2.5M8.5 1v2.5H6', fill: false },
  stopped: { d: 'M2 2l6 6M8 2l-6 6', fill: false },
  paused: { d: 'M3 1.5v7M7 1.5v7', fill: false },
  disabled: { d: 'M1.5 5h7', fill: false },
};

export function StateShape({ state }: { state: VisibleState }) {
  const shape = stateShapes[state];
  return (
    <svg
      className="state-shape"
      width="10"
      height="10"
      viewBox="0 0 10 10"
      fill={shape.fill ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={shape.fill ? 0 : 2}
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
      data-shape={state}
    >
      <path d={shape.d} />
    </svg>
  );
}

/** The state's shape in its colour, with the state also in words for screen readers (and as a tooltip). */
export function FeedStateDot({ state }: { state: VisibleState }) {
  const { t } = useTranslation();
  const label = t(`state.${state}`);
  return (
    <span className={`state-dot state-${state}`} title={label} data-state={state}>
      <StateShape state={state} />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

export function FeedStateLabel({ state }: { state: VisibleState }) {
  const { t } = useTranslation();
  return (
    <span className={`state-label state-${state}`} data-state={state}>
      <span className="state-dot-inline" aria-hidden="true">
        <StateShape state={state} />
      </span>
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
