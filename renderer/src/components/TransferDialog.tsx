import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from '../hooks/use-shallow';
import { useStore } from '../store';
import { Dialog } from './Dialog';
import { EXPORT_TYPES, formatMessages, type ExportFormat } from '../lib/export-view';
import { errorText } from '../lib/reasons';

/** The most messages one export of a view writes. */
const VIEW_EXPORT_MAX = 50_000;

function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Import and export feed definitions as JSON. Secrets are left out unless the user asks for them. */
export function TransferDialog() {
  const { t, i18n } = useTranslation();
  const { closeDialog, exportFeeds, importFeeds, viewMessages } = useStore(
    useShallow((s) => ({
      closeDialog: s.closeDialog,
      exportFeeds: s.exportFeeds,
      importFeeds: s.importFeeds,
      viewMessages: s.viewMessages,
    })),
  );
  const feeds = useStore((s) => s.feeds);
  const [format, setFormat] = useState<ExportFormat>('json');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = { secrets: useId(), paste: useId() };

  const onExport = async () => {
    setBusy(true);
    const result = await exportFeeds(includeSecrets);
    setBusy(false);
    if (!result.ok) {
      setStatus({ tone: 'error', text: t('transfer.failed', { message: errorText(t, result.error) }) });
      return;
    }
    setText(result.data);
    download('tidings-feeds.json', result.data);
    setStatus({ tone: 'info', text: t('transfer.exported') });
  };

  const onExportView = async () => {
    setBusy(true);
    const result = await viewMessages(VIEW_EXPORT_MAX);
    setBusy(false);
    if (!result.ok) {
      setStatus({ tone: 'error', text: t('transfer.failed', { message: result.error.message }) });
      return;
    }
    const names = new Map(feeds.map((f) => [f.id, f.name || f.url]));
    download(
      `tidings-messages.${format}`,
      formatMessages(result.data, format, (id) => names.get(id) ?? id),
      EXPORT_TYPES[format],
    );
    setStatus({ tone: 'info', text: t('transfer.exportedMessages', { count: result.data.length }) });
  };

  const onImport = async (json: string) => {
    setBusy(true);
    const result = await importFeeds(json);
    setBusy(false);
    if (result.ok)
      setStatus({
        tone: 'info',
        text: t('transfer.imported', { added: result.data.added, skipped: result.data.skipped }),
      });
    else setStatus({ tone: 'error', text: t('transfer.failed', { message: errorText(t, result.error) }) });
  };

  return (
    <Dialog title={t('transfer.title')} onClose={closeDialog} name="transfer" wide>
      <div className="form">
        <fieldset className="fieldset">
          <legend>{t('transfer.export')}</legend>
          <label className="switch big">
            <input
              id={ids.secrets}
              type="checkbox"
              role="switch"
              checked={includeSecrets}
              onChange={(e) => setIncludeSecrets(e.target.checked)}
            />
            <span>{t('transfer.includeSecrets')}</span>
          </label>
          {includeSecrets ? <p className="field-hint warn">{t('transfer.secretsWarning')}</p> : null}
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => void onExport()} disabled={busy}>
              {t('transfer.exportButton')}
            </button>
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('transfer.messages')}</legend>
          <p className="field-hint">
            {t('transfer.messagesHint', { max: VIEW_EXPORT_MAX.toLocaleString(i18n.language) })}
          </p>
          <div className="button-row">
            <label className="field inline">
              <span>{t('transfer.format')}</span>
              <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
                <option value="json">JSON</option>
                <option value="ndjson">NDJSON</option>
                <option value="csv">CSV</option>
              </select>
            </label>
            <button type="button" className="button" onClick={() => void onExportView()} disabled={busy}>
              {t('transfer.exportMessages')}
            </button>
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('transfer.import')}</legend>
          <p className="field-hint">{t('transfer.importHint')}</p>
          <div className="field">
            <label htmlFor={ids.paste}>{t('transfer.json')}</label>
            <textarea
              id={ids.paste}
              className="mono"
              rows={8}
              value={text}
              spellCheck={false}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="button-row">
            <button type="button" className="button" onClick={() => fileRef.current?.click()} disabled={busy}>
              {t('transfer.chooseFile')}
            </button>
            <input
              ref={fileRef}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file)
                  void file.text().then((json) => {
                    setText(json);
                    return onImport(json);
                  });
              }}
            />
            <button
              type="button"
              className="button primary"
              onClick={() => void onImport(text)}
              disabled={busy || !text.trim()}
            >
              {t('transfer.importButton')}
            </button>
          </div>
        </fieldset>
        {status ? (
          <p className={status.tone === 'error' ? 'field-error' : 'field-ok'} role="status">
            {status.text}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
