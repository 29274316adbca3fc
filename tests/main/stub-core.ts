/**
 * A hand-driven stand-in for the core, for adapter tests that check what an adapter calls and shows. The real
 * core is used in integration.test.ts; here the point is the adapter's own behaviour. Its domain events use core's
 * own Emitter; updateSettings tells onDidChangeSettings, as the real one does.
 */
import { vi } from 'vitest';
import { defaultSettings, type Feed, type FeedStatus, type Message, type Settings } from '../../shared/domain';
import { Emitter } from '../../electron/main/core/util/emitter';

export function createStubCore() {
  const stored = new Emitter<Message[]>('onDidStoreMessages');
  const status = new Emitter<FeedStatus>('onDidChangeStatus');
  const unread = new Emitter<void>('onDidChangeUnread');
  const settings = new Emitter<Settings>('onDidChangeSettings');
  const feeds = new Emitter<Feed[]>('onDidChangeFeeds');
  const state = {
    feeds: [] as Feed[],
    statuses: [] as FeedStatus[],
    settings: structuredClone(defaultSettings) as Settings,
    unread: 0,
  };
  const core = {
    state,
    feeds: () => state.feeds,
    statuses: () => state.statuses,
    settings: () => state.settings,
    unreadTotal: () => state.unread,
    updateSettings: vi.fn((patch: Partial<Settings>) => {
      state.settings = { ...state.settings, ...patch };
      settings.fire(state.settings);
      return state.settings;
    }),
    pauseAll: vi.fn(() => {
      state.statuses = state.statuses.map((s) => ({ ...s, state: 'paused' as const }));
    }),
    resumeAll: vi.fn(() => {
      state.statuses = state.statuses.map((s) => ({ ...s, state: 'open' as const }));
    }),
    reconnectAll: vi.fn(() => {
      state.statuses = state.statuses.map((s) => ({ ...s, state: 'connecting' as const }));
    }),
    addFeedFromUrl: vi.fn(async (url: string): Promise<Feed> => ({ id: 'added', url }) as Feed),
    close: vi.fn(async () => undefined),
    onDidStoreMessages: stored.event,
    onDidChangeStatus: status.event,
    onDidChangeUnread: unread.event,
    onDidChangeSettings: settings.event,
    onDidChangeFeeds: feeds.event,
    /** Test controls. */
    emitStored(messages: Message[]) {
      stored.fire(messages);
    },
    /** Unread counts changed (state.unread holds the new total). */
    changeUnread() {
      unread.fire();
    },
    /** Settings changed elsewhere (state.settings holds them). */
    changeSettings() {
      settings.fire(state.settings);
    },
    setStatuses(statuses: FeedStatus[]) {
      state.statuses = statuses;
      for (const s of statuses) status.fire(s);
    },
    listenerCounts: () => ({
      stored: stored.listenerCount,
      status: status.listenerCount,
      unread: unread.listenerCount,
      settings: settings.listenerCount,
      feeds: feeds.listenerCount,
    }),
  };
  return core;
}

export type StubCore = ReturnType<typeof createStubCore>;

export const silentLogger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
