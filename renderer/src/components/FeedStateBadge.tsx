import { useTranslation } from 'react-i18next';
import type { FeedStatus, StopCode } from '../../../shared/domain';
import { retryReason } from '../lib/reasons';

export type VisibleState = 'connecting' | 'live' | 'reconnecting' | 'stopped' | 'paused' | 'disabled';

export function visibleState(status: FeedStatus | undefined, enabled: boolean): VisibleState {
  if (!enabled) return 'disabled';
  switch (status?.state) {
    case 'open':
      return 'live';
    case 'reconnecting':
      return 'reconnecting';
    case 'stopped':
      return status.code === 'disabled' ? 'disabled' : 'stopped';
    case 'paused':
      return 'paused';
    default:
      return 'connecting';
  }
}

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

/**
 * The specific part of core's (English) stop reason, for the translated sentence to carry: "text/html" from
 * "Not an event stream: got text/html", "HTTP 400" from "Request rejected (HTTP 400)". Passing the whole reason
 * repeated its first words ("Not an event stream. Not an event stream: got text/html").
 */
export function reasonDetail(code: StopCode, reason: string | null): string {
  const text = (reason ?? '').trim();
  switch (code) {
    case 'bad-content-type':
      return /\bgot (.+)$/.exec(text)?.[1] ?? text;
    case 'tls':
      return text.replace(/^Certificate problem:\s*/i, '');
    case 'http-error': {
      const status = /\((?:HTTP )?(\d{3})\)\s*$/.exec(text)?.[1];
      return status ? `HTTP ${status}` : text;
    }
    default:
      return text;
  }
}

/** The stop/retry reason in plain words, translated by code when we know it. */
export function useReasonText(status: FeedStatus | undefined): string | null {
  const { t } = useTranslation();
  if (!status) return null;
  if (status.state === 'stopped' && status.code) {
    const detail = reasonDetail(status.code, status.reason);
    return t(`reason.${status.code}`, { detail });
  }
  const known = status.reason ? retryReason(status.reason) : null;
  return known ? t(`retry.${known.key}`, { detail: known.detail }) : status.reason;
}
