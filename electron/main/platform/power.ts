/**
 * System sleep and network changes. Sleep pauses every feed (sockets die anyway; no point retrying in the dark);
 * waking, unlocking the screen or the network coming back reconnects them at once instead of waiting out a
 * backoff or a half-open socket's watchdog. Electron has no online/offline event in main, so net.isOnline() is
 * polled (a cheap call).
 */
import { net, powerMonitor } from 'electron';
import type { Core, Logger } from '../core/types';
import { allPaused } from '../core/notify/tray-state';

export interface PowerDeps {
  core: Pick<Core, 'pauseAll' | 'reconnectAll' | 'statuses'>;
  logger: Logger;
  pollMs?: number;
  now?: () => number;
}

/**
 * Waking a laptop usually fires 'resume' and then, seconds later, 'unlock-screen'. Reconnecting every feed for
 * each would tear down the connections the first one just opened (twice the handshakes for every server, twice
 * the reconnect count). A second wake of this kind within this window is skipped; the network coming back never is.
 */
export const WAKE_COALESCE_MS = 5_000;

export function setupPowerEvents(deps: PowerDeps): () => void {
  const { core, logger } = deps;
  /** Set when suspend paused feeds the user had not paused, so waking resumes them but never a user's pause. */
  let pausedForSleep = false;

  const onSuspend = (): void => {
    logger.info('system suspending: pausing feeds');
    if (allPaused(core.statuses())) return;
    pausedForSleep = true;
    core.pauseAll();
  };
  const now = deps.now ?? Date.now;
  let lastSessionWake: number | null = null;
  const wake = (why: string, sessionWake: boolean): void => {
    // core.reconnectAll() also ends a global pause: leave a pause the user chose alone.
    if (!pausedForSleep && allPaused(core.statuses())) {
      logger.info(`${why}: feeds stay paused (paused by the user)`);
      return;
    }
    if (sessionWake) {
      const at = now();
      if (!pausedForSleep && lastSessionWake !== null && at - lastSessionWake < WAKE_COALESCE_MS) {
        logger.info(`${why}: feeds were reconnected moments ago`);
        return;
      }
      lastSessionWake = at;
    }
    pausedForSleep = false;
    logger.info(`${why}: reconnecting feeds`);
    core.reconnectAll();
  };
  const onResume = (): void => wake('system resumed', true);
  const onUnlock = (): void => wake('screen unlocked', true);

  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);

  let online = net.isOnline();
  const poll = setInterval(() => {
    const up = net.isOnline();
    if (up === online) return;
    online = up;
    if (up) wake('network back online', false);
    else logger.info('network offline');
  }, deps.pollMs ?? 3_000);
  poll.unref?.();

  return () => {
    clearInterval(poll);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    powerMonitor.off('unlock-screen', onUnlock);
  };
}
