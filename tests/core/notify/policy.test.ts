import { describe, expect, it } from 'vitest';
import { createTranslator, type Translator } from '../../../electron/main/core/i18n';
import { NotificationPolicy, passesRule } from '../../../electron/main/core/notify/policy';
import { feed, manualClock, message, settings, utcAt, utcMinutes } from './fixtures';

const orders = feed('f-orders', 'Orders');
const alerts = feed('f-alerts', 'Alerts');
const feeds = [orders, alerts];

function setup(options: { settleMs?: number; cooldownMs?: number; strings?: () => Translator } = {}) {
  const clock = manualClock();
  const policy = new NotificationPolicy({
    clock,
    minutesOfDay: utcMinutes,
    settleMs: 2_000,
    cooldownMs: 15_000,
    ...options,
  });
  return { clock, policy };
}

describe('NotificationPolicy: notify each', () => {
  it('notifies every message under the threshold with feed name, event type and a summary', () => {
    const { policy } = setup();
    const a = message(orders.id, '{"title":"Order 42","message":"paid by card"}');
    const b = message(orders.id, 'first line\nsecond line', { type: 'newOrder' });
    const decisions = policy.decide([a, b], feeds, settings());
    expect(decisions).toEqual([
      {
        kind: 'message',
        feedId: orders.id,
        messageId: a.id,
        title: 'Orders',
        body: 'Order 42: paid by card',
        count: 1,
      },
      { kind: 'message', feedId: orders.id, messageId: b.id, title: 'Orders · newOrder', body: 'first line', count: 1 },
    ]);
    expect(policy.nextFlushAt()).toBeNull();
  });

  it('ignores messages of feeds it does not know (removed meanwhile)', () => {
    const { policy } = setup();
    expect(policy.decide([message('gone', 'x')], feeds, settings())).toEqual([]);
  });
});

describe('NotificationPolicy: per-feed rate limit and digest', () => {
  it('turns a burst larger than digestThreshold into one digest after the settle time', () => {
    const { clock, policy } = setup();
    const burst = Array.from({ length: 12 }, (_, i) => message(orders.id, `order ${i}`));
    expect(policy.decide(burst, feeds, settings({ digestThreshold: 5 }))).toEqual([]);
    expect(policy.nextFlushAt()).toBe(clock.now() + 2_000);
    clock.advance(1_999);
    expect(policy.flush(feeds, settings())).toEqual([]);
    clock.advance(1);
    expect(policy.flush(feeds, settings())).toEqual([
      {
        kind: 'digest',
        feedId: orders.id,
        messageId: burst[11]!.id,
        title: 'Orders',
        body: '12 new messages from Orders',
        count: 12,
      },
    ]);
    expect(policy.nextFlushAt()).toBeNull();
  });

  it('notifies a trickle one by one up to the threshold, then digests the rest of the minute', () => {
    const { clock, policy } = setup();
    const s = settings({ digestThreshold: 3 });
    for (let i = 0; i < 3; i += 1) {
      expect(policy.decide([message(orders.id, `m${i}`)], feeds, s)).toHaveLength(1);
      clock.advance(1_000);
    }
    const held = [message(orders.id, 'm3'), message(orders.id, 'm4')];
    expect(policy.decide([held[0]!], feeds, s)).toEqual([]);
    clock.advance(500);
    expect(policy.decide([held[1]!], feeds, s)).toEqual([]);
    clock.advance(1_500);
    const [digest] = policy.flush(feeds, s);
    expect(digest).toMatchObject({ kind: 'digest', body: '2 new messages from Orders', messageId: held[1]!.id });
    // Other feeds are not limited by this one.
    expect(policy.decide([message(alerts.id, 'disk full')], feeds, s)).toHaveLength(1);
    // A minute later the window is clear: individual notifications again.
    clock.advance(61_000);
    expect(policy.decide([message(orders.id, 'calm again')], feeds, s)).toMatchObject([
      { kind: 'message', body: 'calm again' },
    ]);
  });

  it('shows at most one digest per cooldown while a flood lasts', () => {
    const { clock, policy } = setup();
    const s = settings({ digestThreshold: 2 });
    policy.decide([message(orders.id, 'a'), message(orders.id, 'b'), message(orders.id, 'c')], feeds, s);
    clock.advance(2_000);
    expect(policy.flush(feeds, s)).toMatchObject([{ kind: 'digest', count: 3 }]);
    const digestAt = clock.now();
    clock.advance(100);
    policy.decide([message(orders.id, 'd'), message(orders.id, 'e')], feeds, s);
    expect(policy.nextFlushAt()).toBe(digestAt + 15_000);
    clock.advance(5_000);
    policy.decide([message(orders.id, 'f')], feeds, s);
    expect(policy.flush(feeds, s)).toEqual([]);
    clock.set(digestAt + 15_000);
    expect(policy.flush(feeds, s)).toMatchObject([{ kind: 'digest', count: 3, body: '3 new messages from Orders' }]);
  });

  it('shows a held single message as itself rather than a digest of one', () => {
    const { clock, policy } = setup();
    const s = settings({ digestThreshold: 1 });
    policy.decide([message(orders.id, 'first')], feeds, s);
    const second = message(orders.id, 'second');
    expect(policy.decide([second], feeds, s)).toEqual([]);
    clock.advance(2_000);
    expect(policy.flush(feeds, s)).toEqual([
      { kind: 'message', feedId: orders.id, messageId: second.id, title: 'Orders', body: 'second', count: 1 },
    ]);
  });
});

describe('NotificationPolicy: backfill after a resume', () => {
  it('collapses replayed events from several batches into one "while you were away" digest', () => {
    const { clock, policy } = setup();
    const first = Array.from({ length: 20 }, (_, i) => message(orders.id, `old ${i}`, { backfill: true }));
    const second = Array.from({ length: 10 }, (_, i) => message(orders.id, `old ${20 + i}`, { backfill: true }));
    const live = message(alerts.id, 'live one');
    expect(policy.decide([...first, live], feeds, settings())).toMatchObject([{ kind: 'message', messageId: live.id }]);
    clock.advance(50);
    expect(policy.decide(second, feeds, settings())).toEqual([]);
    clock.advance(2_000);
    expect(policy.flush(feeds, settings())).toEqual([
      {
        kind: 'backfill',
        feedId: orders.id,
        messageId: second[9]!.id,
        title: 'Orders',
        body: '30 messages while you were away',
        count: 30,
      },
    ]);
  });

  it('names the app, not a feed, when the backfill spans feeds', () => {
    const { clock, policy } = setup();
    policy.decide(
      [message(orders.id, 'a', { backfill: true }), message(alerts.id, 'b', { backfill: true })],
      feeds,
      settings(),
    );
    clock.advance(2_000);
    expect(policy.flush(feeds, settings())).toMatchObject([
      { kind: 'backfill', title: 'Tidings', body: '2 messages while you were away', feedId: alerts.id },
    ]);
  });

  it('applies feed rules to backfill too', () => {
    const { clock, policy } = setup();
    const muted = feed('f-muted', 'Muted', { mode: 'off' });
    policy.decide([message(muted.id, 'x', { backfill: true })], [muted], settings());
    clock.advance(5_000);
    expect(policy.flush([muted], settings())).toEqual([]);
    expect(policy.nextFlushAt()).toBeNull();
  });
});

describe('NotificationPolicy: per-feed rules', () => {
  it('mode off never notifies; mode types only the listed event types', () => {
    const { policy } = setup();
    const off = feed('f-off', 'Off', { mode: 'off' });
    const typed = feed('f-typed', 'Typed', { mode: 'types', types: ['alert'] });
    const decisions = policy.decide(
      [
        message(off.id, 'x'),
        message(typed.id, 'ignored', { type: 'heartbeat' }),
        message(typed.id, 'fire!', { type: 'alert' }),
      ],
      [off, typed],
      settings(),
    );
    expect(decisions.map((d) => d.body)).toEqual(['fire!']);
  });

  it('keyword include and exclude match case-insensitively, exclude wins', () => {
    const rule = { mode: 'all' as const, types: [], include: ['ERROR', 'failed'], exclude: ['test'] };
    expect(passesRule(rule, { type: 'message', data: 'Job FAILED on prod' })).toBe(true);
    expect(passesRule(rule, { type: 'message', data: 'error in test suite' })).toBe(false);
    expect(passesRule(rule, { type: 'message', data: 'all good' })).toBe(false);
    expect(passesRule({ ...rule, include: [] }, { type: 'message', data: 'all good' })).toBe(true);
    expect(passesRule({ ...rule, include: [] }, { type: 'message', data: 'A Test run' })).toBe(false);
  });

  it('filtered messages do not count toward the rate limit', () => {
    const { policy } = setup();
    const picky = feed('f-picky', 'Picky', { include: ['urgent'] });
    const s = settings({ digestThreshold: 2 });
    const batch = [
      ...Array.from({ length: 10 }, (_, i) => message(picky.id, `noise ${i}`)),
      message(picky.id, 'URGENT: disk'),
    ];
    expect(policy.decide(batch, [picky], s)).toMatchObject([{ kind: 'message', body: 'URGENT: disk' }]);
  });
});

describe('NotificationPolicy: do not disturb', () => {
  it('"until" suppresses until the given time, then notifies again', () => {
    const { clock, policy } = setup();
    const s = settings({ dnd: { mode: 'until', until: clock.now() + 60_000, quietStart: '22:00', quietEnd: '07:00' } });
    expect(policy.decide([message(orders.id, 'shh')], feeds, s)).toEqual([]);
    clock.advance(60_000);
    expect(policy.decide([message(orders.id, 'hello')], feeds, s)).toHaveLength(1);
  });

  it('"until" without an end suppresses until turned off', () => {
    const { clock, policy } = setup();
    const s = settings({ dnd: { mode: 'until', until: null, quietStart: '22:00', quietEnd: '07:00' } });
    clock.advance(10 * 86_400_000);
    expect(policy.decide([message(orders.id, 'shh')], feeds, s)).toEqual([]);
  });

  it('quiet hours across midnight (22:00–07:00) suppress late evening and early morning only', () => {
    const { clock, policy } = setup();
    const s = settings({ dnd: { mode: 'quiet-hours', until: null, quietStart: '22:00', quietEnd: '07:00' } });
    const at = (hh: number, mm: number) => {
      clock.set(utcAt(5, hh, mm));
      return policy.decide([message(alerts.id, `${hh}:${mm}`)], feeds, s).length;
    };
    expect(at(21, 59)).toBe(1);
    expect(at(22, 0)).toBe(0);
    expect(at(23, 30)).toBe(0);
    expect(at(0, 0)).toBe(0);
    expect(at(6, 59)).toBe(0);
    expect(at(7, 0)).toBe(1);
    expect(at(12, 0)).toBe(1);
  });

  it('quiet hours within one day (13:00–14:00)', () => {
    const { clock, policy } = setup();
    const s = settings({ dnd: { mode: 'quiet-hours', until: null, quietStart: '13:00', quietEnd: '14:00' } });
    clock.set(utcAt(6, 13, 30));
    expect(policy.decide([message(alerts.id, 'x')], feeds, s)).toEqual([]);
    clock.set(utcAt(6, 23, 30));
    expect(policy.decide([message(alerts.id, 'y')], feeds, s)).toHaveLength(1);
  });

  it('drops digests that were held when do-not-disturb begins', () => {
    const { clock, policy } = setup();
    const burst = Array.from({ length: 9 }, (_, i) => message(orders.id, `o${i}`));
    policy.decide(burst, feeds, settings());
    clock.advance(2_000);
    const dnd = settings({
      dnd: { mode: 'until', until: clock.now() + 1_000, quietStart: '22:00', quietEnd: '07:00' },
    });
    expect(policy.flush(feeds, dnd)).toEqual([]);
    clock.advance(1_000);
    expect(policy.flush(feeds, settings())).toEqual([]);
    expect(policy.nextFlushAt()).toBeNull();
  });
});

describe('NotificationPolicy: language of digests', () => {
  it('digest and backfill texts are Simplified Chinese with a zh-CN translator; single messages stay as sent', () => {
    const { clock, policy } = setup({ strings: () => createTranslator('zh-CN') });
    const single = message(alerts.id, '{"title":"磁盘","message":"快满了"}');
    expect(policy.decide([single], feeds, settings())).toMatchObject([
      { kind: 'message', title: 'Alerts', body: '磁盘: 快满了' },
    ]);
    const burst = Array.from({ length: 12 }, (_, i) => message(orders.id, `order ${i}`));
    policy.decide(burst, feeds, settings({ digestThreshold: 5 }));
    policy.decide(
      [message(orders.id, 'a', { backfill: true }), message(alerts.id, 'b', { backfill: true })],
      feeds,
      settings(),
    );
    clock.advance(2_000);
    const released = policy.flush(feeds, settings());
    expect(released.map(({ kind, title, body }) => ({ kind, title, body }))).toEqual([
      { kind: 'digest', title: 'Orders', body: '来自 Orders 的 12 条新消息' },
      { kind: 'backfill', title: 'Tidings', body: '离开期间收到 2 条消息' },
    ]);
  });

  it('reads the translator when a digest is released, so a language change applies to held digests', () => {
    let strings = createTranslator('en');
    const { clock, policy } = setup({ strings: () => strings });
    policy.decide(
      Array.from({ length: 3 }, (_, i) => message(orders.id, `x${i}`, { backfill: true })),
      feeds,
      settings(),
    );
    strings = createTranslator('zh-CN');
    clock.advance(2_000);
    expect(policy.flush(feeds, settings())).toMatchObject([{ kind: 'backfill', body: '离开期间收到 3 条消息' }]);
  });

  it('speaks English by default, with the singular for one backfilled message', () => {
    const { clock, policy } = setup();
    policy.decide([message(orders.id, 'only', { backfill: true })], feeds, settings());
    clock.advance(2_000);
    expect(policy.flush(feeds, settings())).toMatchObject([
      { kind: 'backfill', body: '1 message while you were away' },
    ]);
  });
});
