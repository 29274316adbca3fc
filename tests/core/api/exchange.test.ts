/**
 * The stream inspector's last request and answer, from core: the response's status and headers (also of a refusal)
 * and the request headers as sent — the feed's secret headers and credentials masked, their values never leaving
 * core; token-carrying query parameters masked in the URL.
 */
import { expect, it } from 'vitest';
import type { Feed, FeedDiagnostics } from '../../../shared/domain';
import { invoke } from '../../../shared/ipc/channels';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { maskUrl } from '../../../electron/main/core/feeds/exchange';
import { dispatch } from '../../../electron/main/core/index';
import { useCoreFixture } from './core-fixture';
import { recordingHost, waitFor } from './host';

const fx = useCoreFixture('tidings-exchange-');

const SECRET = 'Bearer s3cr3t-t0ken';

it('diagnostics carry the last response status and headers and the request headers sent, secrets masked', async () => {
  const { server } = fx;
  const core = await fx.open();
  const handlers = core.createHandlers(recordingHost());
  const added = await dispatch(handlers, invoke.feedsAdd, {
    ...defaultFeedInput(`${server.url}/events?topic=a&access_token=abc123`),
    name: 'Inspected',
    headers: [
      { name: 'Authorization', value: SECRET, secret: true },
      { name: 'X-Api-Key', value: 'k3y-value', secret: true },
      { name: 'X-Client', value: 'desk', secret: false },
    ],
  });
  expect(added.ok).toBe(true);
  const feed = (added as { data: Feed }).data;
  await server.waitForClients(1);
  server.send({ id: 'e1', data: 'hello' });
  const diagnostics = async () =>
    ((await dispatch(handlers, invoke.feedsDiagnostics, { id: feed.id })) as { ok: true; data: FeedDiagnostics }).data;
  await waitFor(() => core.statuses()[0]?.lastEventId === 'e1', 'the event received');

  const open = (await diagnostics()).exchange!;
  expect(open.response).toMatchObject({ status: 200 });
  expect(open.response!.headers).toContainEqual({ name: 'content-type', value: 'text/event-stream; charset=utf-8' });
  const sent = Object.fromEntries(open.request.headers.map((h) => [h.name, h]));
  expect(sent.Authorization).toEqual({ name: 'Authorization', value: '', masked: true });
  expect(sent['X-Api-Key']).toEqual({ name: 'X-Api-Key', value: '', masked: true });
  expect(sent['X-Client']).toEqual({ name: 'X-Client', value: 'desk' });
  expect(sent.Accept).toEqual({ name: 'Accept', value: 'text/event-stream' });
  expect(open.request.url).toBe(`${server.url}/events?topic=a&access_token=***`);
  // What the server really received: the secrets were sent.
  expect(server.requests[0]!.headers.authorization).toBe(SECRET);
  // The secrets appear nowhere in what diagnostics return.
  const text = JSON.stringify(await diagnostics());
  for (const secret of ['s3cr3t', 'k3y-value', 'abc123']) expect(text).not.toContain(secret);

  // A refusal is an exchange too: the 401 and its headers, and the resume id sent with the retry.
  server.setFault('/events', { kind: 'status', status: 401 });
  await dispatch(handlers, invoke.feedsReconnect, { id: feed.id });
  await waitFor(() => core.statuses()[0]?.state === 'stopped', 'stopped');
  const refused = (await diagnostics()).exchange!;
  expect(refused.response!.status).toBe(401);
  expect(refused.request.headers).toContainEqual({ name: 'Last-Event-ID', value: 'e1' });
});

it('masks the values of token-carrying query parameters only', () => {
  expect(maskUrl('https://ntfy.example/alerts/sse?auth=QmFzaWM&since=all')).toBe(
    'https://ntfy.example/alerts/sse?auth=***&since=all',
  );
  expect(maskUrl('https://hub.example/.well-known/mercure?topic=x&authorization=eyJ')).toBe(
    'https://hub.example/.well-known/mercure?topic=x&authorization=***',
  );
  expect(maskUrl('https://example.com/events?topic=a')).toBe('https://example.com/events?topic=a');
});
