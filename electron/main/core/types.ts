/**
 * What core needs from its host and what it offers to it. Core is plain Node: the platform layer (Electron) and
 * the test/web harness (plain Node) both construct it with these options. Nothing here resolves paths, time or
 * network at import.
 */
import type { FeedStatus, PauseSource, Settings, Feed } from '../../../shared/domain';
import type { ApiHandlers, PushSink } from '../../../shared/ipc/contract';
import type { CoreEvents } from './events';
import type { TransportOptions } from './net/transport';

export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export interface Clock {
  now(): number;
}

/** Timers, injectable so tests can own time. Handles are opaque. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Encrypts secret header values at rest. The platform supplies Electron's safeStorage, whose calls are
 * asynchronous (a Keychain prompt must not block the main thread): the feed store decrypts every stored secret
 * once at start-up and keeps a new secret in memory until its ciphertext is written.
 */
export interface SecretCodec {
  /** False when the OS offers no keychain: core then refuses to store secrets rather than storing them in clear. */
  readonly available: boolean;
  encrypt(plain: string): string | Promise<string>;
  decrypt(cipher: string): string | Promise<string>;
  /** After decrypt: whether this ciphertext was made with an older key and should be encrypted again. */
  shouldReEncrypt?(cipher: string): boolean;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Services only the host can provide (open a browser, reveal a folder, OS facts). */
export interface HostServices {
  /** Called with a URL already validated as http(s) by core. */
  openExternal(url: string): Promise<void>;
  openLogsFolder(): Promise<void>;
  /** Extra lines for "Copy diagnostics" (app/Electron/OS versions). Never secrets. */
  describe(): Record<string, string>;
  systemLocale(): string;
  /** Applies settings that live outside core (start at login). Runs on every settings change, whoever made it. */
  applySettings(settings: Settings): void;
  /**
   * "Send a test notification": shows one native notification now (do-not-disturb does not apply: the user asked).
   * Answers whether the system can show notifications. Hosts without any leave it out.
   */
  showNotification?(notification: { title: string; body: string; silent: boolean }): boolean;
  /**
   * Asks the user where to save a file (a save dialog), suggesting this name; the chosen path, or null when the
   * user cancelled. Hosts without a dialog leave it out (attachments cannot be downloaded there).
   */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
}

export interface CoreOptions {
  /** Folder holding the database file (created if missing). */
  dataDir: string;
  secrets: SecretCodec;
  /** What the host knows about the network (system proxy, trusted certificates); feeds connect through Node. */
  network?: TransportOptions;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** Application version for the snapshot and diagnostics. */
  version?: string;
}

/** A notice the user should see once (e.g. the database was corrupt and moved aside). */
export interface CoreNotice {
  kind: 'database-recovered';
  message: string;
  path: string;
}

/** Core as its hosts see it: the domain events (events.ts), the handler table, and the calls the tray makes. */
export interface Core extends CoreEvents {
  /**
   * The transport-agnostic handler table implementing the shared contract. The host's applySettings becomes a
   * subscriber of onDidChangeSettings, so a change from the window and one from the tray run the same code.
   */
  createHandlers(host: HostServices): ApiHandlers;
  /** Subscribe a window's push sink (IPC to a window, an HTTP stream in the harness): coalesced pushes. */
  onPush(sink: PushSink): () => void;
  feeds(): Feed[];
  statuses(): FeedStatus[];
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  /** The tray's and badge's count: unread messages of the feeds that are not muted. */
  unreadTotal(): number;
  addFeedFromUrl(url: string): Promise<Feed>;
  reconnectAll(): void;
  /** Pauses every feed, saying who did: the tray's Pause all, sleep, going offline (the window's is 'user'). */
  pauseAll(source: Exclude<PauseSource, 'feed'>): void;
  resumeAll(): void;
  notices: CoreNotice[];
  close(): Promise<void>;
}
