/**
 * "Test connection" in Add feed: one request through the same transport the feeds use (proxy, certificates, a
 * feed's own CA), with the same request headers a connection sends, read as the feed engine reads it (the
 * WHATWG event-stream parser), and then closed. Answers the status, the response headers and the first events —
 * or why it would not work, in the feed engine's own reasons. Nothing is stored.
 */
import type { ConnectionTest } from '../../../../shared/domain';
import { classifyResponse, describeNetworkError, invalidHeader } from '../feeds/errors';
import { EventStreamReader } from '../feeds/stream-reader';
import type { StreamResponse, Transport } from '../net/transport';

export interface ConnectionTestRequest {
  url: string;
  /** The feed's own headers (secret values included). */
  headers: Record<string, string>;
  trustedCa?: string | null;
}

export interface ConnectionTestOptions {
  transport: Transport;
  /** Events to collect before closing. */
  maxEvents?: number;
  /** How long to wait for events once the stream is open. */
  waitMs?: number;
  /** How long to wait for the response headers. */
  timeoutMs?: number;
  /** Characters of each event's data kept for display. */
  dataChars?: number;
}

const responseHeaders = (response: StreamResponse): { name: string; value: string }[] =>
  (response.headers.entries?.() ?? []).map(([name, value]) => ({ name, value }));

export async function testConnection(
  request: ConnectionTestRequest,
  o: ConnectionTestOptions,
): Promise<ConnectionTest> {
  const maxEvents = o.maxEvents ?? 3;
  const dataChars = o.dataChars ?? 2000;
  const result: ConnectionTest = { status: null, url: request.url, headers: [], events: [], reason: null };
  const badHeader = invalidHeader(request.headers);
  if (badHeader !== null) return { ...result, reason: { kind: 'header', name: badHeader } };

  // The headers a feed connection sends (feed-connection.ts): the feed's own, then the event-stream ones.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'accept' && lower !== 'last-event-id' && lower !== 'cache-control') headers[name] = value;
  }
  headers.Accept = 'text/event-stream';
  headers['Cache-Control'] = 'no-cache';

  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), o.timeoutMs ?? 10_000);
  try {
    let response: StreamResponse;
    try {
      response = await o.transport.open({
        url: request.url,
        headers,
        signal: controller.signal,
        trustedCa: request.trustedCa ?? null,
      });
    } catch (error) {
      const timedOut = controller.signal.aborted;
      return {
        ...result,
        reason: timedOut
          ? { kind: 'headersTimeout', seconds: Math.round((o.timeoutMs ?? 10_000) / 1000) }
          : describeNetworkError(error).reason,
      };
    }
    result.status = response.status;
    result.url = response.url || request.url;
    result.headers = responseHeaders(response);
    const refusal = classifyResponse(response.status, response.headers.get('content-type'));
    if (refusal !== null || response.body === null) {
      void response.body?.cancel().catch(() => undefined);
      result.reason = refusal?.reason ?? { kind: 'emptyBody' };
      return result;
    }

    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), o.waitMs ?? 3000);
    const reader = new EventStreamReader(
      { dataCap: dataChars * 4, lineCap: 1024, reportBytes: Number.MAX_SAFE_INTEGER },
      {
        event: (event) => {
          if (result.events.length >= maxEvents) return;
          result.events.push({
            type: event.type,
            id: event.id,
            data: event.data.length > dataChars ? event.data.slice(0, dataChars) : event.data,
            truncated: event.truncated || event.data.length > dataChars,
          });
        },
        lastEventId: () => {},
        retry: () => {},
        problem: () => {},
      },
    );
    const body = response.body.getReader();
    try {
      while (result.events.length < maxEvents && !controller.signal.aborted) {
        const chunk = await body.read();
        if (chunk.done) {
          reader.end();
          if (result.events.length === 0) result.reason = { kind: 'closedByServer' };
          break;
        }
        reader.push(chunk.value);
      }
    } catch (error) {
      // Our own wait ended the read: what arrived so far is the answer.
      if (!controller.signal.aborted) result.reason = describeNetworkError(error).reason;
    } finally {
      void body.cancel().catch(() => undefined);
    }
    return result;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
