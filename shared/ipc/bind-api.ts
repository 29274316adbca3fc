/**
 * Builds a TidingsApi object over any transport, from the contract: one function per invoke channel, grouped by
 * noun (`api.feeds.add`), and one listener per push (`api.onFeedStatus`). The preload binds it to ipcRenderer;
 * the browser test harness binds it to a loopback HTTP transport (fetch + EventSource). One shape, so the
 * renderer cannot tell them apart. The result is a plain object of functions, as contextBridge requires.
 */
import {
  invokeEntries,
  pushEntries,
  type InvokeChannel,
  type PayloadOf,
  type PushChannel,
  type RequestOf,
  type ResponseOf,
  type TidingsApi,
} from './contract';
import type { Result } from '../result';

export interface ApiTransport {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  listen<C extends PushChannel>(channel: C, listener: (payload: PayloadOf<C>) => void): () => void;
}

export function bindApi(t: ApiTransport): TidingsApi {
  const api: Record<string, unknown> = {};
  for (const { noun, verb, channel } of invokeEntries) {
    const group = (api[noun] ??= {}) as Record<string, unknown>;
    group[verb] = (request?: unknown) => t.invoke(channel, request as never);
  }
  for (const { channel, listener } of pushEntries) {
    api[listener] = (callback: (payload: unknown) => void) => t.listen(channel, callback);
  }
  return api as TidingsApi;
}
