/** Command-line switches Tidings understands. Pure, so the single-instance hand-over is testable in Node. */
export interface LaunchArgs {
  /** Start in the tray without showing the window (start at login uses this). */
  hidden: boolean;
  /** `--add-feed <url>` / `--add-feed=<url>`: subscribe to this feed (handed over to the running instance). */
  addFeedUrl: string | null;
}

export function parseArgs(argv: readonly string[]): LaunchArgs {
  let hidden = false;
  let addFeedUrl: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--hidden') hidden = true;
    else if (arg === '--add-feed') {
      // Chromium may re-order a second instance's argv (switches first), so the URL is not always the next token:
      // take the first later http(s) URL, else the next non-switch token.
      const rest = argv.slice(i + 1);
      const url =
        rest.find((a) => /^https?:\/\//i.test(a)) ??
        (rest[0] !== undefined && !rest[0].startsWith('--') ? rest[0] : undefined);
      if (url !== undefined) {
        addFeedUrl = url;
        if (rest[0] === url) i += 1;
      }
    } else if (arg.startsWith('--add-feed=')) addFeedUrl = arg.slice('--add-feed='.length);
  }
  return { hidden, addFeedUrl: addFeedUrl && addFeedUrl.trim() !== '' ? addFeedUrl.trim() : null };
}
