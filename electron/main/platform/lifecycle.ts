/**
 * The app's life: one instance (a second launch focuses the first and hands over --add-feed), quitting cleanly
 * (core closed before exit), and what closing the last window means.
 */
import { app } from 'electron';
import type { Core, Logger } from '../core/types';
import { parseArgs } from './args';

export interface HandoverDeps {
  core: Pick<Core, 'addFeedFromUrl'>;
  showWindow(): void;
  logger: Logger;
}

/** Acts on a launch's arguments: show the window unless --hidden, add the feed given by --add-feed. */
export async function handleLaunchArgs(
  argv: readonly string[],
  deps: HandoverDeps,
  isFirstLaunch = false,
): Promise<void> {
  const args = parseArgs(argv);
  if (!isFirstLaunch && (!args.hidden || args.addFeedUrl)) deps.showWindow();
  if (!args.addFeedUrl) return;
  try {
    const feed = await deps.core.addFeedFromUrl(args.addFeedUrl);
    deps.logger.info(`added feed ${feed.id} from the command line`);
  } catch (error) {
    deps.logger.warn(`could not add feed ${args.addFeedUrl}`, error);
  }
}

/** What a launching instance hands over with requestSingleInstanceLock (its argv exactly as it got it). */
export interface HandoverData {
  argv: string[];
}

export function handoverData(argv: readonly string[]): HandoverData {
  return { argv: [...argv] };
}

function isHandoverData(value: unknown): value is HandoverData {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as HandoverData).argv) &&
    (value as HandoverData).argv.every((a) => typeof a === 'string')
  );
}

export interface SecondInstanceListener {
  /** From now on act on second launches, starting with those that arrived before (during start-up). */
  attach(deps: HandoverDeps): void;
}

/**
 * Listens for second launches from the moment the single-instance lock is taken: one that arrives while the core
 * is still starting (a slow migration, a double-click on the launcher) is kept and acted on once `attach` is
 * called, instead of being lost. The argv handed over in additionalData wins over the event's argv, which
 * Chromium may have re-ordered.
 */
export function listenForSecondInstance(): SecondInstanceListener {
  let deps: HandoverDeps | null = null;
  const waiting: string[][] = [];
  app.on('second-instance', (_event, argv, _workingDirectory, additionalData) => {
    const args = isHandoverData(additionalData) ? additionalData.argv : argv;
    if (deps) void handleLaunchArgs(args, deps);
    else if (waiting.length < 20) waiting.push([...args]);
  });
  return {
    attach(next) {
      deps = next;
      for (const args of waiting.splice(0)) void handleLaunchArgs(args, next);
    },
  };
}

export interface QuitDeps {
  core: Pick<Core, 'close'>;
  /** Called as soon as quitting starts, so close-to-tray lets windows close. */
  onQuitting(): void;
  logger: Logger;
  /** Cleanup of adapters (tray, timers) before the core closes. */
  beforeClose?: () => void;
  /** How long the core may take to flush and close before the app exits anyway (default 5 s). */
  closeTimeoutMs?: number;
}

export const CLOSE_TIMEOUT_MS = 5_000;

export function setupQuit(deps: QuitDeps): void {
  let closing = false;
  let closed = false;
  app.on('before-quit', () => deps.onQuitting());
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    // A second Quit (tray, Cmd+Q, a signal) while the core is still flushing: the first one finishes the job.
    if (closing) return;
    closing = true;
    try {
      deps.beforeClose?.();
    } catch (error) {
      deps.logger.warn('cleanup before quit failed', error);
    }
    // A core that never finishes closing (a stuck write, a hung socket) must not keep an invisible app alive.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        deps.logger.error('closing core timed out: quitting anyway');
        resolve();
      }, deps.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
    });
    Promise.race([
      deps.core.close().catch((error: unknown) => deps.logger.error('closing core failed', error)),
      timeout,
    ]).finally(() => {
      clearTimeout(timer);
      closed = true;
      app.quit();
    });
  });
  // Close-to-tray off (or the window closed while quitting): closing the last window quits.
  app.on('window-all-closed', () => app.quit());
}
