export { FeedHub } from './feed-hub';
export type { ConnectionConfig, FeedEvent, HubOptions, BackoffOptions } from './types';
export { backoffPolicy, reconnectDelay, clampRetry, parseRetryAfter, MAX_TIMER_MS } from './backoff';
export { describeNetworkError, classifyResponse } from './errors';
