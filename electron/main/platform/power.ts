/**
 * System sleep and network changes. Sleep and going offline pause every feed (sockets die anyway; no point
 * retrying in the dark), and the pause says which it was; waking, unlocking the screen or the network coming back
 * or changing reconnects them at once instead of waiting out a backoff or a half-open socket's watchdog.
 *
 * Electron has no online/offline or network-change event in main, so two cheap things are polled: net.isOnline()
 * and the machine's network addresses (a move from one Wi-Fi to another, a VPN coming up, a new DHCP lease change
 * them without ever going offline, and leave every socket half-open).
 *
 * 'lock-screen' / 'unlock-screen' exist on macOS and Windows only (electron.d.ts: "@platform darwin,win32"): on
 * Linux unlocking is no event at all, so there Tidings reconnects on resume and on network changes.
 */
import { networkInterfaces } from 'node:os';
import { net, powerMonitor } from 'electron';
import type { Core, Logger } from '../core/types';
import { allPaused } from '../core/notify/tray-state';

export interface PowerDeps {
  core: Pick<Core, 'pauseAll' | 'reconnectAll' | 'statuses'>;
  logger: Logger;
  pollMs?: number;
  now?: () => number;
  platform?: NodeJS.Platform;
  /** A summary of the machine's network addresses; a change means a different network. */
  networkFingerprint?: () => string;
}

/** The external addresses of every interface, sorted: equal strings mean the same network attachment. */
export function networkFingerprint(): string {
  const addresses: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      // Link-local IPv6 addresses come and go with interfaces that carry no route; they are not a new network.
      if (!a.internal && !(a.family === 'IPv6' && a.address.startsWith('fe80:')))
        addresses.push(`${name}/${a.address}`);
    }
  }
  return addresses.sort().join(',');
}

/**
 * Waking a laptop usually fires 'resume' and then, seconds later, 'unlock-screen'. Reconnecting every feed for
 * each would tear down the connections the first one just opened (twice the handshakes for every server, twice
 * the reconnect count). A second wake of this kind within this window is skipped; the network coming back never is.
 */
export const WAKE_COALESCE_MS = 5_000;

export function setupPowerEvents(deps: PowerDeps): () => void {
  const { core, logger } = deps;
  /** Set when sleep or going offline paused feeds the user had not paused, so waking resumes them but never a user's pause. */
  let pausedForSleep = false;

  const pauseFor = (source: 'sleep' | 'offline'): void => {
    if (allPaused(core.statuses())) return;
    pausedForSleep = true;
    core.pauseAll(source);
  };
  const onSuspend = (): void => {
    logger.info('system suspending: pausing feeds');
    pauseFor('sleep');
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

  const platform = deps.platform ?? process.platform;
  const hasUnlock = platform === 'darwin' || platform === 'win32';
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  if (hasUnlock) powerMonitor.on('unlock-screen', onUnlock);

  const fingerprint = deps.networkFingerprint ?? networkFingerprint;
  let online = net.isOnline();
  let network = fingerprint();
  const poll = setInterval(() => {
    const up = net.isOnline();
    const now = fingerprint();
    const moved = now !== network;
    network = now;
    if (up !== online) {
      online = up;
      if (up) wake('network back online', false);
      else {
        logger.info('network offline: pausing feeds');
        pauseFor('offline');
      }
      return;
    }
    // Same online state, different addresses: a new network under the same connection.
    if (up && moved && now !== '') wake('network changed', false);
  }, deps.pollMs ?? 3_000);
  poll.unref?.();

  return () => {
    clearInterval(poll);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    if (hasUnlock) powerMonitor.off('unlock-screen', onUnlock);
  };
}
