import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../electron/main/core/feeds/types';
import { packEvents, unpackEvents } from '../../../electron/main/core/store/store-protocol';

describe('events packed for the store worker', () => {
  it('come back as the same events, whatever optional values they carry, through a structured clone', () => {
    const events: FeedEvent[] = [
      { feedId: 'a', type: 'message', eventId: '1', data: 'one', truncated: false, receivedAt: 1, backfill: false },
      {
        feedId: 'a',
        type: 'message',
        eventId: '2',
        lastEventId: '2',
        cursor: '2',
        data: 'two',
        truncated: false,
        receivedAt: 1.5,
        backfill: true,
      },
      // No id: the cursor and last event id are the previous id's.
      {
        feedId: 'b',
        type: 'alert',
        eventId: null,
        lastEventId: '2',
        cursor: '2',
        data: '',
        truncated: true,
        originalSize: 9_000_000,
        read: true,
        receivedAt: 1_764_633_600_123,
        backfill: false,
      },
      // An id that cannot be a cursor, an empty last event id, fields, NUL and a lone surrogate in the data.
      {
        feedId: 'a',
        type: 'alert',
        eventId: 'x\u0001',
        lastEventId: '',
        cursor: null,
        data: 'nul\u0000 \ud800',
        truncated: false,
        receivedAt: 2,
        backfill: false,
        fields: null,
      },
    ];
    const packed = structuredClone(packEvents(events));
    expect(packed.names).toEqual(['a', 'message', 'b', 'alert']);
    expect(unpackEvents(packed)).toEqual(events);
  });
});
