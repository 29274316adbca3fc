/**
 * A stand-in for the 'electron' module, used with `vi.mock('electron', () => import('./fake-electron'))`.
 *
 * It is a model of Electron 45's DOCUMENTED behaviour, not of what the code hopes: each rule below cites the line of
 * `node_modules/electron/electron.d.ts` (d.ts) or of the Electron docs / issue tracker it models, including the
 * unkind ones — APIs that need `ready`, events and methods that exist on one platform only, notifications that are
 * garbage-collected (after which their `click` never arrives), toasts whose click from the Action Center reaches
 * only `Notification.handleActivation`, Linux trays that are absent or deliver double clicks, login-item options
 * that only one OS reads, and deprecated synchronous `safeStorage` calls.
 *
 * The platform and whether the app is ready are part of the model: `resetFakeElectron({ platform, ready })` sets
 * them (and `process.platform`, which the code under test reads). Tests of single adapters start ready; the
 * composition root starts before `ready` and `app.whenReady()` makes it ready on a later tick.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// ---------------------------------------------------------------------------------------------------------------
// The model's state: platform and readiness.

const realPlatform = process.platform;
const state = {
  platform: realPlatform as NodeJS.Platform,
  ready: true,
};

function setPlatform(platform: NodeJS.Platform): void {
  state.platform = platform;
  Object.defineProperty(process, 'platform', { value: platform, configurable: true, enumerable: true });
}

/** Thrown where Electron documents that an API cannot be used before `ready`. */
export class NotReadyError extends Error {}

function requireReady(api: string, citation: string): void {
  if (!state.ready) throw new NotReadyError(`${api} cannot be used before the app is ready (${citation})`);
}

function onPlatform(...platforms: NodeJS.Platform[]): boolean {
  return platforms.includes(state.platform);
}

/** Electron's package.json fields the runtime reads (desktopName) come from the app's own package.json. */
const appPackage = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as {
  desktopName?: string;
};

// ---------------------------------------------------------------------------------------------------------------

class Emitter extends EventEmitter {
  /** Emit an event whose first argument is an Electron-style event object; returns it (to check preventDefault). */
  fire(name: string, ...args: unknown[]): { defaultPrevented: boolean; preventDefault(): void } {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        event.defaultPrevented = true;
      },
    };
    this.emit(name, event, ...args);
    return event;
  }
}

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
    null;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
}

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeWebContents extends Emitter {
  session = new FakeSession();
  sent: { channel: string; payload: unknown }[] = [];
  loading = true;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = new FakeWebFrame('app://tidings/index.html');
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulate the renderer finishing its load. */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }
}

export class BrowserWindow extends Emitter {
  static created: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((w) => !w.destroyed);
  }
  webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  loadedUrl: string | null = null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(public options: Record<string, any>) {
    super();
    // docs/api/browser-window.md, "Process: Main": "You cannot use this module until the `ready` event of the
    // `app` module is emitted."
    requireReady('BrowserWindow', 'docs/api/browser-window.md');
    BrowserWindow.created.push(this);
  }
  menuRemoved = false;
  removeMenu(): void {
    this.menuRemoved = true;
  }
  loads = 0;
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.loads += 1;
    this.webContents.loading = true;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
  }
  showInactive(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  /** A minimised window stays visible in the task bar / dock: the user can always get it back from there. */
  minimize(): void {
    this.visible = true;
    this.minimized = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What Electron does on a user close: emit 'close' and, unless prevented, destroy and emit 'closed'. */
  close(): boolean {
    const event = this.fire('close');
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    return true;
  }
  /** The user can reach the window: shown, or minimised into the task bar. A hidden window needs a tray. */
  reachable(): boolean {
    return !this.destroyed && this.visible;
  }
}

export interface MenuItemSpec {
  id?: string;
  label?: string;
  type?: string;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export class Menu {
  static built: Menu[] = [];
  constructor(public items: MenuItemSpec[]) {}
  static buildFromTemplate(template: MenuItemSpec[]): Menu {
    // Menus keep their own items: later changes to the template do not reach a built menu.
    const copy = (items: MenuItemSpec[]): MenuItemSpec[] =>
      items.map((i) => ({ ...i, ...(i.submenu ? { submenu: copy(i.submenu) } : {}) }));
    const menu = new Menu(copy(template));
    Menu.built.push(menu);
    return menu;
  }
  /** Depth-first search by id. */
  find(id: string): MenuItemSpec | undefined {
    return this.locate(id)?.item;
  }
  private locate(id: string): { item: MenuItemSpec; siblings: MenuItemSpec[] } | undefined {
    const walk = (items: MenuItemSpec[]): { item: MenuItemSpec; siblings: MenuItemSpec[] } | undefined => {
      for (const item of items) {
        if (item.id === id) return { item, siblings: items };
        const inner = item.submenu ? walk(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(this.items);
  }
  /**
   * The user selects an item. d.ts (MenuItem.checked): "A `checkbox` menu item will toggle the `checked` property
   * on and off when selected. A `radio` menu item will turn on its `checked` property when clicked, and will turn
   * off that property for all adjacent items in the same menu." Then the item's click handler runs.
   */
  select(id: string): void {
    const found = this.locate(id);
    if (!found) throw new Error(`no menu item ${id}`);
    const { item, siblings } = found;
    if (item.type === 'checkbox') item.checked = !item.checked;
    if (item.type === 'radio') {
      const at = siblings.indexOf(item);
      for (let i = at - 1; i >= 0 && siblings[i]!.type === 'radio'; i -= 1) siblings[i]!.checked = false;
      for (let i = at + 1; i < siblings.length && siblings[i]!.type === 'radio'; i += 1) siblings[i]!.checked = false;
      item.checked = true;
    }
    item.click?.();
  }
}

export class FakeImage {
  #template: boolean;
  constructor(
    public path: string,
    public size?: { width: number; height: number },
  ) {
    // docs/api/native-image.md, "Template Image": on macOS, a file whose name ends with "Template" is loaded as a
    // template image (drawn by the menu bar in its own colour, light or dark).
    this.#template = state.platform === 'darwin' && /Template(@\dx)?\.png$/.test(path);
  }
  /** d.ts: `isMacTemplateImage` — "Whether the image is a macOS template image." */
  get isMacTemplateImage(): boolean {
    return this.#template;
  }
  /** A resized image is a new image: the template flag is not carried over. */
  resize(size: { width: number; height: number }): FakeImage {
    const image = new FakeImage(this.path, size);
    image.#template = false;
    return image;
  }
  setTemplateImage(option: boolean): void {
    this.#template = option;
  }
}
export const nativeImage = {
  createFromPath: (path: string): FakeImage => new FakeImage(path),
};

/**
 * Linux trays. docs/api/tray.md, Platform Considerations, Linux: "Tray icon uses StatusNotifierItem by default,
 * when it is not available in user's desktop environment the GtkStatusIcon will be used instead", and "The `click`
 * event is emitted when the tray icon receives activation from user, however the StatusNotifierItem spec does not
 * specify which action would cause an activation, for some environments it is left mouse click, but for some it
 * might be double left mouse click." Stock GNOME shows neither kind of icon (issue 12): the Tray object exists, the
 * user sees nothing.
 */
export const linuxTray = {
  /** Whether the desktop shows tray icons at all. */
  host: true,
  /** Which user action the host treats as activation (then emitted as 'click'). */
  activation: 'click' as 'click' | 'double-click',
};

export class Tray extends Emitter {
  static created: Tray[] = [];
  image: FakeImage;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(image: FakeImage) {
    super();
    // docs/tutorial/tray.md: the Tray is created in `app.whenReady` "as we will need to wait for our electron app
    // to finish initializing".
    requireReady('Tray', 'docs/tutorial/tray.md');
    this.image = image;
    Tray.created.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  /**
   * On Linux a change to a menu item shows only once the menu is set again (docs/api/tray.md, Platform
   * Considerations: "you have to call `setContextMenu` again"); the model keeps the menu the tray was given.
   */
  setContextMenu(menu: Menu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Whether the user can see (and use) the icon. */
  visibleToUser(): boolean {
    return !this.destroyed && (state.platform !== 'linux' || linuxTray.host);
  }
  /**
   * The user clicks the icon once. Windows and macOS: 'click' (macOS also opens the context menu). Linux: 'click'
   * where the host activates on a single click; nothing where it activates on a double click.
   */
  userClick(): void {
    if (!this.visibleToUser()) throw new Error('the user cannot click a tray icon that is not shown');
    if (state.platform === 'linux' && linuxTray.activation === 'double-click') return;
    this.fire('click', {});
  }
  /**
   * The user double-clicks the icon. Windows and macOS: 'click' then 'double-click' (d.ts: 'double-click' is
   * "@platform darwin,win32"). Linux: one activation, emitted as 'click', where the host activates on a double
   * click; two single-click activations elsewhere.
   */
  userDoubleClick(): void {
    if (!this.visibleToUser()) throw new Error('the user cannot click a tray icon that is not shown');
    if (state.platform === 'linux') {
      this.fire('click', {});
      if (linuxTray.activation === 'click') this.fire('click', {});
      return;
    }
    this.fire('click', {});
    this.fire('double-click', {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications.

/** What the OS shows: a toast outlives the JavaScript object that raised it. */
export class ShownToast {
  inActionCenter = false;
  readonly ref: WeakRef<Notification>;
  readonly clsid: string;
  constructor(
    notification: Notification,
    public readonly options: NotificationOptions,
    public readonly platform: NodeJS.Platform,
  ) {
    this.ref = new WeakRef(notification);
    this.clsid = app.toastActivatorCLSID;
  }
  /** The toast's launch arguments (the `launch` attribute of its toastXml), what Windows hands back on a click. */
  get launchArguments(): string {
    const match = /<toast\b[^>]*\blaunch="([^"]*)"/.exec(this.options.toastXml ?? '');
    return match ? unescapeXml(match[1]!) : '';
  }
  /** The JavaScript object, while it has not been garbage-collected. */
  notification(): Notification | undefined {
    return this.ref.deref();
  }
  /**
   * Windows: the toast times out and moves to the Action Center. The object emits 'close'; from then on a click
   * on it is not delivered to the object (electron/electron #24524: "Once notification is displayed and moves to
   * the Action Center, click events are not delivered to the app").
   */
  timeOut(): void {
    if (this.platform === 'win32') this.inActionCenter = true;
    this.notification()?.emit('close', {});
  }
  /** Test shorthand kept from the first fake: 'click' is a user click, 'close' a time-out. */
  emit(event: 'click' | 'close', ..._details: unknown[]): void {
    if (event === 'click') this.click();
    else this.timeOut();
  }
  /**
   * The user clicks the toast (or its entry in the Action Center / Notification Center).
   * - The object's 'click' fires if the object still exists and the toast is not in the Action Center.
   * - Windows: `Notification.handleActivation`'s callback fires too, "regardless of whether the original
   *   Notification object is still in memory", "in addition to instance events" (d.ts, handleActivation) — but
   *   only if the toast was raised under the CLSID that is registered now: without `app.setToastActivatorCLSID`
   *   "a random CLSID is generated once per run" (d.ts), so after a restart Windows cannot route the old toast.
   */
  click(): void {
    const instance = this.inActionCenter ? undefined : this.notification();
    instance?.emit('click', {});
    if (this.platform === 'win32' && this.clsid === app.toastActivatorCLSID) {
      Notification.activate({ type: 'click', arguments: this.launchArguments });
    }
  }
  /**
   * The buttons the OS shows. docs/api/structures/notification-action.md, "Platform / Action Support": `button` —
   * "macOS, Windows"; so Linux shows none. On Windows a custom `toastXml` "supersedes all properties above"
   * (d.ts), so the buttons are its `<action content=… arguments=…>` elements, not `actions`.
   */
  get buttons(): { text: string; arguments: string }[] {
    if (this.platform === 'win32' && this.options.toastXml !== undefined) {
      return [...this.options.toastXml.matchAll(/<action\b[^>]*\bcontent="([^"]*)"[^>]*\barguments="([^"]*)"/g)].map(
        (m) => ({ text: unescapeXml(m[1]!), arguments: unescapeXml(m[2]!) }),
      );
    }
    if (this.platform === 'darwin' || this.platform === 'win32')
      return (this.options.actions ?? [])
        .filter((a) => a.type === 'button')
        .map((a) => ({ text: a.text ?? '', arguments: '' }));
    return [];
  }
  /**
   * The user presses button `index`. The object emits 'action' with `{ actionIndex, selectionIndex: -1 }` and the
   * deprecated index arguments (d.ts `on('action', (details, actionIndex, selectionIndex))`); on Windows the
   * activation callback gets type 'action' with the button's `arguments` (d.ts ActivationArguments: "For 'action'
   * type, the index of the button that was clicked"). A button the OS does not show cannot be pressed.
   */
  pressAction(index: number): void {
    const button = this.buttons[index];
    if (!button) throw new Error(`no notification button ${index} on ${this.platform}`);
    const instance = this.inActionCenter ? undefined : this.notification();
    instance?.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
    if (this.platform === 'win32' && this.clsid === app.toastActivatorCLSID) {
      Notification.activate({ type: 'action', actionIndex: index, arguments: button.arguments });
    }
  }
}

function unescapeXml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

interface NotificationOptions {
  title: string;
  body: string;
  /** d.ts NotificationConstructorOptions: "Whether or not to suppress the OS notification noise when showing the notification." */
  silent?: boolean;
  icon?: string;
  id?: string;
  toastXml?: string;
  /** d.ts NotificationConstructorOptions: "Actions to add to the notification." */
  actions?: { type: 'button' | 'selection'; text?: string }[];
}

interface ActivationArguments {
  type: string;
  arguments: string;
  actionIndex?: number;
}

let gcFunction: (() => void) | null = null;
/** V8's real garbage collector (the flag can be set at run time; the function is read from a fresh context). */
function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

export class Notification extends Emitter {
  /** Toasts the OS displayed, newest last. They hold the notification weakly: the app must keep its own reference. */
  static shown: ShownToast[] = [];
  /** Toasts Windows refused to display (no Start Menu shortcut for the AppUserModelId). */
  static dropped: NotificationOptions[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  private static activationHandler: ((details: ActivationArguments) => void) | null = null;
  private static pendingActivations: ActivationArguments[] = [];

  /**
   * d.ts: `static handleActivation(callback)` — "@platform win32". It does not exist elsewhere. "If an activation
   * already occurred before calling this method, the callback is invoked immediately with those details." "The
   * callback remains registered until replaced by another call".
   */
  static get handleActivation(): ((callback: (details: ActivationArguments) => void) => void) | undefined {
    if (state.platform !== 'win32') return undefined;
    return (callback) => {
      Notification.activationHandler = callback;
      for (const details of Notification.pendingActivations.splice(0)) callback(details);
    };
  }
  /** Windows routes an activation to the app (through the toast activator COM server). */
  static activate(details: ActivationArguments): void {
    if (Notification.activationHandler) Notification.activationHandler(details);
    else Notification.pendingActivations.push(details);
  }
  static hasActivationHandler(): boolean {
    return Notification.activationHandler !== null;
  }

  /** Runs V8's garbage collector: notifications nothing references any more are gone afterwards. */
  static async collect(): Promise<void> {
    // WeakRefs stay alive until the end of the current job: let it end first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    collectGarbage();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  constructor(public options: NotificationOptions) {
    super();
  }
  show(): void {
    // docs/tutorial/notifications.md (Windows): "a shortcut to your app with an Application User Model ID must be
    // installed to the Start Menu"; in development, pin electron.exe and call
    // `app.setAppUserModelId(process.execPath)`. Without a matching shortcut Windows shows nothing, silently.
    if (
      state.platform === 'win32' &&
      (app.appUserModelId === null || !app.startMenuShortcuts.has(app.appUserModelId))
    ) {
      Notification.dropped.push(this.options);
      return;
    }
    Notification.shown.push(new ShownToast(this, this.options, state.platform));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// app

class FakeApp extends Emitter {
  paths = new Map<string, string>([['userData', '/nonexistent/tidings-user-data']]);
  lockAvailable = true;
  appUserModelId: string | null = null;
  /**
   * AppUserModelIds that have a Start Menu shortcut: the installer's (app id) for a packaged app; electron.exe
   * pinned to Start (AUMID = its path) in development, as the notifications tutorial suggests.
   */
  startMenuShortcuts = new Set<string>([process.execPath]);
  /** d.ts: "If this method is never called, a random CLSID is generated once per run". */
  toastActivatorCLSID = randomClsid();
  badge: number | null = null;
  loginItem: unknown = null;
  /** Every setLoginItemSettings call, with the options the platform actually reads. */
  loginItemCalls: Record<string, unknown>[] = [];
  quitCalls = 0;
  isPackaged = false;

  isReady(): boolean {
    return state.ready;
  }
  whenReady(): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() => {
        state.ready = true;
        this.emit('ready');
        resolve();
      }),
    );
  }
  /**
   * d.ts: `setBadgeCount` is "@platform linux,darwin" (absent on Windows). "On Linux, the badge is associated with
   * the app's `.desktop` file, so `app.setDesktopName` (or the `desktopName` field in `package.json`) must match".
   */
  get setBadgeCount(): ((count?: number) => boolean) | undefined {
    if (!onPlatform('linux', 'darwin')) return undefined;
    return (count = 0) => {
      if (state.platform === 'linux' && !appPackage.desktopName) return false;
      this.badge = count;
      return true;
    };
  }
  /**
   * d.ts Settings: `args`, `path`, `enabled`, `name` are "@platform win32"; `type`, `serviceName` "@platform
   * darwin"; `setLoginItemSettings` itself is "@platform darwin,win32" (on Linux it does nothing). What the other
   * OS does not read is dropped here, as the OS would ignore it.
   */
  setLoginItemSettings(settings: Record<string, unknown>): void {
    if (!onPlatform('darwin', 'win32')) return;
    const reads =
      state.platform === 'win32'
        ? ['openAtLogin', 'path', 'args', 'enabled', 'name']
        : ['openAtLogin', 'type', 'serviceName'];
    const applied = Object.fromEntries(Object.entries(settings).filter(([key]) => reads.includes(key)));
    this.loginItemCalls.push(applied);
    this.loginItem = applied;
  }
  /** PR #37244: on macOS 13+ (SMAppService) `wasOpenedAtLogin` is no longer reported; it is always false here. */
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    const item = this.loginItem as { openAtLogin?: boolean } | null;
    return { openAtLogin: item?.openAtLogin === true, wasOpenedAtLogin: false };
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exitCode: number | null = null;
  exit(code = 0): void {
    this.exitCode = code;
  }
  handedOver: unknown = undefined;
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    this.handedOver = additionalData;
    return this.lockAvailable;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return '/app';
  }
  /** d.ts `setAppUserModelId`: "@platform win32". */
  get setAppUserModelId(): ((id: string) => void) | undefined {
    if (state.platform !== 'win32') return undefined;
    return (id) => {
      this.appUserModelId = id;
    };
  }
  /**
   * d.ts `setToastActivatorCLSID`: "@platform win32"; "Supplying an empty string or an unparsable value throws";
   * "should be called early (before showing notifications)".
   */
  get setToastActivatorCLSID(): ((id: string) => void) | undefined {
    if (state.platform !== 'win32') return undefined;
    return (id) => {
      const match = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i.exec(id);
      if (!match) throw new Error(`Invalid CLSID: ${id}`);
      this.toastActivatorCLSID = `{${match[1]!.toUpperCase()}}`;
    };
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  /** d.ts getLocale: "This API must be called after the `ready` event is emitted." */
  getLocale(): string {
    requireReady('app.getLocale()', 'electron.d.ts, app.getLocale');
    return 'en-US';
  }
  preferredLanguages = ['de-DE', 'en-US'];
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredLanguages];
  }
}

function randomClsid(): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16))
      .join('')
      .toUpperCase();
  return `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
}

export const app = new FakeApp();

type InvokeHandler = (event: unknown, payload: unknown) => Promise<unknown>;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

/**
 * `session.defaultSession.resolveProxy(url)`: "Resolves with the proxy information for `url`" (electron.d.ts,
 * Session) — a PAC-format string, "DIRECT" when no proxy applies.
 */
export const session = {
  /** electron.d.ts: "the default session object of the app, available after `app.whenReady` is called". */
  get defaultSession() {
    requireReady('session.defaultSession', 'electron.d.ts, Session.defaultSession');
    return defaultSession;
  },
};
const defaultSession = {
  proxy: 'DIRECT',
  resolved: [] as string[],
  resolveProxy(url: string): Promise<string> {
    defaultSession.resolved.push(url);
    return Promise.resolve(defaultSession.proxy);
  },
};

/**
 * docs/api/power-monitor.md: "This module cannot be used until the `ready` event of the `app` module is emitted."
 * d.ts: 'lock-screen' / 'unlock-screen' are "@platform darwin,win32" — a Linux desktop never emits them;
 * 'suspend' and 'resume' exist everywhere. `fire` refuses an event the current platform cannot emit.
 */
class FakePowerMonitor extends Emitter {
  static readonly platformEvents: Record<string, NodeJS.Platform[]> = {
    'lock-screen': ['darwin', 'win32'],
    'unlock-screen': ['darwin', 'win32'],
    'on-ac': ['darwin', 'win32'],
    'on-battery': ['darwin', 'win32'],
    shutdown: ['linux', 'darwin'],
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    requireReady('powerMonitor', 'docs/api/power-monitor.md');
    return super.on(event, listener);
  }
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    const only = typeof event === 'string' ? FakePowerMonitor.platformEvents[event] : undefined;
    if (only && !only.includes(state.platform)) {
      throw new Error(
        `powerMonitor '${String(event)}' is not emitted on ${state.platform} (electron.d.ts: ${only.join(',')})`,
      );
    }
    return super.emit(event, ...args);
  }
  /** Whether anything listens for this event (to check an adapter does not count on events that never come). */
  listens(event: string): boolean {
    return this.listenerCount(event) > 0;
  }
}
export const powerMonitor = new FakePowerMonitor();

export const net = {
  online: true,
  fetched: [] as string[],
  fetch(input: string, init?: RequestInit): Promise<Response> {
    net.fetched.push(input);
    return globalThis.fetch(input, init);
  },
  isOnline(): boolean {
    return net.online;
  },
};

export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  openPathResult: '',
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
  async openPath(path: string): Promise<string> {
    shell.openedPaths.push(path);
    return shell.openPathResult;
  },
};

export const clipboard = {
  text: '',
  writeText(text: string): void {
    clipboard.text = text;
  },
};

/**
 * safeStorage. The synchronous calls are deprecated in Electron 45 (d.ts: "**Deprecated:** Use
 * `safeStorage.encryptStringAsync(plainText)` instead", and likewise for decrypt and isEncryptionAvailable): they
 * record a deprecation warning here. The asynchronous ones initialise "lazily the first time ... called after the
 * app is ready" and reject before. "Data encrypted with `safeStorage.encryptString` can be decrypted with
 * `safeStorage.decryptStringAsync`": both use the same (reversible stand-in) cipher.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  /**
   * The OS key's generation. Raising it models a rotated key: older ciphertext still decrypts, and
   * decryptStringAsync reports `shouldReEncrypt` ("the key has been rotated", d.ts).
   */
  keyVersion: 1,
  deprecations: [] as string[],
  asyncCalls: 0,
  isEncryptionAvailable: (): boolean => {
    safeStorage.deprecations.push('isEncryptionAvailable');
    return safeStorage.available;
  },
  getSelectedStorageBackend: () => (state.ready ? safeStorage.backend : 'unknown'),
  encryptString: (plain: string): Buffer => {
    safeStorage.deprecations.push('encryptString');
    return seal(plain);
  },
  decryptString: (cipher: Buffer): string => {
    safeStorage.deprecations.push('decryptString');
    return open(cipher);
  },
  isAsyncEncryptionAvailable: async (): Promise<boolean> => {
    requireReady('safeStorage.isAsyncEncryptionAvailable', 'electron.d.ts, safeStorage');
    safeStorage.asyncCalls += 1;
    return safeStorage.available;
  },
  encryptStringAsync: async (plain: string): Promise<Buffer> => {
    requireReady('safeStorage.encryptStringAsync', 'electron.d.ts, safeStorage');
    safeStorage.asyncCalls += 1;
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    return seal(plain);
  },
  decryptStringAsync: async (cipher: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> => {
    requireReady('safeStorage.decryptStringAsync', 'electron.d.ts, safeStorage');
    safeStorage.asyncCalls += 1;
    const { version, plain } = openVersioned(cipher);
    return { shouldReEncrypt: version < safeStorage.keyVersion, result: plain };
  },
};
// Reversible stand-in for the OS keychain, tagged with the key generation: enough to prove the codec's base64
// framing round-trips and that a rotated key leads to a new ciphertext.
function seal(plain: string): Buffer {
  return Buffer.from(`enc:v${safeStorage.keyVersion}:${plain}`, 'utf8').reverse();
}
function openVersioned(cipher: Buffer): { version: number; plain: string } {
  const text = Buffer.from(cipher).reverse().toString('utf8');
  const match = /^enc:v(\d+):([\s\S]*)$/.exec(text);
  if (!match) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return { version: Number(match[1]), plain: match[2]! };
}
function open(cipher: Buffer): string {
  return openVersioned(cipher).plain;
}
/** The key generation a (base64) ciphertext was made with, for tests. */
export function cipherKeyVersion(base64: string): number {
  return openVersioned(Buffer.from(base64, 'base64')).version;
}

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  /** d.ts: "This method can only be used before the `ready` event of the `app` module gets emitted". */
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (state.ready && protocol.strictReady) throw new Error('registerSchemesAsPrivileged after ready');
    protocol.privileged.push(...schemes);
  },
  /** Only checked when the model starts before ready (the composition root); adapter tests start ready. */
  strictReady: false,
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

/**
 * What the user answers in message boxes (the index of the button), first in first out; 0 when none is queued.
 * Save dialogs answer from `saveAnswers` (a path, or null for Cancel; Cancel when none is queued).
 */
export const dialog = {
  shown: [] as unknown[],
  errors: [] as [string, string][],
  answers: [] as number[],
  saveAnswers: [] as (string | null)[],
  /** Every showSaveDialog call: whether it had a parent window, and its options. */
  saves: [] as { parent: BrowserWindow | null; options: { defaultPath?: string } }[],
  /**
   * d.ts `showSaveDialog([window, ]options): Promise<SaveDialogReturnValue>`: "`canceled` boolean - whether or not
   * the dialog was canceled"; "`filePath` string - If the dialog is canceled, this will be an empty string."
   */
  async showSaveDialog(
    ...args: [BrowserWindow, { defaultPath?: string }] | [{ defaultPath?: string }]
  ): Promise<{ canceled: boolean; filePath: string }> {
    const [parent, options] = args.length === 2 ? args : [null, args[0]];
    dialog.saves.push({ parent, options });
    const answer = dialog.saveAnswers.shift() ?? null;
    return answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer };
  },
  showErrorBox(title: string, content: string): void {
    dialog.errors.push([title, content]);
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    dialog.shown.push(args);
    return { response: dialog.answers.shift() ?? 0, checkboxChecked: false };
  },
};

// Preload side.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invocations: { channel: string; payload: unknown }[] = [];
  reply: (channel: string, payload: unknown) => unknown = () => ({ ok: true, data: null });
  async invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invocations.push({ channel, payload });
    return this.reply(channel, payload);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export interface FakeOptions {
  /** The OS being modelled (also set as process.platform). Default: the real one. */
  platform?: NodeJS.Platform;
  /** Whether the app is already ready (adapter tests) or starts before `ready` (the composition root). */
  ready?: boolean;
}

/** Reset all recorded state between tests. */
export function resetFakeElectron(options: FakeOptions = {}): void {
  setPlatform(options.platform ?? realPlatform);
  state.ready = options.ready ?? true;
  protocol.strictReady = options.ready === false;
  BrowserWindow.created = [];
  Menu.built = [];
  Tray.created = [];
  linuxTray.host = true;
  linuxTray.activation = 'click';
  Notification.shown = [];
  Notification.dropped = [];
  Notification.supported = true;
  forgetActivationHandler();
  app.removeAllListeners();
  app.badge = null;
  app.preferredLanguages = ['de-DE', 'en-US'];
  app.loginItem = null;
  app.loginItemCalls = [];
  app.quitCalls = 0;
  app.lockAvailable = true;
  app.isPackaged = false;
  app.appUserModelId = null;
  app.startMenuShortcuts = new Set([process.execPath]);
  app.toastActivatorCLSID = randomClsid();
  app.paths = new Map([['userData', '/nonexistent/tidings-user-data']]);
  ipcMain.handlers.clear();
  powerMonitor.removeAllListeners();
  net.online = true;
  net.fetched = [];
  defaultSession.proxy = 'DIRECT';
  defaultSession.resolved = [];
  shell.opened = [];
  shell.openedPaths = [];
  shell.openPathResult = '';
  clipboard.text = '';
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.keyVersion = 1;
  safeStorage.deprecations = [];
  safeStorage.asyncCalls = 0;
  protocol.privileged = [];
  protocol.handlers.clear();
  dialog.shown = [];
  dialog.errors = [];
  dialog.answers = [];
  dialog.saveAnswers = [];
  dialog.saves = [];
  app.exitCode = null;
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations = [];
}

function forgetActivationHandler(): void {
  (Notification as unknown as { activationHandler: unknown }).activationHandler = null;
  (Notification as unknown as { pendingActivations: unknown[] }).pendingActivations = [];
}

/**
 * The app process ends and starts again: everything in memory is gone (listeners, handlers, windows, the per-run
 * CLSID), while what the OS keeps stays — toasts in the Action Center, login items, shortcuts.
 */
export function restartApp(): void {
  const toasts = Notification.shown;
  const loginItem = app.loginItem;
  const shortcuts = app.startMenuShortcuts;
  const packaged = app.isPackaged;
  resetFakeElectron({ platform: state.platform, ready: false });
  Notification.shown = toasts;
  app.loginItem = loginItem;
  app.startMenuShortcuts = shortcuts;
  app.isPackaged = packaged;
}

/** Model another OS from now on, keeping everything recorded so far. */
export function usePlatform(platform: NodeJS.Platform): void {
  setPlatform(platform);
}

/** The platform the model currently stands for. */
export function fakePlatform(): NodeJS.Platform {
  return state.platform;
}

/** Put process.platform back (after a test that modelled another OS). */
export function restoreRealPlatform(): void {
  setPlatform(realPlatform);
}

export default {
  BrowserWindow,
  Menu,
  Tray,
  Notification,
  nativeImage,
  app,
  ipcMain,
  powerMonitor,
  net,
  session,
  shell,
  clipboard,
  safeStorage,
  protocol,
  dialog,
  contextBridge,
  ipcRenderer,
};
