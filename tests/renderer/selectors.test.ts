/** The renderer's domain selectors, in Node: a feed's visible state, "is this feed a problem", unread totals. */
import { beforeEach, expect, test } from 'vitest';
import type { Feed, FeedStatus } from '../../shared/domain';
import { useStore } from '../../renderer/src/store';
import {
  selectAnyPaused,
  selectBadgeUnread,
  selectFeedIsProblem,
  selectFeedState,
  selectTotalUnread,
  selectViewUnread,
} from '../../renderer/src/store/selectors';
import { resetStore, store } from '../support/renderer-store';

beforeEach(resetStore);

const feed = (id: string, enabled = true) => ({ id, name: id, url: `http://x/${id}`, enabled }) as Feed;
const status = (feedId: string, state: FeedStatus['state']) => ({ feedId, state }) as FeedStatus;

test('a feed’s visible state and whether it is a problem follow its status and its switch', () => {
  useStore.setState({
    feeds: [feed('live'), feed('retry'), feed('stop'), feed('pause'), feed('off', false), feed('new')],
    statuses: {
      live: status('live', 'open'),
      retry: status('retry', 'reconnecting'),
      stop: status('stop', 'stopped'),
      pause: status('pause', 'paused'),
      off: status('off', 'open'),
    },
  });
  const states = ['live', 'retry', 'stop', 'pause', 'off', 'new', 'missing'].map((id) => selectFeedState(id)(store()));
  expect(states).toEqual(['open', 'reconnecting', 'stopped', 'paused', 'disabled', 'connecting', null]);
  const problems = ['live', 'retry', 'stop', 'pause', 'off', 'new', 'missing'].map((id) =>
    selectFeedIsProblem(id)(store()),
  );
  expect(problems).toEqual([false, true, true, true, true, false, false]);
  expect(selectAnyPaused(store())).toBe(true);
});

test('unread totals: all feeds, or the feed of the current view', () => {
  useStore.setState({ unread: { a: 2, b: 5 } });
  expect(selectTotalUnread(store())).toBe(7);
  expect(selectViewUnread(store())).toBe(7);
  useStore.setState({ query: { ...store().query, feedId: 'b' } });
  expect(selectViewUnread(store())).toBe(5);
  useStore.setState({ query: { ...store().query, feedId: 'c' } });
  expect(selectViewUnread(store())).toBe(0);
});

test('the badge total (window title, "All messages") leaves muted feeds out, as the tray does; the view total does not', () => {
  useStore.setState({ feeds: [feed('a'), { ...feed('b'), muted: true }, feed('c')], unread: { a: 2, b: 5, c: 1 } });
  expect(selectBadgeUnread(store())).toBe(3);
  expect(selectTotalUnread(store())).toBe(8);
  useStore.setState({ feeds: [feed('a'), feed('b'), feed('c')] }); // unmuted: same unread object, new feeds
  expect(selectBadgeUnread(store())).toBe(8);
});
