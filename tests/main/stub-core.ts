/**
 * A hand-driven stand-in for the core, for adapter tests that check what an adapter calls and shows. The real
 * core is used in integration.test.ts; here the point is the adapter's own behaviour.
 */
import { vi } from 'vitest';
import { defaultSettings, type Feed, type FeedStatus, type Message, type Settings } from '../../shared/domain';
import type { PushChannel } from '../../shared/ipc/channels';
import type { PayloadOf, PushSink } from '../../shared/ipc/contract';

export function createStubCore() {
  const stored = new Set<(messages: Message[]) => void>();
  const statusListeners = new Set<(statuses: FeedStatus[]) => void>();
  const sinks = new Set<PushSink>();
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
    onStored(listener: (messages: Message[]) => void) {
      stored.add(listener);
      return () => stored.delete(listener);
    },
    onStatus(listener: (statuses: FeedStatus[]) => void) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onPush(sink: PushSink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    /** Test controls. */
    emitStored(messages: Message[]) {
      for (const l of stored) l(messages);
    },
    /** A push as core's batcher would send it (unread counts, settings, feeds). */
    emitPush<C extends PushChannel>(channel: C, payload: PayloadOf<C>) {
      for (const sink of sinks) sink(channel, payload);
    },
    setStatuses(statuses: FeedStatus[]) {
      state.statuses = statuses;
      for (const l of statusListeners) l(statuses);
    },
    listenerCounts: () => ({ stored: stored.size, status: statusListeners.size, push: sinks.size }),
  };
  return core;
}

export type StubCore = ReturnType<typeof createStubCore>;

export const silentLogger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
