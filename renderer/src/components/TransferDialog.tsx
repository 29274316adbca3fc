import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { Dialog } from './Dialog';
import { errorText } from '../lib/reasons';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
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
  const { t } = useTranslation();
  const { closeDialog, exportFeeds, importFeeds } = useStore(
    useShallow((s) => ({ closeDialog: s.closeDialog, exportFeeds: s.exportFeeds, importFeeds: s.importFeeds })),
  );
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
