/** Opaque keyset cursor for MessagePage.next: the row id the next (older) page starts below. */
const PREFIX = 'm1.';

export function encodePageCursor(beforeId: number): string {
  return PREFIX + beforeId.toString(36);
}

/** Returns the id to page below, or null when the cursor is not one of ours. */
export function decodePageCursor(cursor: string): number | null {
  if (!cursor.startsWith(PREFIX)) return null;
  const body = cursor.slice(PREFIX.length);
  if (!/^[0-9a-z]{1,12}$/.test(body)) return null;
  const id = parseInt(body, 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
