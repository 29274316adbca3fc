import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain';
import type { SettingsPatch } from '../../../shared/ipc/contract';
import { useCopy } from '../hooks/use-copy';
import { untilTime } from '../lib/format';
import { useStore } from '../store';
import { Dialog } from './Dialog';
import { errorText } from '../lib/reasons';
import { nextMorning } from '../../../shared/rules';
import { TimeOfDayField } from './TimeFields';

import { dndChoice, type DndChoice } from '../lib/dnd';

function NumberField({
  label,
  hint,
  value,
  min,
  max,
  onCommit,
}: {
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  onCommit: (v: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(String(value));
  }
  const n = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
  const commit = () => {
    if (valid && n !== value) onCommit(n);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={text}
        aria-invalid={valid ? undefined : true}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <p className={valid ? 'field-hint' : 'field-error'} id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

/** Settings apply as they change and are persisted by main. */
export function SettingsDialog() {
  const { t, i18n } = useTranslation();
  const settings = useStore((s) => s.settings);
  const version = useStore((s) => s.version);
  const { updateSettings, closeDialog, notify, appDiagnostics, openLogs } = useStore.getState();
  const [now] = useState(() => Date.now());
  const choice = dndChoice(settings, now);
  const { copied, copy } = useCopy();
  const ids = { dnd: useId(), theme: useId(), lang: useId() };

  const save = async (patch: SettingsPatch) => {
    const result = await updateSettings(patch);
    if (!result.ok)
      notify({ tone: 'error', key: 'notice.actionFailed', values: { message: errorText(t, result.error) } });
  };

  const onDnd = (value: DndChoice) => {
    const at = Date.now();
    const base = settings.dnd;
    if (value === 'off') void save({ dnd: { ...base, mode: 'off', until: null } });
    else if (value === 'hour') void save({ dnd: { ...base, mode: 'until', until: at + 3_600_000 } });
    else if (value === 'tomorrow') void save({ dnd: { ...base, mode: 'until', until: nextMorning(at) } });
    else if (value === 'quiet-hours') void save({ dnd: { ...base, mode: 'quiet-hours', until: null } });
  };

  return (
    <Dialog title={t('settings.title')} onClose={closeDialog} name="settings" wide>
      <div className="form settings">
        <fieldset className="fieldset">
          <legend>{t('settings.notifications')}</legend>
          <div className="field">
            <label htmlFor={ids.dnd}>{t('settings.dnd')}</label>
            <select id={ids.dnd} value={choice} onChange={(e) => onDnd(e.target.value as DndChoice)}>
              <option value="off">{t('settings.dndOff')}</option>
              {choice === 'until' && settings.dnd.until !== null ? (
                <option value="until">
                  {t('settings.dndUntil', { time: untilTime(settings.dnd.until, i18n.language) })}
                </option>
              ) : null}
              <option value="hour">{t('settings.dndHour')}</option>
              <option value="tomorrow">{t('settings.dndTomorrow')}</option>
              <option value="quiet-hours">{t('settings.dndQuiet')}</option>
            </select>
          </div>
          {choice === 'quiet-hours' ? (
            <div className="field-pair">
              <TimeOfDayField
                label={t('settings.quietStart')}
                value={settings.dnd.quietStart}
                onCommit={(quietStart) => void save({ dnd: { ...settings.dnd, quietStart } })}
              />
              <TimeOfDayField
                label={t('settings.quietEnd')}
                value={settings.dnd.quietEnd}
                onCommit={(quietEnd) => void save({ dnd: { ...settings.dnd, quietEnd } })}
              />
            </div>
          ) : null}
          <NumberField
            label={t('settings.digest')}
            hint={t('settings.digestHint')}
            value={settings.digestThreshold}
            min={1}
            max={1000}
            onCommit={(digestThreshold) => void save({ digestThreshold })}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('settings.history')}</legend>
          <div className="field-pair">
            <NumberField
              label={t('settings.maxPerFeed')}
              hint={t('settings.maxPerFeedHint')}
              value={settings.retention.maxPerFeed}
              min={100}
              max={10_000_000}
              onCommit={(maxPerFeed) => void save({ retention: { ...settings.retention, maxPerFeed } })}
            />
            <NumberField
              label={t('settings.maxAgeDays')}
              hint={t('settings.maxAgeDaysHint')}
              value={settings.retention.maxAgeDays}
              min={1}
              max={36_500}
              onCommit={(maxAgeDays) => void save({ retention: { ...settings.retention, maxAgeDays } })}
            />
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('settings.app')}</legend>
          <label className="switch big">
            <input
              type="checkbox"
              role="switch"
              checked={settings.startAtLogin}
              onChange={(e) => void save({ startAtLogin: e.target.checked })}
            />
            <span>{t('settings.startAtLogin')}</span>
          </label>
          <label className="switch big">
            <input
              type="checkbox"
              role="switch"
              checked={settings.closeToTray}
              onChange={(e) => void save({ closeToTray: e.target.checked })}
            />
            <span>{t('settings.closeToTray')}</span>
          </label>
          <div className="field-pair">
            <div className="field">
              <label htmlFor={ids.theme}>{t('settings.theme')}</label>
              <select
                id={ids.theme}
                value={settings.theme}
                onChange={(e) => void save({ theme: e.target.value as Settings['theme'] })}
              >
                <option value="system">{t('settings.themeSystem')}</option>
                <option value="light">{t('settings.themeLight')}</option>
                <option value="dark">{t('settings.themeDark')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.lang}>{t('settings.language')}</label>
              <select
                id={ids.lang}
                value={settings.language}
                onChange={(e) => void save({ language: e.target.value as Settings['language'] })}
              >
                <option value="system">{t('settings.languageSystem')}</option>
                <option value="en">{t('settings.languageEn')}</option>
                <option value="zh-CN">{t('settings.languageZh')}</option>
              </select>
            </div>
          </div>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('settings.support')}</legend>
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => void appDiagnostics().then((r) => r.ok && copy('diag', r.data))}
            >
              {copied === 'diag' ? t('detail.copied') : t('settings.copyDiagnostics')}
            </button>
            <button type="button" className="button" onClick={() => void openLogs()}>
              {t('settings.openLogs')}
            </button>
            <span className="muted">{t('settings.version', { version: version || '—' })}</span>
          </div>
        </fieldset>
      </div>
    </Dialog>
  );
}
