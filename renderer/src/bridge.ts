/**
 * The only module that reads `window.api`. In the app the preload exposes it through contextBridge; in the web
 * harness a same-origin script builds it over a loopback transport. Everything else in the renderer imports `api()`.
 */
import type { TidingsApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    api?: TidingsApi;
  }
}

export function hasApi(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}

export function api(): TidingsApi {
  const bound = window.api;
  if (!bound) throw new Error('window.api is missing: the preload (or the web harness bridge) did not run');
  return bound;
}
