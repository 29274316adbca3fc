/**
 * Native notifications. The pure NotificationPolicy decides; this adapter shows Electron Notifications off the
 * ingest path (each stored batch is handled on a later tick), releases held digests on a timer, and routes a
 * click to the window: show it and push `tidings:push:navigate`.
 */
import { Notification } from 'electron';
import type { NavigateRequest } from '../../../shared/domain';
import type { NotificationDecision, NotificationPolicy } from '../core/notify/policy';
import type { Core, Logger } from '../core/types';

export interface NotificationServiceDeps {
  core: Pick<Core, 'onDidStoreMessages' | 'feeds' | 'settings'>;
  policy: NotificationPolicy;
  /** Show the window and open this message. */
  openMessage(target: NavigateRequest): void;
  clock: { now(): number };
  logger: Logger;
  iconPath?: string;
  /** Runs work after the current tick; setImmediate by default. */
  defer?: (fn: () => void) => void;
}

export interface NotificationService {
  show(decision: NotificationDecision): void;
  /** How many notifications are held (kept reachable so their click handlers survive). */
  held(): number;
  dispose(): void;
}

/**
 * Electron drops click handlers of notifications that were garbage-collected; keep the recent ones alive.
 * 'close' is not the end of a notification's life: on Windows a toast that times out emits 'close' and moves to
 * the Action Center, where the user can still click it. So only a click, a failure or being among the oldest
 * beyond this bound releases one.
 */
export const KEEP_ALIVE = 50;

export function createNotificationService(deps: NotificationServiceDeps): NotificationService {
  const defer = deps.defer ?? ((fn: () => void) => void setImmediate(fn));
  const alive = new Set<Notification>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const show = (decision: NotificationDecision): void => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: decision.title,
      body: decision.body,
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
    });
    const release = (): void => {
      alive.delete(notification);
    };
    notification.on('click', () => {
      release();
      deps.openMessage({ messageId: decision.messageId, feedId: decision.feedId });
    });
    notification.on('failed', (_event, error) => {
      release();
      deps.logger.warn('notification failed', error);
    });
    alive.add(notification);
    if (alive.size > KEEP_ALIVE) alive.delete(alive.values().next().value as Notification);
    notification.show();
  };

  const showAll = (decisions: readonly NotificationDecision[]): void => {
    for (const decision of decisions) {
      try {
        show(decision);
      } catch (error) {
        deps.logger.warn('could not show a notification', error);
      }
    }
  };

  const schedule = (): void => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    const due = deps.policy.nextFlushAt();
    if (due === null || disposed) return;
    flushTimer = setTimeout(
      () => {
        flushTimer = null;
        showAll(deps.policy.flush(deps.core.feeds(), deps.core.settings()));
        schedule();
      },
      Math.max(0, due - deps.clock.now()),
    );
  };

  const unsubscribe = deps.core.onDidStoreMessages((batch) => {
    // Never on the ingest path: the store's batch callback returns at once.
    defer(() => {
      if (disposed) return;
      try {
        showAll(deps.policy.decide(batch, deps.core.feeds(), deps.core.settings()));
      } catch (error) {
        deps.logger.error('notification policy failed', error);
      }
      schedule();
    });
  });

  return {
    show,
    held: () => alive.size,
    dispose() {
      disposed = true;
      unsubscribe();
      if (flushTimer) clearTimeout(flushTimer);
      alive.clear();
    },
  };
}
