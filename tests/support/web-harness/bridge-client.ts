/**
 * Browser side of the web harness transport (bundled by index.ts, served as /__harness/bridge.js — a same-origin
 * file, so the renderer's CSP `script-src 'self'` allows it). Builds `window.api` with the shared bindApi over:
 *   invoke → POST /api/invoke/<channel> (JSON body, Result JSON back)
 *   pushes ← GET /api/push (an EventSource; the SSE event name is the push channel)
 * The renderer cannot tell this from the Electron preload. Test-only: never part of the app build.
 */
import { bindApi, type ApiTransport } from '../../../shared/ipc/bind-api';

interface MessageEventLike {
  data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: string, listener: (event: MessageEventLike) => void): void;
}
type EventSourceCtor = new (url: string) => EventSourceLike;

const g = globalThis as unknown as { EventSource: EventSourceCtor; api?: unknown; __harnessPushReady?: Promise<void> };
const source = new g.EventSource('./api/push');

// Invokes wait until the push stream is open, so the snapshot can never miss a push that follows it.
const ready = new Promise<void>((resolve) => {
  source.addEventListener('open', () => resolve());
  setTimeout(resolve, 5000);
});
g.__harnessPushReady = ready;

const transport: ApiTransport = {
  async invoke(channel, request) {
    await ready;
    const response = await fetch(`./api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request === undefined ? null : request),
    });
    return (await response.json()) as never;
  },
  listen(channel, listener) {
    const handler = (event: MessageEventLike): void => listener(JSON.parse(event.data) as never);
    source.addEventListener(channel, handler);
    return () => source.removeEventListener(channel, handler);
  },
};

g.api = bindApi(transport);
