/**
 * A small stand-in for the 'electron' module, used with `vi.mock('electron', () => import('./fake-electron'))`.
 * It records what the adapters do (windows created, menus built, notifications shown, handlers registered) and
 * lets tests fire the events Electron would. Only the Electron boundary is faked; everything behind it is real.
 */
import { EventEmitter } from 'node:events';

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
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
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
    const menu = new Menu(template);
    Menu.built.push(menu);
    return menu;
  }
  /** Depth-first search by id. */
  find(id: string): MenuItemSpec | undefined {
    const walk = (items: MenuItemSpec[]): MenuItemSpec | undefined => {
      for (const item of items) {
        if (item.id === id) return item;
        const inner = item.submenu ? walk(item.submenu) : undefined;
        if (inner) return inner;
      }
      return undefined;
    };
    return walk(this.items);
  }
}

export class FakeImage {
  constructor(
    public path: string,
    public size?: { width: number; height: number },
  ) {}
  resize(size: { width: number; height: number }): FakeImage {
    return new FakeImage(this.path, size);
  }
}
export const nativeImage = {
  createFromPath: (path: string): FakeImage => new FakeImage(path),
};

export class Tray extends Emitter {
  static created: Tray[] = [];
  image: FakeImage;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    Tray.created.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends Emitter {
  static shown: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(public options: { title: string; body: string; icon?: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

class FakeApp extends Emitter {
  paths = new Map<string, string>([['userData', '/nonexistent/tidings-user-data']]);
  lockAvailable = true;
  appUserModelId: string | null = null;
  badge: number | null = null;
  loginItem: unknown = null;
  quitCalls = 0;
  isPackaged = false;
  setBadgeCount(count: number): boolean {
    this.badge = count;
    return true;
  }
  setLoginItemSettings(settings: unknown): void {
    this.loginItem = settings;
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
  whenReady(): Promise<void> {
    return Promise.resolve();
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
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getLocale(): string {
    return 'en-US';
  }
  preferredLanguages = ['de-DE', 'en-US'];
  getPreferredSystemLanguages(): string[] {
    return [...this.preferredLanguages];
  }
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
  defaultSession: {
    proxy: 'DIRECT',
    resolved: [] as string[],
    resolveProxy(url: string): Promise<string> {
      session.defaultSession.resolved.push(url);
      return Promise.resolve(session.defaultSession.proxy);
    },
  },
};

export const powerMonitor = new Emitter();
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

export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  // Reversible stand-in for the OS keychain: enough to prove the codec's base64 framing round-trips.
  encryptString: (plain: string): Buffer => Buffer.from(`enc:${plain}`, 'utf8').reverse(),
  decryptString: (cipher: Buffer): string => {
    const text = Buffer.from(cipher).reverse().toString('utf8');
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(4);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

export const dialog = {
  shown: [] as unknown[],
  errors: [] as [string, string][],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push([title, content]);
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    dialog.shown.push(args);
    return { response: 0 };
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

/** Reset all recorded state between tests. */
export function resetFakeElectron(): void {
  BrowserWindow.created = [];
  Menu.built = [];
  Tray.created = [];
  Notification.shown = [];
  Notification.supported = true;
  app.removeAllListeners();
  app.badge = null;
  app.preferredLanguages = ['de-DE', 'en-US'];
  app.loginItem = null;
  app.quitCalls = 0;
  app.lockAvailable = true;
  app.paths = new Map([['userData', '/nonexistent/tidings-user-data']]);
  ipcMain.handlers.clear();
  powerMonitor.removeAllListeners();
  net.online = true;
  net.fetched = [];
  session.defaultSession.proxy = 'DIRECT';
  session.defaultSession.resolved = [];
  shell.opened = [];
  shell.openedPaths = [];
  shell.openPathResult = '';
  clipboard.text = '';
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  protocol.privileged = [];
  protocol.handlers.clear();
  dialog.shown = [];
  dialog.errors = [];
  app.exitCode = null;
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations = [];
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
