/**
 * ntfy's tag → emoji rule: "If a tag matches an emoji short code, it'll be converted to an emoji and prepended
 * to title or message" (https://docs.ntfy.sh/publish/#tags-emojis). ntfy's list of short codes is GitHub's gemoji
 * (https://docs.ntfy.sh/emojis/, generated from github/gemoji's emoji.json), which the `gemoji` package ships.
 */
import { gemoji } from 'gemoji';
import type { MessageTag } from './types';

let byName: Map<string, string> | null = null;

export function emojiFor(name: string): string | null {
  if (byName === null) {
    byName = new Map();
    for (const entry of gemoji) for (const shortcode of entry.names) byName.set(shortcode, entry.emoji);
  }
  return byName.get(name) ?? null;
}

export function emojiTags(names: string[]): MessageTag[] {
  return names.map((name) => ({ name, emoji: emojiFor(name) }));
}
