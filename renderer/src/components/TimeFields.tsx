/**
 * Time fields that follow the window's language. Chromium draws `<input type="time">` and `datetime-local` in the
 * operating system's locale (a 12-hour clock in an English OS under a Chinese window), so these take the time as
 * typed text in a language-neutral form and say back what they understood in the window's language.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockTime, dateTimeText, parseDateTimeText, parseTimeOfDay, toDateTimeText } from '../lib/format';

/** A time of day, "HH:MM" (24-hour). Commits only a valid time. */
export function TimeOfDayField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string;
  onCommit(v: string): void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const echoId = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  const parsed = parseTimeOfDay(text);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="time-text"
        value={text}
        placeholder={t('time.timePlaceholder')}
        aria-invalid={parsed === null}
        aria-describedby={echoId}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseTimeOfDay(e.target.value);
          if (next !== null && next !== value) onCommit(next);
        }}
      />
      <span id={echoId} className={parsed === null ? 'field-error' : 'field-hint'}>
        {parsed === null ? t('time.invalidTime') : clockTime(parsed, i18n.language)}
      </span>
    </div>
  );
}

/**
 * A date and time ("YYYY-MM-DD HH:MM", the time optional) or nothing. `endOfMinute` makes a bound inclusive: the
 * field has minute precision, so "to 10:15" means until the end of that minute.
 */
export function DateTimeField({
  label,
  value,
  endOfMinute = false,
  onCommit,
}: {
  label: string;
  value: number | null;
  endOfMinute?: boolean;
  onCommit(v: number | null): void;
}) {
  const { t, i18n } = useTranslation();
  const echoId = useId();
  const shown = value === null ? null : endOfMinute ? value - 59_999 : value;
  const [text, setText] = useState(toDateTimeText(shown));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    // Typing "2026-12-0" keeps its text; only a change from elsewhere (Clear) rewrites the field.
    if (parseDateTimeText(text) !== shown) setText(toDateTimeText(shown));
  }
  const parsed = parseDateTimeText(text);
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <label className="field inline">
      <span>{label}</span>
      <input
        type="text"
        className="datetime-text"
        value={text}
        placeholder={t('time.dateTimePlaceholder')}
        aria-invalid={invalid}
        aria-describedby={echoId}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.trim() === '' ? null : parseDateTimeText(e.target.value);
          if (e.target.value.trim() !== '' && next === null) return;
          const bound = next === null ? null : endOfMinute ? next + 59_999 : next;
          if (bound !== value) onCommit(bound);
        }}
      />
      <span id={echoId} className={invalid ? 'field-error' : 'field-echo'}>
        {invalid ? t('time.invalidDateTime') : parsed === null ? '' : dateTimeText(parsed, i18n.language)}
      </span>
    </label>
  );
}
