import { useTranslation } from 'react-i18next';
import type { ConnectionTest } from '../../../shared/domain';
import { reasonText } from '../lib/reasons';

/**
 * What "Test connection" found, under the feed's URL: whether it works (or why not), the response status and
 * headers, and the first events. Announced to screen readers as a status.
 */
export function ConnectionTestResult({ result, testing }: { result: ConnectionTest | null; testing: boolean }) {
  const { t } = useTranslation();
  if (testing)
    return (
      <section className="conn-test" role="status" aria-label={t('editor.test.label')}>
        <p>{t('editor.test.testing')}</p>
      </section>
    );
  if (!result) return null;
  const why = reasonText(t, result.reason);
  return (
    <section
      className="conn-test"
      data-ok={result.reason === null}
      role="status"
      aria-label={t('editor.test.label')}
      tabIndex={-1}
    >
      <p className="conn-test-verdict">
        {why === null
          ? result.events.length > 0
            ? t('editor.test.ok', { count: result.events.length })
            : t('editor.test.okQuiet')
          : t('editor.test.failed', { reason: why })}
      </p>
      {result.status !== null ? (
        <>
          <h3>{t('editor.test.response', { status: result.status })}</h3>
          <dl className="conn-test-headers">
            {result.headers.map((h) => (
              <div key={h.name}>
                <dt>{h.name}</dt>
                <dd>{h.value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {result.events.length > 0 ? (
        <>
          <h3>{t('editor.test.events')}</h3>
          <ol className="conn-test-events">
            {result.events.map((e, i) => (
              <li key={i}>
                <span className="conn-test-type">{e.type}</span>
                {e.id !== null ? <span className="conn-test-id">id {e.id}</span> : null}
                <pre>
                  {e.data}
                  {e.truncated ? '…' : ''}
                </pre>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
