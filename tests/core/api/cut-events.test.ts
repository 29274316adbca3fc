/**
 * A cut-off event keeps its original size: the engine counts the bytes the server sent past the 1 MiB cap, the
 * message stores them (messages.original_size), and the window gets them with the message (list previews and
 * messages:get) — so the detail can say "original size 1.5 MB, cut at 1 MiB" instead of the stored size.
 */
import { expect, it } from 'vitest';
import type { Message, MessagePage } from '../../../shared/domain';
import { invoke, push } from '../../../shared/ipc/channels';
import { dispatch } from '../../../electron/main/core/index';
import { useCoreFixture } from './core-fixture';
import { recordingHost, waitFor } from './host';

const fx = useCoreFixture('tidings-cut-');

const MiB = 1024 * 1024;

it('stores and returns the original size of an event cut at 1 MiB, and none for one that fits', async () => {
  const { server } = fx;
  let core = await fx.open();
  const pushed: Message[] = [];
  core.onPush((channel, payload) => {
    if (channel === push.messages) pushed.push(...(payload as Message[]));
  });
  const handlers = core.createHandlers(recordingHost());
  const feed = await core.addFeedFromUrl(`${server.url}/events`);
  await server.waitForClients(1);
  // 1.5 MiB of JSON: an array of records, cut part-way through by the cap.
  const record = JSON.stringify({ orderId: 12345, item: 'coffee beans', note: 'x'.repeat(60) });
  const records: string[] = [];
  let bytes = 2;
  while (bytes < 1.5 * MiB) {
    records.push(record);
    bytes += record.length + 1;
  }
  const big = `[${records.join(',')}]`;
  await server.writeRaw(`id: big\ndata: ${big}\n\nid: small\ndata: {"ok":true}\n\n`, { chunkSize: 256 * 1024 });
  await waitFor(() => pushed.length === 2, 'two messages', 10_000);
  await core.flush();

  const [cut, small] = pushed;
  expect(cut).toMatchObject({ eventId: 'big', truncated: true, originalSize: Buffer.byteLength(big) });
  expect(cut!.size).toBe(MiB);
  expect(small!.truncated).toBe(false);
  expect(small!.originalSize).toBeUndefined();

  const page = (await dispatch(handlers, invoke.messagesList, { feedId: feed.id })) as { ok: true; data: MessagePage };
  expect(page.data.items.map((m) => [m.eventId, m.originalSize])).toEqual([
    ['small', undefined],
    ['big', Buffer.byteLength(big)],
  ]);
  // After a restart, from the database.
  await fx.close(core);
  core = await fx.open();
  const got = (await dispatch(core.createHandlers(recordingHost()), invoke.messagesGet, { id: cut!.id })) as {
    ok: true;
    data: Message;
  };
  expect(got.data).toMatchObject({ truncated: true, size: MiB, originalSize: Buffer.byteLength(big) });
});
