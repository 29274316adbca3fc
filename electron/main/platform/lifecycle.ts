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
export async function handleLaunchArgs(argv: readonly string[], deps: HandoverDeps, isFirstLaunch = false): Promise<void> {
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

/** A second launch: focus this instance and take over its arguments. The argv passed in additionalData wins
 * over the event's argv, which Chromium may have re-ordered. */
export function setupSecondInstance(deps: HandoverDeps): void {
  app.on('second-instance', (_event, argv, _workingDirectory, additionalData) => {
    void handleLaunchArgs(isHandoverData(additionalData) ? additionalData.argv : argv, deps);
  });
}

export interface QuitDeps {
  core: Pick<Core, 'close'>;
  /** Called as soon as quitting starts, so close-to-tray lets windows close. */
  onQuitting(): void;
  logger: Logger;
  /** Cleanup of adapters (tray, timers) before the core closes. */
  beforeClose?: () => void;
}

export function setupQuit(deps: QuitDeps): void {
  let closed = false;
  app.on('before-quit', () => deps.onQuitting());
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    try {
      deps.beforeClose?.();
    } catch (error) {
      deps.logger.warn('cleanup before quit failed', error);
    }
    deps.core
      .close()
      .catch((error: unknown) => deps.logger.error('closing core failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  // Close-to-tray off (or the window closed while quitting): closing the last window quits.
  app.on('window-all-closed', () => app.quit());
}
