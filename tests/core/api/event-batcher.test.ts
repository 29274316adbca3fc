import { describe, expect, it } from 'vitest';
import type { FeedStatus, Message } from '../../../shared/domain';
import { push, type PushChannel } from '../../../shared/ipc/channels';
import { EventBatcher } from '../../../electron/main/core/api/event-batcher';
import { FakeTime } from '../ingest/fake-time';
import { captureLogger } from '../store/helpers';

const msg = (id: number): Message => ({
  id,
  feedId: 'a',
  type: 'message',
  eventId: String(id),
  data: 'x',
  truncated: false,
  receivedAt: 0,
  read: false,
  backfill: false,
  starred: false,
  size: 1,
  preview: false,
});

function setup(storeBusy?: () => boolean) {
  const time = new FakeTime();
  let unreadCalls = 0;
  const status: FeedStatus[] = [];
  const batcher = new EventBatcher({
    timers: time,
    clock: time,
    logger: captureLogger(),
    unread: () => ({ a: ++unreadCalls }),
    statuses: () => status,
    ...(storeBusy ? { storeBusy, intervalMs: 16 } : {}),
  });
  const sent: { channel: PushChannel; payload: unknown; at: number }[] = [];
  batcher.addSink((channel, payload) => sent.push({ channel, payload, at: time.now() }));
  return { time, batcher, sent };
}

describe('EventBatcher', () => {
  it('pushes the first batch at once, then at most once per 32 ms with everything accumulated', () => {
    const { time, batcher, sent } = setup();
    const t0 = time.now();
    batcher.messagesStored([msg(1)]);
    time.advance(0);
    expect(
      sent.filter((s) => s.channel === push.messages).map((s) => (s.payload as Message[]).map((m) => m.id)),
    ).toEqual([[1]]);
    for (let i = 2; i <= 10; i++) {
      time.advance(3);
      batcher.messagesStored([msg(i)]);
    }
    time.advance(100);
    const pushes = sent.filter((s) => s.channel === push.messages);
    expect(pushes.map((s) => (s.payload as Message[]).map((m) => m.id))).toEqual([[1], [2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(pushes[1]!.at - t0).toBe(32);
    // unread follows each message push with the current counts, once per flush
    expect(sent.filter((s) => s.channel === push.unread)).toHaveLength(2);
    const gaps = pushes.slice(1).map((p, i) => p.at - pushes[i]!.at);
    expect(gaps.every((g) => g >= 32)).toBe(true);
  });

  it('spaces pushes under a steady stream and loses nothing', () => {
    const { time, batcher, sent } = setup();
    for (let i = 1; i <= 1000; i++) {
      batcher.messagesStored([msg(i)]);
      time.advance(1);
    }
    time.advance(100);
    const pushes = sent.filter((s) => s.channel === push.messages);
    expect(pushes.flatMap((p) => (p.payload as Message[]).map((m) => m.id))).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil(1000 / 32) + 2);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(32);
  });

  it('by load: with the store idle every stored batch goes out at once, its unread counts at frame scale', () => {
    let busy = false;
    const { time, batcher, sent } = setup(() => busy);
    // 1,000 events/s, each stored while nothing else is queued: each is pushed the moment it is stored.
    for (let i = 1; i <= 1000; i++) {
      const before = sent.filter((s) => s.channel === push.messages).length;
      batcher.messagesStored([msg(i)]);
      expect(sent.filter((s) => s.channel === push.messages).length).toBe(before + 1);
      time.advance(1);
    }
    time.advance(100);
    const messages = sent.filter((s) => s.channel === push.messages);
    expect(messages.flatMap((p) => (p.payload as Message[]).map((m) => m.id))).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    // The counts follow, at most once per interval, and the last one comes after the last message.
    const unread = sent.filter((s) => s.channel === push.unread);
    expect(unread.length).toBeGreaterThanOrEqual(1000 / 16 - 2);
    expect(unread.length).toBeLessThanOrEqual(1000 / 16 + 2);
    for (let i = 1; i < unread.length; i++) expect(unread[i]!.at - unread[i - 1]!.at).toBeGreaterThanOrEqual(16);
    expect(unread.at(-1)!.at).toBeGreaterThanOrEqual(messages.at(-1)!.at);
    // While writes are queued, stored batches wait: after a quiet period the first goes out on the next tick,
    // the rest together when the interval is over.
    sent.length = 0;
    busy = true;
    for (let i = 1001; i <= 1010; i++) {
      batcher.messagesStored([msg(i)]);
      time.advance(1);
    }
    time.advance(50);
    expect(
      sent.filter((s) => s.channel === push.messages).map((s) => (s.payload as Message[]).map((m) => m.id).length),
    ).toEqual([1, 9]);
  });

  it('coalesces status changes into one push of all statuses', () => {
    const { time, batcher, sent } = setup();
    batcher.statusChanged();
    batcher.statusChanged();
    batcher.statusChanged();
    time.advance(50);
    expect(sent.filter((s) => s.channel === push.feedStatus).map((s) => (s.payload as FeedStatus[]).length)).toEqual([
      0,
    ]);
  });

  it('refreshes statuses for counter changes at most once per second', () => {
    const { time, batcher, sent } = setup();
    for (let i = 0; i < 300; i++) {
      batcher.countersChanged();
      time.advance(10);
    }
    const statusPushes = sent.filter((s) => s.channel === push.feedStatus);
    expect(statusPushes.length).toBeGreaterThanOrEqual(3);
    expect(statusPushes.length).toBeLessThanOrEqual(4);
  });

  it('sends rare pushes immediately and survives a failing sink', () => {
    const { batcher, sent } = setup();
    batcher.addSink(() => {
      throw new Error('window gone');
    });
    batcher.send(push.feeds, []);
    expect(sent.map((s) => s.channel)).toEqual([push.feeds]);
  });
});
