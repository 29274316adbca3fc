/** The notification policy and message priority (what a server profile read out of a message). */
import { describe, expect, test } from 'vitest';
import { NotificationPolicy } from '../../../electron/main/core/notify/policy';
import { emptyMapped } from '../../../electron/main/core/profiles/fields';
import type { Message } from '../../../shared/domain';
import type { Priority } from '../../../shared/message-fields';
import { feed, manualClock, message, settings } from '../notify/fixtures';

function withPriority(feedId: string, data: string, priority: Priority | null, title: string | null = null): Message {
  return message(feedId, data, {
    fields: { ...emptyMapped(), title, body: data, priority },
  });
}

describe('notification policy: priority', () => {
  test('low priority (1–2) is stored silently by default; none stated counts as 3; a feed may lower its minimum', () => {
    const policy = new NotificationPolicy({ clock: manualClock() });
    const alerts = feed('a', 'Alerts');
    const decided = policy.decide(
      [
        withPriority('a', 'min', 1),
        withPriority('a', 'low', 2),
        withPriority('a', 'default', 3),
        message('a', 'plain'),
      ],
      [alerts],
      settings(),
    );
    expect(decided.map((d) => d.body)).toEqual(['default', 'plain']);

    const chatty = feed('c', 'Chatty', { minPriority: 1 });
    expect(policy.decide([withPriority('c', 'min', 1)], [chatty], settings()).map((d) => d.body)).toEqual(['min']);
    const picky = feed('p', 'Picky', { minPriority: 4 });
    const only = policy.decide([withPriority('p', 'normal', 3), withPriority('p', 'high', 4)], [picky], settings());
    expect(only.map((d) => d.body)).toEqual(['high']);
  });

  test('an urgent message breaks through a burst’s digest and is marked urgent; the title carries the profile’s title', () => {
    const clock = manualClock();
    const policy = new NotificationPolicy({ clock });
    const alerts = feed('a', 'Alerts');
    const burst = Array.from({ length: 10 }, (_, i) => message('a', `m${i}`));
    expect(policy.decide(burst, [alerts], settings({ digestThreshold: 5 }))).toEqual([]); // held as a digest
    const urgent = policy.decide(
      [withPriority('a', 'server down', 5, 'Disk')],
      [alerts],
      settings({ digestThreshold: 5 }),
    );
    expect(urgent).toEqual([
      expect.objectContaining({ kind: 'message', title: 'Alerts: Disk', body: 'server down', urgent: true, count: 1 }),
    ]);
    clock.advance(5_000);
    const flushed = policy.flush([alerts], settings({ digestThreshold: 5 }));
    expect(flushed).toEqual([expect.objectContaining({ kind: 'digest', count: 10 })]);
    expect(flushed[0]!.urgent).toBeUndefined();
  });

  test('do-not-disturb still silences urgent messages', () => {
    const clock = manualClock();
    const policy = new NotificationPolicy({ clock });
    const dnd = settings({
      dnd: { mode: 'until', until: clock.now() + 60_000, quietStart: '22:00', quietEnd: '07:00' },
    });
    expect(policy.decide([withPriority('a', 'x', 5)], [feed('a', 'A')], dnd)).toEqual([]);
  });
});
