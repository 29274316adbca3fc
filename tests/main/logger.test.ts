import { describe, expect, it, vi } from 'vitest';

const fakeLog = vi.hoisted(() => ({
  transports: { file: { resolvePathFn: null as null | (() => string), maxSize: 0, level: '' }, console: { level: '' } },
  errorHandler: { startCatching: vi.fn() },
  debug: vi.fn(),
  info: vi.fn(),
  warn: vi.fn(),
  error: vi.fn(),
}));
vi.mock('electron-log/main', () => ({ default: fakeLog }));

import { LOG_MAX_BYTES, createLogger } from '../../electron/main/platform/logger';

describe('logger', () => {
  it('writes a rotating ~5 MB file in the logs folder and forwards every level', () => {
    const logger = createLogger('/data/logs');
    expect(logger.file).toBe('/data/logs/main.log');
    expect(fakeLog.transports.file.resolvePathFn?.()).toBe('/data/logs/main.log');
    expect(fakeLog.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(fakeLog.errorHandler.startCatching).toHaveBeenCalledWith({ showDialog: false });
    logger.warn('feed stopped', { id: 'f1' });
    logger.error('boom');
    expect(fakeLog.warn).toHaveBeenCalledWith('feed stopped', { id: 'f1' });
    expect(fakeLog.error).toHaveBeenCalledWith('boom');
  });
});
