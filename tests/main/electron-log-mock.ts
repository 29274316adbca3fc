/** A silent stand-in for 'electron-log/main': `vi.mock('electron-log/main', () => import('./electron-log-mock'))`. */
export default {
  transports: { file: { resolvePathFn: null, maxSize: 0, level: '' }, console: { level: '' } },
  errorHandler: { startCatching: () => undefined },
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
