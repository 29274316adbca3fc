/**
 * Feed colours: the one the user chose (Feed.colour), else chosen automatically — each feed takes the palette colour
 * its id hashes to, unless an older feed has it already, then the next free one — so the first eight feeds never
 * share a colour, and a feed keeps its colour across restarts. A choice does not move the others' automatic
 * colours. Decorative: the feed's name is always written beside it.
 */
import type { Feed } from '../../../shared/domain';
import { FEED_COLOURS } from '../../../shared/rules';

function hash(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h;
}

let lastFeeds: Feed[] | null = null;
let lastColours = new Map<string, string>();

/** Feed id → the colour chosen automatically (what "Automatic" gives). */
function automaticColours(feeds: Feed[]): Map<string, string> {
  const byAge = [...feeds].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const colours = new Map<string, string>();
  const taken = new Set<number>();
  for (const feed of byAge) {
    let slot = hash(feed.id) % FEED_COLOURS.length;
    if (taken.size < FEED_COLOURS.length) while (taken.has(slot)) slot = (slot + 1) % FEED_COLOURS.length;
    taken.add(slot);
    colours.set(feed.id, FEED_COLOURS[slot]!);
  }
  return colours;
}

/** Feed id → colour, for the feeds as listed (memoised on the array: the store replaces it on every change). */
export function feedColours(feeds: Feed[]): Map<string, string> {
  if (feeds === lastFeeds) return lastColours;
  const colours = automaticColours(feeds);
  for (const feed of feeds) if (feed.colour) colours.set(feed.id, feed.colour);
  lastFeeds = feeds;
  lastColours = colours;
  return colours;
}

/** The colour a feed gets without a choice of its own. */
export function autoFeedColour(feeds: Feed[], id: string): string | null {
  return automaticColours(feeds).get(id) ?? null;
}
