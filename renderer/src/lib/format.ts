/** Locale-aware formatting helpers; the locale is the UI language. */

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();
function rtf(locale: string): Intl.RelativeTimeFormat {
  let f = rtfCache.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'narrow' });
    rtfCache.set(locale, f);
  }
  return f;
}

// Intl formatters are expensive to create (Date#toLocaleString builds one per call): keep one per locale and style.
const dtfCache = new Map<string, Intl.DateTimeFormat>();
type DateStyle = 'absolute' | 'short' | 'date' | 'until' | 'clock' | 'datetime' | 'day';
const dateStyles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  absolute: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  short: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  until: { weekday: 'short', hour: '2-digit', minute: '2-digit' },
  date: { month: 'short', day: 'numeric', year: 'numeric' },
  clock: { hour: 'numeric', minute: '2-digit' },
  datetime: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  day: { weekday: 'long', month: 'long', day: 'numeric' },
};
function dtf(locale: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = dtfCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, dateStyles[style]);
    dtfCache.set(key, f);
  }
  return f;
}

// The list formats the time of every row it shows, on every live batch. Rows share a few distinct texts ("now",
// "2 min ago"), so each text is formatted once and looked up after (a handful per locale; cleared if it grows).
const relativeCache = new Map<string, string>();
function relative(locale: string, value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = `${locale}|${unit}|${value}`;
  let text = relativeCache.get(key);
  if (text === undefined) {
    if (relativeCache.size > 1000) relativeCache.clear();
    text = rtf(locale).format(value, unit);
    relativeCache.set(key, text);
  }
  return text;
}

export function relativeTime(at: number, now: number, locale: string): string {
  const diff = Math.round((at - now) / 1000);
  const abs = Math.abs(diff);
  if (abs < 10) return relative(locale, 0, 'second');
  if (abs < 60) return relative(locale, diff, 'second');
  if (abs < 3600) return relative(locale, Math.round(diff / 60), 'minute');
  if (abs < 86_400) return relative(locale, Math.round(diff / 3600), 'hour');
  if (abs < 86_400 * 7) return relative(locale, Math.round(diff / 86_400), 'day');
  return dtf(locale, 'date').format(at);
}

// Exact times have one-second precision. The list shows one per row, and at the live edge every row shows a new
// message on every batch: the messages of one second (hundreds, in a burst) share one machine-readable and one
// exact text. Kept per locale; cleared if it grows.
const secondTexts = new Map<number, { iso: string; exact: string }>();
let secondTextsLocale = '';

/** A time's ISO text (to the second, for `<time dateTime>`) and its exact text in the locale, shared per second. */
export function secondTimes(at: number, locale: string): { iso: string; exact: string } {
  if (locale !== secondTextsLocale || secondTexts.size > 4096) {
    secondTexts.clear();
    secondTextsLocale = locale;
  }
  const second = Math.floor(at / 1000);
  let texts = secondTexts.get(second);
  if (texts === undefined) {
    texts = { iso: new Date(second * 1000).toISOString(), exact: dtf(locale, 'absolute').format(second * 1000) };
    secondTexts.set(second, texts);
  }
  return texts;
}

export function absoluteTime(at: number, locale: string): string {
  return secondTimes(at, locale).exact;
}

/** An end time in the near future: "Sun 08:00". */
export function untilTime(at: number, locale: string): string {
  return dtf(locale, 'until').format(at);
}

export function shortTime(at: number, locale: string): string {
  return dtf(locale, 'short').format(at);
}

// Number#toLocaleString builds a formatter per call too (about 0.3 ms: a message opened from the list paid it).
const nfCache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}`;
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits });
    nfCache.set(key, f);
  }
  return f;
}

export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${nf(locale, i === 0 ? 0 : 1).format(v)} ${units[i]}`;
}

export function formatCount(n: number, locale: string): string {
  return nf(locale, 3).format(n);
}

const pad = (x: number) => String(x).padStart(2, '0');

/** Epoch ms → "YYYY-MM-DD HH:MM" local time (the typed form of a date-time field); '' for none. */
export function toDateTimeText(at: number | null): string {
  if (at === null) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" (local time) → epoch ms; null when it is no such date. */
export function parseDateTimeText(text: string): number | null {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(y, mo - 1, d, h, mi);
  // new Date rolls 2026-02-31 over into March: such a date was not what the user meant.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59) return null;
  return date.getTime();
}

/** "H:MM" or "HH:MM" (24-hour) → "HH:MM"; null when it is no time of day. */
export function parseTimeOfDay(text: string): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h <= 23 && mi <= 59 ? `${pad(h)}:${pad(mi)}` : null;
}

/** "HH:MM" said the window's way ("9:30 PM", "21:30"). */
export function clockTime(hhmm: string, locale: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return dtf(locale, 'clock').format(new Date(2000, 0, 1, h, m));
}

/** A day in the list's separators, the window's way ("Monday, November 30", "11月30日星期一"). */
export function dayText(at: number, locale: string): string {
  return dtf(locale, 'day').format(at);
}

/** A date with its time, the window's way ("Tue, Dec 1, 2026, 08:00", "2026年12月1日周二 08:00"). */
export function dateTimeText(at: number, locale: string): string {
  return dtf(locale, 'datetime').format(at);
}
