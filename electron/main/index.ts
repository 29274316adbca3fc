/**
 * Composition root: single-instance lock → paths → core → adapters → IPC → tray and window. Nothing else.
 */
import { join } from 'node:path';
import { app, dialog, session } from 'electron';
import { push } from '../../shared/ipc/channels';
import { createCore } from './core';
import { createTranslator, translatorFor, type Translator } from './core/i18n';
import { resolveLanguage } from '../../shared/locale';
import { NotificationPolicy } from './core/notify/policy';
import { parseArgs } from './platform/args';
import { APP_ENTRY_URL, APP_HOST, registerAppScheme, serveRenderer } from './platform/app-protocol';
import { applyStartAtLogin } from './platform/autostart';
import { setupAppIdentity } from './platform/identity';
import { copyDiagnostics, createHostServices } from './platform/host';
import { createSaveDialog } from './platform/save-dialog';
import { bindIpc, createWindowPushSink, isTrustedSender, type TrustedOrigin } from './platform/ipc';
import { handleLaunchArgs, handoverData, listenForSecondInstance, setupQuit } from './platform/lifecycle';
import { systemLocale } from './platform/locale';
import { createLogger } from './platform/logger';
import { platformNetwork } from './platform/network';
import { askKeepRunning, tellCoreNotices, tellStillRunning } from './platform/notices';
import { createNotificationService } from './platform/notifications';
import { setupPowerEvents } from './platform/power';
import { createSecretCodec } from './platform/secrets';
import { createTrayService, trayIconPaths } from './platform/tray';
import { watchTrayHost } from './platform/tray-host';
import { createUiStateStore } from './platform/ui-state';
import { createWindowService } from './platform/window';

registerAppScheme();

/** The texts main shows: the system's language until the settings are readable, then settings.language. */
let strings: () => Translator = () => createTranslator(resolveLanguage('system', systemLocale()));

/** For the start-up error box, which must appear even when the settings cannot be read. */
function startupStrings(): Translator {
  try {
    return strings();
  } catch {
    return createTranslator('en');
  }
}

// Tests (and power users) point the whole profile elsewhere; the single-instance lock lives there too.
const overrideUserData = process.env.TIDINGS_USER_DATA;
if (overrideUserData) app.setPath('userData', overrideUserData);

/** Second launches are heard from the moment we hold the lock; acted on once the core is up. */
let secondInstances: ReturnType<typeof listenForSecondInstance> | null = null;

if (!app.requestSingleInstanceLock(handoverData(process.argv))) {
  // Another instance runs: it receives our argv through 'second-instance'.
  app.quit();
} else {
  secondInstances = listenForSecondInstance();
  setupAppIdentity();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Nothing works without the core (e.g. the data folder is not writable): say so rather than linger invisibly.
      dialog.showErrorBox(startupStrings().startupFailed, error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const logsDir = join(userData, 'logs');
  const logger = createLogger(logsDir, { verbose: !app.isPackaged });
  const resources = app.isPackaged ? join(process.resourcesPath, 'icons') : join(__dirname, '../../electron/resources');
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const launch = parseArgs(process.argv);
  const startHidden = launch.hidden || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);

  // Linux may have no tray to come back through: asked on the session bus while the core opens.
  const trayHost = watchTrayHost({ platform: process.platform, env: process.env, timeoutMs: 1_000, logger });
  const core = await createCore({
    dataDir: userData,
    secrets: await createSecretCodec(process.platform, logger),
    network: platformNetwork(session.defaultSession),
    logger,
    version: app.getVersion(),
  });
  strings = translatorFor(() => core.settings(), systemLocale);

  // An isolated profile (tests, TIDINGS_USER_DATA) must not change the real user's login items.
  const startAtLogin = (enabled: boolean): void => {
    if (overrideUserData) {
      logger.info(`start at login ${enabled ? 'on' : 'off'}: not applied for a TIDINGS_USER_DATA profile`);
      return;
    }
    const result = applyStartAtLogin(enabled, {
      platform: process.platform,
      command: process.env.APPIMAGE ?? process.execPath,
      args: app.isPackaged ? [] : [app.getAppPath()],
      packaged: app.isPackaged,
      setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
    });
    if (result === 'not-packaged') logger.info('start at login: only an installed Tidings can register on macOS');
  };
  const host = createHostServices({
    logsDir,
    logger,
    applyStartAtLogin: startAtLogin,
    iconPath: join(resources, 'icon.png'),
    // Attachments are saved where the user says, the dialog attached to the window (made below) when it exists.
    chooseSavePath: createSaveDialog(() => windows.current()),
  });
  host.applySettings(core.settings());
  const handlers = core.createHandlers(host);

  let quitting = false;
  const uiState = createUiStateStore(join(userData, 'platform-state.json'));
  serveRenderer(join(__dirname, '../renderer'));
  await trayHost.ready;
  const windows = createWindowService({
    preloadPath: join(__dirname, '../preload/index.cjs'),
    rendererUrl: devUrl ?? APP_ENTRY_URL,
    iconPath: join(resources, 'icon.png'),
    startHidden,
    closeToTray: () => core.settings().closeToTray,
    isQuitting: () => quitting,
    closeHint: {
      wasShown: () => uiState.get().closeHintShown,
      markShown: () => uiState.update({ closeHintShown: true }),
      show: (kind) => tellStillRunning(strings(), kind),
    },
    trayHost: () => trayHost.current(),
    closeChoice: {
      get: () => uiState.get().closeChoice ?? null,
      set: (closeChoice) => void uiState.update({ closeChoice }),
      ask: () => askKeepRunning(windows.current(), strings()),
      quitOnClose: () => void core.updateSettings({ closeToTray: false }),
    },
    logger,
    onSessionEnd: () => {
      // close() stores the pending batch and the cursors before its first await; the process may die right after.
      quitting = true;
      logger.info('Windows session ending: closing the core');
      void core.close().catch((error: unknown) => logger.error('closing core at session end failed', error));
    },
  });

  const origins: TrustedOrigin[] = [{ protocol: 'app:', host: APP_HOST }];
  if (devUrl) origins.push({ protocol: new URL(devUrl).protocol, host: new URL(devUrl).host });
  bindIpc({ handlers, logger, isTrusted: (event) => isTrustedSender(event, windows.owns, origins) });
  const sink = createWindowPushSink(() => {
    const win = windows.current();
    return win ? [win] : [];
  });
  const unsubscribePush = core.onPush(sink);

  const notifications = createNotificationService({
    core,
    policy: new NotificationPolicy({ clock: { now: () => Date.now() }, strings: () => strings() }),
    clock: { now: () => Date.now() },
    logger,
    iconPath: join(resources, 'icon.png'),
    openMessage: (target) => {
      windows.show();
      windows.sendWhenReady(push.navigate, target);
    },
    openUrl: (url) => void host.openExternal(url).catch((error: unknown) => logger.warn('open link failed', error)),
  });

  const tray = createTrayService({
    core,
    iconPaths: trayIconPaths(resources, process.platform),
    strings: () => strings(),
    clock: { now: () => Date.now() },
    logger,
    showWindow: () => windows.show(),
    quit: () => app.quit(),
    openLogs: () => void host.openLogsFolder().catch((error: unknown) => logger.warn('open logs failed', error)),
    copyDiagnostics: () => void copyDiagnostics(handlers).catch((error: unknown) => logger.warn('copy failed', error)),
  });
  const stopPower = setupPowerEvents({ core, logger });

  secondInstances?.attach({ core, logger, showWindow: () => windows.show() });
  setupQuit({
    core,
    logger,
    onQuitting: () => {
      quitting = true;
    },
    beforeClose: () => {
      stopPower();
      notifications.dispose();
      unsubscribePush();
      tray.dispose();
    },
  });
  app.on('activate', () => windows.show());

  const window = windows.ensure();
  if (core.notices.length > 0) {
    if (startHidden) tellCoreNotices(core.notices, null, strings());
    else window.once('ready-to-show', () => tellCoreNotices(core.notices, window, strings()));
  }
  void handleLaunchArgs(process.argv, { core, logger, showWindow: () => windows.show() }, true);
  logger.info(`Tidings ${app.getVersion()} started${startHidden ? ' in the tray' : ''}`);
}
