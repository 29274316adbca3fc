/**
 * What a fresh Intl formatter says, for tests that check the window's cached texts against it (written out here,
 * not imported from the renderer, so a wrong option there cannot pass by agreeing with itself).
 */

/** A message's exact time, as the list's tooltip and the detail show it. */
export function exactTimeText(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}
