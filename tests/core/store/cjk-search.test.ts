/**
 * Chinese, Japanese and Korean search through the full-text index: CJK characters are indexed one by one and a
 * CJK term becomes a phrase of its characters, so words inside runs are found without a table scan.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/main/core/store/database';
import { searchTerms, splitCjk, toFtsQuery } from '../../../electron/main/core/store/fts-query';
import type { MessageStore } from '../../../electron/main/core/store/message-store';
import { closeStore, event, openStore, type tempDir } from './helpers';

let dir: ReturnType<typeof tempDir>;
let db: Db;
let store: MessageStore;

beforeEach(() => {
  ({ dir, db, store } = openStore());
  store.append([
    event({ feedId: 'zh', eventId: 'order', data: '{"title":"订单已发货","body":"请注意查收您的包裹"}' }),
    event({ feedId: 'zh', eventId: 'refund', data: '退款申请已提交，订单号 A-1001' }),
    event({ feedId: 'zh', eventId: 'mixed', data: 'Order 订单12345 shipped to 上海仓库 via SF Express' }),
    event({ feedId: 'ja', eventId: 'ja', data: '注文は発送されました' }),
    event({ feedId: 'ko', eventId: 'ko', data: '주문이 발송되었습니다' }),
    event({ feedId: 'en', eventId: 'en', data: 'order shipped to the café' }),
    event({ feedId: 'en', eventId: 'noise', data: 'heartbeat 42' }),
  ]);
});
afterEach(() => closeStore({ dir, db }));

const found = (text: string, extra: Parameters<MessageStore['list']>[0] = {}) =>
  store.list({ text, limit: 100, ...extra }).items.map((m) => m.eventId);

/** Runs the checks before indexing (tail scan), half indexed, and fully indexed: results must not change. */
function atEveryIndexStage(check: () => void): void {
  check();
  store.indexStep(3);
  check();
  while (store.indexStep(1000) > 0);
  expect(store.indexLag()).toBe(0);
  check();
}

describe('CJK full-text search', () => {
  it('finds Chinese words of 1, 2 and 4 characters inside runs, indexed or not', () => {
    atEveryIndexStage(() => {
      expect(found('货')).toEqual(['order']);
      expect(found('订单')).toEqual(['mixed', 'refund', 'order']);
      expect(found('发货')).toEqual(['order']);
      expect(found('请注意查')).toEqual(['order']);
      expect(found('注意查收您')).toEqual(['order']);
      expect(found('仓库')).toEqual(['mixed']);
      // Characters that are not next to each other, or in another order, are not a match.
      expect(found('订货')).toEqual([]);
      expect(found('货发')).toEqual([]);
      expect(found('订单 退款')).toEqual(['refund']);
      expect(found('订单', { feedId: 'zh', limit: 2 })).toEqual(['mixed', 'refund']);
    });
  });

  it('mixes Chinese and English terms and keeps Latin search as it was', () => {
    atEveryIndexStage(() => {
      expect(found('order 订单')).toEqual(['mixed']);
      expect(found('订单12345')).toEqual(['mixed']);
      expect(found('订单123')).toEqual(['mixed']); // the trailing Latin/number part stays a prefix
      expect(found('shipped 上海')).toEqual(['mixed']);
      expect(found('A-1001 退款')).toEqual(['refund']);
      expect(found('order')).toEqual(['en', 'mixed']);
      expect(found('ship')).toEqual(['en', 'mixed']);
      expect(found('heart')).toEqual(['noise']);
    });
    expect(found('cafe')).toEqual(['en']); // diacritics are folded by the index
  });

  it('finds Japanese and Korean words inside runs', () => {
    atEveryIndexStage(() => {
      expect(found('発送')).toEqual(['ja']);
      expect(found('注文')).toEqual(['ja']);
      expect(found('발송')).toEqual(['ko']);
      expect(found('주문')).toEqual(['ko']);
    });
  });

  it('answers indexed rows from the index, not by scanning the table', () => {
    while (store.indexStep(1000) > 0);
    // Change the stored text behind the index's back: only a query through the index still finds the row by
    // its old words (a scan reads the new text).
    db.prepare("UPDATE messages SET data = 'replaced' WHERE event_id = 'order'").run();
    expect(found('发货')).toEqual(['order']);
    expect(found('请注意查')).toEqual(['order']);
    expect(found('replaced')).toEqual([]);
  });

  it('retention leaves pruned CJK rows out of results, and their index entries go when the index is rebuilt', () => {
    while (store.indexStep(1000) > 0);
    while (store.pruneStep({ maxPerFeed: 1, maxAgeDays: 36_500 }, 1_800_000_000_000, 100) > 0);
    expect(found('订单')).toEqual(['mixed']);
    const inIndex = () =>
      db.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH \'"订 单"\'').raw().get();
    // Deleting left the pruned rows' entries (3 deleted, 4 kept: not yet worth a rebuild); a rebuild drops them.
    expect(inIndex()).toEqual([3]);
    store.resetSearchIndex();
    while (store.indexStep(1000) > 0);
    expect(found('订单')).toEqual(['mixed']);
    expect(inIndex()).toEqual([1]);
    expect(() =>
      db.prepare("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)").run(),
    ).not.toThrow();
  });

  it('query building: CJK terms become phrases of single characters, other terms stay prefix words', () => {
    expect(splitCjk('Order 订单12345')).toBe('Order  订  单 12345');
    expect(splitCjk('plain text')).toBe('plain text');
    // A term ending in a CJK character needs no prefix (that token is always the one character).
    expect(toFtsQuery(searchTerms('订单'))).toBe('"订 单"');
    expect(toFtsQuery(searchTerms('ship 発送'))).toBe('"ship"* "発 送"');
    expect(toFtsQuery(searchTerms('订单12'))).toBe('"订 单 12"*');
    expect(toFtsQuery(['a"订'])).toBe('"a"" 订"');
  });
});
