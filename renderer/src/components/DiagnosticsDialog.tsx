import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeHeader, FeedDiagnostics, HttpExchange } from '../../../shared/domain';
import type { ResultError } from '../../../shared/result';
import { useNow } from '../hooks/use-now';
import { useCopy } from '../hooks/use-copy';
import { absoluteTime, formatBytes, formatCount, relativeTime, shortTime } from '../lib/format';
import { errorText, reasonDetail, reasonText } from '../lib/reasons';
import { useStore } from '../store';
import { Dialog } from './Dialog';
import { visibleState } from '../store/selectors';
import { FeedStateLabel, useReasonText } from './FeedStateBadge';

const POLL_MS = 1000;

/** The stream inspector: state and reason in words, retry countdown, counters and the last raw frames. */
export function DiagnosticsDialog({ feedId }: { feedId: string }) {
  const { t, i18n } = useTranslation();
  const feed = useStore((s) => s.feeds.find((f) => f.id === feedId));
  const pushed = useStore((s) => s.statuses[feedId]);
  const closeDialog = useStore((s) => s.closeDialog);
  const reconnectFeed = useStore((s) => s.reconnectFeed);
  const feedDiagnostics = useStore((s) => s.feedDiagnostics);
  const [diag, setDiag] = useState<FeedDiagnostics | null>(null);
  const [error, setError] = useState<ResultError | null>(null);
  const now = useNow(1000);
  const locale = i18n.language;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      const result = await feedDiagnostics(feedId);
      if (stopped) return;
      if (result.ok) {
        setDiag(result.data);
        setError(null);
      } else setError(result.error);
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [feedId, feedDiagnostics]);

  // Counters come from the poll; the state from pushes, which arrive the moment it changes.
  const status =
    pushed && diag
      ? {
          ...diag.status,
          state: pushed.state,
          reason: pushed.reason,
          pausedBy: pushed.pausedBy,
          retryAt: pushed.retryAt,
        }
      : (pushed ?? diag?.status);
  const reason = useReasonText(status);
  // Frames: paused shows a frozen copy; cleared hides what arrived up to then.
  const [paused, setPaused] = useState<FeedDiagnostics['frames'] | null>(null);
  const [clearedAt, setClearedAt] = useState(0);
  const { copied, copy } = useCopy();
  const frames = (paused ?? diag?.frames ?? []).filter((f) => f.at > clearedAt);
  const togglePause = () => setPaused((p) => (p !== null ? null : (diag?.frames ?? [])));
  const lastError = reasonText(t, status?.counters.lastError);
  // The runtime's own words behind an error core did not recognise: shown apart, as a detail, never in a sentence.
  const reasonRaw = reasonDetail(status?.reason);
  const lastErrorRaw = reasonDetail(status?.counters.lastError);
  const state = visibleState(status, feed?.enabled ?? true);
  const c = status?.counters;
  const retryIn = status?.retryAt ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : null;

  return (
    <Dialog
      title={t('diag.title', { name: feed?.name || feed?.url || feedId })}
      onClose={closeDialog}
      name="diagnostics"
      wide
    >
      <section className="diag-state" aria-label={t('diag.connection')}>
        <div className="diag-state-line">
          <FeedStateLabel state={state} />
          {retryIn !== null && status?.state === 'reconnecting' ? (
            <span className="diag-retry" role="timer" aria-live="off">
              {t('diag.retryIn', { seconds: retryIn })}
            </span>
          ) : null}
          <span className="spacer" />
          <button type="button" className="button primary" onClick={() => void reconnectFeed(feedId)}>
            {t('diag.reconnectNow')}
          </button>
        </div>
        <p className="diag-reason">
          {reason ??
            (state === 'paused' && status?.pausedBy
              ? t(`diag.pausedBy.${status.pausedBy}`)
              : t(`diag.explain.${state}`))}
        </p>
        {reasonRaw ? <RawDetail text={reasonRaw} /> : null}
        {feed ? <p className="diag-url mono">{feed.url}</p> : null}
      </section>
      {error ? <p className="field-error">{errorText(t, error)}</p> : null}
      <dl className="diag-counters">
        <div>
          <dt>{t('diag.events')}</dt>
          <dd>{c ? formatCount(c.events, locale) : '—'}</dd>
        </div>
        <div>
          <dt>{t('diag.bytes')}</dt>
          <dd>{c ? formatBytes(c.bytes, locale) : '—'}</dd>
        </div>
        <div>
          <dt>{t('diag.reconnects')}</dt>
          <dd>{c ? formatCount(c.reconnects, locale) : '—'}</dd>
        </div>
        <div>
          <dt>{t('diag.lastEvent')}</dt>
          <dd title={c?.lastEventAt ? absoluteTime(c.lastEventAt, locale) : undefined}>
            {c?.lastEventAt ? relativeTime(c.lastEventAt, now, locale) : t('diag.never')}
          </dd>
        </div>
        <div>
          <dt>{t('diag.lastEventId')}</dt>
          <dd className="mono">{status?.lastEventId ?? '—'}</dd>
        </div>
        {diag?.profile ? (
          <>
            <div>
              <dt>{t('diag.profile')}</dt>
              <dd>{diag.profile.detected ? t(`editor.profiles.${diag.profile.profile}`) : t('diag.profileWaiting')}</dd>
            </div>
            <div>
              <dt>{t('diag.controlEvents')}</dt>
              <dd title={t('diag.controlEventsHint')}>
                {formatCount(diag.profile.controlEvents, locale)}
                {diag.profile.lastControlAt ? (
                  <span className="muted"> · {relativeTime(diag.profile.lastControlAt, now, locale)}</span>
                ) : null}
              </dd>
            </div>
          </>
        ) : null}
        <div className="wide">
          <dt>{t('diag.lastError')}</dt>
          <dd>
            {lastError ? (
              <>
                <span className="diag-error">{lastError}</span>
                {c?.lastErrorAt ? <span className="muted"> · {relativeTime(c.lastErrorAt, now, locale)}</span> : null}
                {lastErrorRaw && lastErrorRaw !== reasonRaw ? <RawDetail text={lastErrorRaw} /> : null}
              </>
            ) : (
              t('diag.noErrors')
            )}
          </dd>
        </div>
      </dl>
      {diag?.exchange ? <ExchangeView exchange={diag.exchange} /> : null}
      <div className="frames-header">
        <h3 className="section-title">{t('diag.frames')}</h3>
        <span className="spacer" />
        <button type="button" className="button small" aria-pressed={paused !== null} onClick={togglePause}>
          {paused !== null ? t('diag.resumeFrames') : t('diag.pauseFrames')}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => setClearedAt(Math.max(clearedAt, ...(diag?.frames ?? []).map((f) => f.at)))}
        >
          {t('diag.clearFrames')}
        </button>
        <button
          type="button"
          className="button small"
          disabled={frames.length === 0}
          onClick={() => copy('frames', frames.map((f) => `${new Date(f.at).toISOString()} ${f.text}`).join('\n'))}
        >
          {copied === 'frames' ? t('detail.copied') : t('diag.copyFrames')}
        </button>
      </div>
      <div className="frames" role="log" aria-label={t('diag.frames')} tabIndex={0}>
        {frames.length > 0 ? (
          frames
            .slice()
            .reverse()
            .map((f, i) => (
              <div className="frame" key={`${f.at}-${i}`}>
                <time className="frame-time">{shortTime(f.at, locale)}</time>
                <pre className="frame-text">{f.text}</pre>
              </div>
            ))
        ) : (
          <p className="muted">{t('diag.noFrames')}</p>
        )}
      </div>
    </Dialog>
  );
}

/** An error's raw text as the runtime gave it (English), labelled as a technical detail. */
function RawDetail({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span className="diag-detail">
      <span className="muted">{t('diag.detail')}</span> <code className="mono">{text}</code>
    </span>
  );
}

/**
 * The last request and its answer, from core: the status, the response headers, and the request headers as sent
 * (a secret's value never reaches the window: core masks it).
 */
function ExchangeView({ exchange }: { exchange: HttpExchange }) {
  const { t, i18n } = useTranslation();
  const { request, response } = exchange;
  return (
    <section className="diag-exchange" aria-label={t('diag.exchange')}>
      <h3 className="section-title">{t('diag.exchange')}</h3>
      <p className="diag-exchange-line">
        <span className="diag-status">
          {response ? t('diag.responseStatus', { status: response.status }) : t('diag.noResponse')}
        </span>
        <span className="muted"> · {shortTime(exchange.at, i18n.language)}</span>
      </p>
      <p className="diag-url mono">GET {request.url}</p>
      {response ? (
        <HeaderTable label={t('diag.responseHeaders', { n: response.headers.length })} headers={response.headers} />
      ) : null}
      <HeaderTable label={t('diag.requestHeaders', { n: request.headers.length })} headers={request.headers} />
    </section>
  );
}

function HeaderTable({ label, headers }: { label: string; headers: ExchangeHeader[] }) {
  const { t } = useTranslation();
  return (
    <details className="diag-headers">
      <summary>{label}</summary>
      <table aria-label={label}>
        <tbody>
          {headers.map((h, i) => (
            <tr key={`${h.name}-${i}`}>
              <th scope="row" className="mono">
                {h.name}
              </th>
              <td className="mono">{h.masked ? <span className="muted">{t('diag.masked')}</span> : h.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
