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

function setup() {
  const time = new FakeTime();
  let unreadCalls = 0;
  const status: FeedStatus[] = [];
  const batcher = new EventBatcher({
    timers: time,
    clock: time,
    logger: captureLogger(),
    unread: () => ({ a: ++unreadCalls }),
    statuses: () => status,
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
