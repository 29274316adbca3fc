export { FeedHub } from './feed-hub';
export type { ConnectionConfig, CursorMove, FeedEvent, HubOptions, BackoffOptions } from './types';
export { backoffPolicy, reconnectDelay, retryDelay, clampRetry, parseRetryAfter, MAX_TIMER_MS } from './backoff';
export { describeNetworkError, classifyResponse } from './errors';
