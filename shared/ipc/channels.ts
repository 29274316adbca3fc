/**
 * The IPC channel map: names only, no schemas, so the preload can import it.
 * invoke: renderer → main (request/response). push: main → renderer (payload).
 */
export const invoke = {
  appSnapshot: 'tidings:app:snapshot',
  appDiagnostics: 'tidings:app:diagnostics',
  appOpenLogs: 'tidings:app:open-logs',
  appOpenExternal: 'tidings:app:open-external',
  feedsAdd: 'tidings:feeds:add',
  feedsUpdate: 'tidings:feeds:update',
  feedsRemove: 'tidings:feeds:remove',
  feedsReconnect: 'tidings:feeds:reconnect',
  feedsPauseAll: 'tidings:feeds:pause-all',
  feedsResumeAll: 'tidings:feeds:resume-all',
  feedsReconnectAll: 'tidings:feeds:reconnect-all',
  feedsDiagnostics: 'tidings:feeds:diagnostics',
  feedsExport: 'tidings:feeds:export',
  feedsImport: 'tidings:feeds:import',
  messagesList: 'tidings:messages:list',
  messagesGet: 'tidings:messages:get',
  messagesMarkRead: 'tidings:messages:mark-read',
  messagesMarkViewRead: 'tidings:messages:mark-view-read',
  messagesMarkUnread: 'tidings:messages:mark-unread',
  messagesStar: 'tidings:messages:star',
  messagesDelete: 'tidings:messages:delete',
  messagesClearFeed: 'tidings:messages:clear-feed',
  settingsGet: 'tidings:settings:get',
  settingsUpdate: 'tidings:settings:update',
} as const;

export const push = {
  messages: 'tidings:push:messages',
  feedStatus: 'tidings:push:feed-status',
  feeds: 'tidings:push:feeds',
  unread: 'tidings:push:unread',
  settings: 'tidings:push:settings',
  navigate: 'tidings:push:navigate',
} as const;

export type InvokeChannel = (typeof invoke)[keyof typeof invoke];
export type PushChannel = (typeof push)[keyof typeof push];

export const invokeChannels: readonly InvokeChannel[] = Object.values(invoke);
export const pushChannels: readonly PushChannel[] = Object.values(push);
