/** What the benchmarks share: a core host that does nothing, no keychain, a logger that prints only errors. */
import type { FeedEvent } from '../../electron/main/core/feeds/types';
import type { HostServices, SecretCodec } from '../../electron/main/core/types';

export const noSecrets: SecretCodec = {
  available: false,
  encrypt: () => {
    throw new Error('unavailable');
  },
  decrypt: () => {
    throw new Error('unavailable');
  },
};

export const host: HostServices = {
  openExternal: async () => undefined,
  openLogsFolder: async () => undefined,
  describe: () => ({}),
  systemLocale: () => 'en',
  applySettings: () => undefined,
};

export const quiet = {
  debug() {},
  info() {},
  warn() {},
  error: (m: string, ...d: unknown[]) => console.error(m, ...d),
};

/** The k-th message of a prefilled history: feeds in turn, every 7th an alert, every 10th Chinese, stepMs apart. */
export function historyEvent(k: number, feedIds: readonly string[], t0: number, stepMs: number): FeedEvent {
  return {
    feedId: feedIds[k % feedIds.length] as string,
    type: k % 7 === 0 ? 'alert' : 'message',
    eventId: String(k),
    data:
      k % 10 === 5
        ? `{"n":${k},"text":"订单 ${k % 1000} 已发货至 ${k % 37} 号仓库，请注意查收","pad":"${'p'.repeat(40)}"}`
        : `{"n":${k},"text":"order ${k % 1000} shipped to warehouse ${k % 37}","pad":"${'p'.repeat(40)}"}`,
    truncated: false,
    receivedAt: t0 + k * stepMs,
    backfill: false,
  };
}
