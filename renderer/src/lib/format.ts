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
function dtf(locale: string, style: 'absolute' | 'short' | 'date' | 'until'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = dtfCache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'absolute'
        ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }
        : style === 'short'
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
          : style === 'until'
            ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
            : { month: 'short', day: 'numeric', year: 'numeric' };
    f = new Intl.DateTimeFormat(locale, options);
    dtfCache.set(key, f);
  }
  return f;
}

export function relativeTime(at: number, now: number, locale: string): string {
  const diff = Math.round((at - now) / 1000);
  const abs = Math.abs(diff);
  if (abs < 10) return rtf(locale).format(0, 'second');
  if (abs < 60) return rtf(locale).format(diff, 'second');
  if (abs < 3600) return rtf(locale).format(Math.round(diff / 60), 'minute');
  if (abs < 86_400) return rtf(locale).format(Math.round(diff / 3600), 'hour');
  if (abs < 86_400 * 7) return rtf(locale).format(Math.round(diff / 86_400), 'day');
  return dtf(locale, 'date').format(at);
}

export function absoluteTime(at: number, locale: string): string {
  return dtf(locale, 'absolute').format(at);
}

/** An end time in the near future: "Sun 08:00". */
export function untilTime(at: number, locale: string): string {
  return dtf(locale, 'until').format(at);
}

export function shortTime(at: number, locale: string): string {
  return dtf(locale, 'short').format(at);
}

export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(locale, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

export function formatCount(n: number, locale: string): string {
  return n.toLocaleString(locale);
}

/** "HH:MM" local time → epoch ms for a datetime-local value, and back. */
export function toDateTimeLocal(at: number | null): string {
  if (at === null) return '';
  const d = new Date(at);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromDateTimeLocal(value: string): number | null {
  if (!value) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}
