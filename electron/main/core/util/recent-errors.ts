/** A logger wrapper remembering the last warnings and errors (message text only) for diagnostics. */
import type { Logger } from '../types';

export interface RecordingLogger extends Logger {
  recent(): { at: number; text: string }[];
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return detail.message;
  if (typeof detail === 'string') return detail;
  if (detail && typeof detail === 'object' && 'error' in detail) return String((detail as { error: unknown }).error);
  return '';
}

export function recordingLogger(inner: Logger, now: () => number, keep = 50): RecordingLogger {
  const entries: { at: number; text: string }[] = [];
  const remember = (level: string, message: string, details: unknown[]): void => {
    const extra = details.map(describe).filter(Boolean).join('; ');
    entries.push({ at: now(), text: `${level}: ${message}${extra ? ` (${extra.slice(0, 500)})` : ''}` });
    if (entries.length > keep) entries.shift();
  };
  return {
    debug: (m, ...d) => inner.debug(m, ...d),
    info: (m, ...d) => inner.info(m, ...d),
    warn: (m, ...d) => {
      remember('warn', m, d);
      inner.warn(m, ...d);
    },
    error: (m, ...d) => {
      remember('error', m, d);
      inner.error(m, ...d);
    },
    recent: () => entries.slice(),
  };
}

/** The default: quiet (warnings and errors only) console logging. */
export const quietConsole: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (m, ...d) => console.warn(`[tidings] ${m}`, ...d),
  error: (m, ...d) => console.error(`[tidings] ${m}`, ...d),
};
