/** The core Logger over electron-log: a rotating file (about 5 MB, one old copy kept) in the user-data folder. */
import { join } from 'node:path';
import log from 'electron-log/main';
import type { Logger } from '../core/types';

export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export function createLogger(logsDir: string, options: { verbose?: boolean } = {}): Logger & { file: string } {
  const file = join(logsDir, 'main.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = options.verbose ? 'debug' : 'info';
  log.transports.console.level = options.verbose ? 'debug' : 'warn';
  log.errorHandler.startCatching({ showDialog: false });
  return {
    file,
    debug: (message, ...details) => log.debug(message, ...details),
    info: (message, ...details) => log.info(message, ...details),
    warn: (message, ...details) => log.warn(message, ...details),
    error: (message, ...details) => log.error(message, ...details),
  };
}
