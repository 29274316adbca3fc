/**
 * Feed colours, chosen automatically: each feed takes the palette colour its id hashes to, unless an older feed
 * has it already, then the next free one — so the first eight feeds never share a colour, and a feed keeps its
 * colour across restarts. Decorative: the feed's name is always written beside it.
 */
import type { Feed } from '../../../shared/domain';

export const FEED_COLOURS = [
  '#2f7fd1',
  '#c2410c',
  '#15803d',
  '#9333ea',
  '#be185d',
  '#0e7490',
  '#a16207',
  '#4f46e5',
] as const;

function hash(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h;
}

let lastFeeds: Feed[] | null = null;
let lastColours = new Map<string, string>();

/** Feed id → colour, for the feeds as listed (memoised on the array: the store replaces it on every change). */
export function feedColours(feeds: Feed[]): Map<string, string> {
  if (feeds === lastFeeds) return lastColours;
  const byAge = [...feeds].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const colours = new Map<string, string>();
  const taken = new Set<number>();
  for (const feed of byAge) {
    let slot = hash(feed.id) % FEED_COLOURS.length;
    if (taken.size < FEED_COLOURS.length) while (taken.has(slot)) slot = (slot + 1) % FEED_COLOURS.length;
    taken.add(slot);
    colours.set(feed.id, FEED_COLOURS[slot]!);
  }
  lastFeeds = feeds;
  lastColours = colours;
  return colours;
}
