/**
 * Native notifications. The pure NotificationPolicy decides; this adapter shows Electron Notifications off the
 * ingest path (each stored batch is handled on a later tick), releases held digests on a timer, and routes a
 * click to the window: show it and push `tidings:push:navigate`.
 *
 * Windows: a toast that moved to the Action Center no longer delivers 'click' to its Notification object
 * (electron/electron #24524, #29461), and after a restart there is no object at all. So on Windows the message is
 * carried in the toast itself (the `launch` argument of its toastXml) and every click — fresh toast, Action
 * Center, cold start — arrives through `Notification.handleActivation`, which fires "regardless of whether the
 * original Notification object is still in memory" (electron.d.ts). The composition root fixes the toast
 * activator CLSID (`app.setToastActivatorCLSID`) so Windows can route clicks on toasts of an earlier run.
 */
import { Notification } from 'electron';
import { pathToFileURL } from 'node:url';
import type { NavigateRequest } from '../../../shared/domain';
import type { NotificationDecision, NotificationPolicy } from '../core/notify/policy';
import type { Core, Logger } from '../core/types';

export interface NotificationServiceDeps {
  core: Pick<Core, 'onDidStoreMessages' | 'feeds' | 'settings'>;
  policy: NotificationPolicy;
  /** Show the window and open this message (at an http action's confirmation when `action` is set). */
  openMessage(target: NavigateRequest): void;
  /** A `view` action's button: open the URL in the browser (the host checks it is http(s)). */
  openUrl(url: string): void;
  clock: { now(): number };
  logger: Logger;
  iconPath?: string;
  /** Runs work after the current tick; setImmediate by default. */
  defer?: (fn: () => void) => void;
  platform?: NodeJS.Platform;
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

/** The toast's launch argument: which message a click opens. */
const LAUNCH_PREFIX = 'tidings:open?';
/** A toast button's argument: which message's action it is. */
const ACTION_PREFIX = 'tidings:action?';

export function toastLaunchArgument(target: NavigateRequest): string {
  const params = new URLSearchParams({ feed: target.feedId, message: String(target.messageId) });
  if (target.action !== undefined) params.set('action', String(target.action));
  return `${target.action === undefined ? LAUNCH_PREFIX : ACTION_PREFIX}${params}`;
}

/**
 * The message a toast's activation arguments point at (with `action` for a button), or null for anything else
 * (never trusted blindly).
 */
export function parseToastLaunch(argument: string): NavigateRequest | null {
  const isAction = argument.startsWith(ACTION_PREFIX);
  if (!isAction && !argument.startsWith(LAUNCH_PREFIX)) return null;
  const params = new URLSearchParams(argument.slice((isAction ? ACTION_PREFIX : LAUNCH_PREFIX).length));
  const feedId = params.get('feed');
  const messageId = Number(params.get('message'));
  if (!feedId || !Number.isSafeInteger(messageId) || messageId <= 0) return null;
  if (!isAction) return { feedId, messageId };
  const action = Number(params.get('action'));
  if (!Number.isSafeInteger(action) || action < 0 || action > 63) return null;
  return { feedId, messageId, action };
}

/** Which platforms show notification buttons: "button — macOS, Windows" (docs/api/structures/notification-action.md). */
export function showsNotificationActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Windows toast XML (ToastGeneric) with the message in its `launch` attribute, which Windows hands back as the
 * activation's `arguments`. `toastXml` "supersedes all properties above" (electron.d.ts), so title, body and icon
 * are written here too.
 */
export function toastXml(decision: NotificationDecision, iconPath?: string, silent = false): string {
  const launch = escapeXml(toastLaunchArgument({ feedId: decision.feedId, messageId: decision.messageId }));
  const icon = iconPath ? `<image placement="appLogoOverride" src="${escapeXml(pathToFileURL(iconPath).href)}"/>` : '';
  return (
    // An urgent message stays until dismissed: scenario "reminder" is what Electron's own toast template writes for
    // timeoutType 'never' (which toastXml supersedes).
    `<toast launch="${launch}" activationType="foreground"${decision.urgent ? ' scenario="reminder"' : ''}>` +
    `<visual><binding template="ToastGeneric">` +
    `<text>${escapeXml(decision.title)}</text><text>${escapeXml(decision.body)}</text>${icon}` +
    // A custom toastXml supersedes the other options (electron.d.ts), so silence is said here: <audio silent="true"/>.
    `</binding></visual>${toastActions(decision)}${silent ? '<audio silent="true"/>' : ''}</toast>`
  );
}

/**
 * The message's first actions as toast buttons: each carries the message and the action's index as its
 * `arguments`, which Windows hands back through `handleActivation` (type 'action') like a click's launch.
 */
function toastActions(decision: NotificationDecision): string {
  const actions = decision.actions ?? [];
  if (actions.length === 0) return '';
  const buttons = actions.map((a) => {
    const argument = toastLaunchArgument({ feedId: decision.feedId, messageId: decision.messageId, action: a.index });
    return `<action content="${escapeXml(a.label)}" arguments="${escapeXml(argument)}" activationType="foreground"/>`;
  });
  return `<actions>${buttons.join('')}</actions>`;
}

export function createNotificationService(deps: NotificationServiceDeps): NotificationService {
  const defer = deps.defer ?? ((fn: () => void) => void setImmediate(fn));
  const platform = deps.platform ?? process.platform;
  const alive = new Set<Notification>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  /** A button: a `view` action opens its URL; an `http` action opens the window at its confirmation, never sends. */
  const runAction = (target: NavigateRequest): void => {
    if (disposed || target.action === undefined) return;
    const decision = recent.get(target.messageId);
    const action = decision?.actions?.find((a) => a.index === target.action);
    if (action?.kind === 'view') deps.openUrl(action.url);
    else deps.openMessage(target);
  };
  /** The actions of recent notifications by message, so a view button knows its URL (kept as long as `alive`). */
  const recent = new Map<number, NotificationDecision>();

  // Windows: every click comes through here, including the ones an earlier run's toasts receive at cold start.
  if (platform === 'win32') {
    Notification.handleActivation((details) => {
      const target = parseToastLaunch(details.arguments);
      if (!target) deps.logger.warn(`notification activation without a message: "${details.arguments}"`);
      else if (target.action !== undefined) runAction(target);
      else if (!disposed) deps.openMessage(target);
    });
  }

  const show = (decision: NotificationDecision): void => {
    if (!Notification.isSupported()) return;
    // The feed's sound: none → `silent` ("suppress the OS notification noise", electron.d.ts).
    const silent = deps.core.feeds().find((f) => f.id === decision.feedId)?.notify.sound === 'none';
    const notification = new Notification({
      title: decision.title,
      body: decision.body,
      ...(silent ? { silent: true } : {}),
      ...(deps.iconPath ? { icon: deps.iconPath } : {}),
      // Urgent (priority 5): Linux's `urgency: 'critical'` and Windows' `timeoutType: 'never'` (electron.d.ts,
      // NotificationConstructorOptions); elsewhere the options are ignored.
      ...(decision.urgent ? { urgency: 'critical' as const, timeoutType: 'never' as const } : {}),
      ...(platform === 'win32' ? { toastXml: toastXml(decision, deps.iconPath, silent) } : {}),
      // macOS buttons (Windows has them in toastXml; Linux shows none): NotificationConstructorOptions.actions.
      ...(platform === 'darwin' && decision.actions?.length
        ? { actions: decision.actions.map((a) => ({ type: 'button' as const, text: a.label })) }
        : {}),
    });
    const release = (): void => {
      alive.delete(notification);
      recent.delete(decision.messageId);
    };
    if (decision.actions?.length && showsNotificationActions(platform)) {
      recent.set(decision.messageId, decision);
      // electron.d.ts 'action': `details.actionIndex` ("The index of the action that was activated"); the second
      // argument is the deprecated index. Windows delivers buttons through handleActivation instead.
      notification.on('action', (details, legacyIndex) => {
        if (platform === 'win32') return;
        const index = (details as { actionIndex?: number } | undefined)?.actionIndex ?? legacyIndex;
        const action = decision.actions?.[index];
        if (action) runAction({ feedId: decision.feedId, messageId: decision.messageId, action: action.index });
      });
    }
    notification.on('click', () => {
      release();
      // Windows: handleActivation has it ("invoked in addition to instance events"); opening twice would flicker.
      if (platform !== 'win32') deps.openMessage({ messageId: decision.messageId, feedId: decision.feedId });
    });
    notification.on('failed', (_event, error) => {
      release();
      deps.logger.warn('notification failed', error);
    });
    alive.add(notification);
    if (alive.size > KEEP_ALIVE) alive.delete(alive.values().next().value as Notification);
    while (recent.size > KEEP_ALIVE) recent.delete(recent.keys().next().value as number);
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
      recent.clear();
    },
  };
}
