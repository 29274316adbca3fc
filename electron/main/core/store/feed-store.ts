/**
 * Feed configurations. Secret header values are stored only as ciphertext from the injected SecretCodec; when the
 * codec is unavailable, saving a secret is refused instead of falling back to clear text. Views handed out
 * (Feed.headers) never carry a secret's value.
 *
 * The codec may be asynchronous (Electron's safeStorage). `unlock()` decrypts every stored secret once before the
 * feeds connect; a secret saved later is kept in memory and its ciphertext written as soon as the codec returns it
 * (`flushSecrets()` waits for those writes). Until then the row holds a placeholder, never the secret.
 */
import type { Feed, HeaderView } from '../../../../shared/domain';
import { problemEnglish, type Problem } from '../../../../shared/problem';
import { issue, type ErrorCode, type FieldIssue } from '../../../../shared/result';
import { defaultFeedInput, FEED_COLOURS, normaliseUrl, type FeedColour } from '../../../../shared/rules';
import {
  notificationRule,
  publishTarget,
  type FeedInput,
  type ServerOptionsInput,
} from '../../../../shared/ipc/schemas';
import type { Logger, SecretCodec } from '../types';
import type { Db } from './database';
import {
  isProfileSetting,
  type FeedServerOptions,
  type FirstSince,
  type ProfileSetting,
  type PublishTargetSetting,
} from '../../../../shared/message-fields';

interface StoredHeader {
  name: string;
  secret: boolean;
  /** Plain headers only. */
  value?: string;
  /** Secret headers only: SecretCodec ciphertext. */
  cipher?: string;
  /** No value yet (a secret left out of an export): never sent; the feed asks for it. */
  needsValue?: boolean;
}

type FeedRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  string | null,
  string,
  string | null,
  number,
  number,
  string | null,
];
const FEED_COLUMNS =
  'id, name, url, headers, event_types, notify, idle_timeout_sec, enabled, created_at, trusted_ca, profile, server, ' +
  'muted, count_unread, colour';

/** A feed's server options as stored: the view's fields, the publisher token as ciphertext. */
interface StoredServer {
  firstSince?: FirstSince;
  authInQuery?: boolean;
  publish?: PublishTargetSetting | null;
  /** Mercure's publisher token: SecretCodec ciphertext (or a pending placeholder). */
  tokenCipher?: string;
}

const isStoredServer = (v: unknown): v is StoredServer => {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as StoredServer;
  return (
    (s.publish === undefined || s.publish === null || publishTarget.safeParse(s.publish).success) &&
    (s.tokenCipher === undefined || typeof s.tokenCipher === 'string')
  );
};

function serverView(stored: StoredServer | undefined): FeedServerOptions | undefined {
  if (!stored) return undefined;
  const { tokenCipher, ...view } = stored;
  return tokenCipher ? { ...view, hasPublishToken: true } : view;
}

const isFeedColour = (v: unknown): v is FeedColour => (FEED_COLOURS as readonly unknown[]).includes(v);

/** The optional per-feed switches as a Feed carries them (absent when default). */
function feedOptionsOf(muted: boolean, countUnread: boolean, colour: FeedColour | null): Partial<Feed> {
  return {
    ...(muted ? { muted: true } : {}),
    ...(countUnread ? {} : { countUnread: false }),
    ...(colour ? { colour } : {}),
  };
}

/** A problem with what the user asked to save, with the Result code to report it under. */
/** A request core refuses: its error code, the language-neutral problem, and the fields at fault. */
export class FeedInputError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problem: Problem,
    readonly issues?: FieldIssue[],
  ) {
    super(problemEnglish(problem));
  }
}

export function defaultFeedName(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname;
    return (u.host + path).slice(0, 200);
  } catch {
    return url.slice(0, 200);
  }
}

/** Comparable form of a URL for duplicate detection. */
export { normaliseUrl };

/** Parses a stored JSON column; a damaged or ill-shaped value gives the fallback (and is reported), never a throw. */
function column<T>(text: string, accept: (value: unknown) => value is T, fallback: T, problem: () => void): T {
  try {
    const value: unknown = JSON.parse(text);
    if (accept(value)) return value;
  } catch {
    // fall through
  }
  problem();
  return fallback;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isNotifyRule = (v: unknown): v is Feed['notify'] => notificationRule.safeParse(v).success;
const isHeaderList = (v: unknown): v is StoredHeader[] =>
  Array.isArray(v) &&
  v.every(
    (h) =>
      typeof h === 'object' &&
      h !== null &&
      typeof (h as StoredHeader).name === 'string' &&
      typeof (h as StoredHeader).secret === 'boolean',
  );

interface Record_ {
  feed: Feed;
  headers: StoredHeader[];
  server?: StoredServer;
}

/** A secret whose ciphertext is still being computed: the row holds this instead. */
const PENDING = 'pending-encryption:';

export class FeedStore {
  private readonly cache = new Map<string, Record_>();
  /** Decrypted secrets by ciphertext (or pending placeholder). Memory only. */
  private readonly plain = new Map<string, string>();
  private readonly pendingWrites = new Set<Promise<void>>();
  private pendingCount = 0;

  constructor(
    private readonly db: Db,
    private readonly codec: SecretCodec,
    private readonly logger?: Logger,
  ) {
    const rows = db.prepare(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY position, created_at`).raw().all() as FeedRow[];
    for (const row of rows) this.cache.set(row[0], this.fromRow(row));
  }

  /**
   * A damaged configuration column (hand-edited or bit-rotted database) must not keep the app from starting or
   * lose the feed: that part falls back to its default and the problem is logged.
   */
  private fromRow(r: FeedRow): Record_ {
    const problem = (what: string) => () =>
      this.logger?.warn(`Feed ${r[0]} (${r[2]}): stored ${what} were unreadable and have been reset`);
    const headers = column(r[3], isHeaderList, [], problem('request headers'));
    const server = r[11] === null ? undefined : column(r[11], isStoredServer, {}, problem('server options'));
    const view = serverView(server);
    return {
      headers,
      ...(server ? { server } : {}),
      feed: {
        id: r[0],
        name: r[1],
        url: r[2],
        headers: headers.map(toView),
        eventTypes: column(r[4], isStringArray, [], problem('event types')),
        notify: column(r[5], isNotifyRule, defaultFeedInput('').notify, problem('notification rules')),
        idleTimeoutSec: r[6],
        enabled: r[7] === 1,
        createdAt: r[8],
        ...(r[9] ? { trustedCa: r[9] } : {}),
        profile: isProfileSetting(r[10]) ? r[10] : 'auto',
        ...(view ? { server: view } : {}),
        ...feedOptionsOf(r[12] === 1, r[13] !== 0, isFeedColour(r[14]) ? r[14] : null),
      },
    };
  }

  /** Decrypts every stored secret (the codec may be asynchronous); undecryptable ones are reported when used. */
  async unlock(): Promise<void> {
    const ciphers = new Set<string>();
    for (const r of this.cache.values()) {
      for (const h of r.headers) if (h.secret && h.cipher) ciphers.add(h.cipher);
      if (r.server?.tokenCipher) ciphers.add(r.server.tokenCipher);
    }
    await Promise.all(
      [...ciphers].map(async (cipher) => {
        if (cipher.startsWith(PENDING)) return;
        try {
          this.plain.set(cipher, await this.codec.decrypt(cipher));
        } catch {
          // Left out of the cache: connectionHeaders reports it and connects without it.
          return;
        }
        // The OS rotated its key: still readable, but stored again under the new one.
        if (this.codec.shouldReEncrypt?.(cipher)) this.reseal(cipher);
      }),
    );
  }

  private reseal(cipher: string): void {
    const plain = this.plain.get(cipher) as string;
    const next = this.seal(plain);
    for (const record of this.cache.values()) {
      if (!record.headers.some((h) => h.cipher === cipher)) continue;
      for (const h of record.headers) if (h.cipher === cipher) h.cipher = next;
      // A placeholder is written over when the new ciphertext arrives; until then the row keeps the old one.
      if (!next.startsWith(PENDING)) this.persistHeaders(record);
    }
  }

  private persistHeaders(record: Record_): void {
    this.db.prepare('UPDATE feeds SET headers = ? WHERE id = ?').run(JSON.stringify(record.headers), record.feed.id);
  }

  /** Waits until every secret saved so far has its ciphertext written. */
  async flushSecrets(): Promise<void> {
    while (this.pendingWrites.size > 0) await Promise.all([...this.pendingWrites]);
  }

  private reveal(cipher: string): string {
    const known = this.plain.get(cipher);
    if (known !== undefined) return known;
    if (cipher.startsWith(PENDING)) throw new Error('This secret was never stored (the app ended while saving it).');
    const result = this.codec.decrypt(cipher);
    if (typeof result !== 'string') {
      result.catch(() => undefined);
      throw new Error('This secret could not be decrypted when Tidings started.');
    }
    this.plain.set(cipher, result);
    return result;
  }

  /** The ciphertext of a new secret now, or a placeholder written over once the codec answers. */
  private seal(plain: string): string {
    const sealed = this.codec.encrypt(plain);
    if (typeof sealed === 'string') {
      this.plain.set(sealed, plain);
      return sealed;
    }
    this.pendingCount += 1;
    const placeholder = `${PENDING}${this.pendingCount}`;
    this.plain.set(placeholder, plain);
    const write: Promise<void> = sealed
      .then((cipher) => this.replacePlaceholder(placeholder, cipher, plain))
      .catch((error: unknown) =>
        this.logger?.error('Encrypting a secret header failed: it is kept until Tidings quits, not stored', error),
      )
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
    return placeholder;
  }

  private replacePlaceholder(placeholder: string, cipher: string, plain: string): void {
    this.plain.set(cipher, plain);
    this.plain.delete(placeholder);
    for (const record of this.cache.values()) {
      let changed = false;
      for (const h of record.headers) {
        if (h.cipher === placeholder) {
          h.cipher = cipher;
          changed = true;
        }
      }
      if (changed) this.persistHeaders(record);
      if (record.server?.tokenCipher === placeholder) {
        record.server.tokenCipher = cipher;
        this.db.prepare('UPDATE feeds SET server = ? WHERE id = ?').run(JSON.stringify(record.server), record.feed.id);
      }
    }
  }

  /** False when the codec cannot encrypt: secret headers are then refused. */
  get canStoreSecrets(): boolean {
    return this.codec.available;
  }

  list(): Feed[] {
    return [...this.cache.values()].map((r) => r.feed);
  }

  ids(): Set<string> {
    return new Set(this.cache.keys());
  }

  get(id: string): Feed | undefined {
    return this.cache.get(id)?.feed;
  }

  findByUrl(url: string): Feed | undefined {
    const wanted = normaliseUrl(url);
    for (const r of this.cache.values()) if (normaliseUrl(r.feed.url) === wanted) return r.feed;
    return undefined;
  }

  /** Header values for the connection, secrets decrypted. Undecryptable secrets are left out and reported. */
  connectionHeaders(id: string, onError?: (headerName: string, error: unknown) => void): Record<string, string> {
    const out: Record<string, string> = {};
    const record = this.cache.get(id);
    if (!record) return out;
    for (const h of record.headers) {
      if (h.needsValue) continue;
      if (!h.secret) {
        out[h.name] = h.value ?? '';
        continue;
      }
      try {
        out[h.name] = this.reveal(h.cipher ?? '');
      } catch (error) {
        onError?.(h.name, error);
      }
    }
    return out;
  }

  /** The feed's Mercure publisher token, decrypted; null when none is stored (or it cannot be decrypted). */
  publishToken(id: string): string | null {
    const cipher = this.cache.get(id)?.server?.tokenCipher;
    if (!cipher) return null;
    try {
      return this.reveal(cipher);
    } catch (error) {
      this.logger?.warn(`Feed ${id}: the publisher token could not be decrypted`, error);
      return null;
    }
  }

  /** Headers for export: secrets decrypted only when asked for, otherwise value null. */
  /** Names of the headers that have no value yet (the connection cannot send them). */
  headersNeedingValue(id: string): string[] {
    return (this.cache.get(id)?.headers ?? []).filter((h) => h.needsValue).map((h) => h.name);
  }

  /**
   * Headers for export. A secret's value only when asked for; otherwise — or when it cannot be decrypted, or has
   * none yet — the header keeps its name with an empty value marked `needsValue`, so the imported feed asks for it.
   */
  exportHeaders(
    id: string,
    includeSecrets: boolean,
  ): { name: string; secret: boolean; value: string; needsValue?: true }[] {
    const record = this.cache.get(id);
    if (!record) return [];
    const needsValue = (h: StoredHeader) => ({ name: h.name, secret: h.secret, value: '', needsValue: true as const });
    return record.headers.map((h) => {
      if (h.needsValue) return needsValue(h);
      if (!h.secret) return { name: h.name, secret: false, value: h.value ?? '' };
      if (!includeSecrets) return needsValue(h);
      try {
        return { name: h.name, secret: true, value: this.reveal(h.cipher ?? '') };
      } catch {
        return needsValue(h);
      }
    });
  }

  create(input: FeedInput, id: string, now: number): Feed {
    const headers = this.buildHeaders(input.headers, []);
    const position = ((this.db.prepare('SELECT max(position) FROM feeds').raw().get() as [number | null])[0] ?? -1) + 1;
    const record = this.toRecord(id, input, headers, now, this.buildServer(input.server, undefined));
    this.db
      .prepare(`INSERT INTO feeds(position, ${FEED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(position, ...this.rowValues(record));
    this.cache.set(id, record);
    return record.feed;
  }

  update(id: string, input: FeedInput): Feed {
    const existing = this.cache.get(id);
    if (!existing) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
    const headers = this.buildHeaders(input.headers, existing.headers);
    const server = this.buildServer(input.server, existing.server);
    const record = this.toRecord(id, input, headers, existing.feed.createdAt, server);
    const values = this.rowValues(record);
    this.db
      .prepare(
        'UPDATE feeds SET name = ?, url = ?, headers = ?, event_types = ?, notify = ?, idle_timeout_sec = ?, ' +
          'enabled = ?, trusted_ca = ?, profile = ?, server = ?, muted = ?, count_unread = ?, colour = ? WHERE id = ?',
      )
      .run(
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        values[6],
        values[7],
        values[9],
        values[10],
        values[11],
        values[12],
        values[13],
        values[14],
        id,
      );
    this.cache.set(id, record);
    return record.feed;
  }

  /** The sidebar menu's switches (mute, count as unread, colour); what is not given stays. */
  setOptions(id: string, patch: { muted?: boolean; countUnread?: boolean; colour?: FeedColour | null }): Feed {
    const existing = this.cache.get(id);
    if (!existing) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
    const f = existing.feed;
    const muted = patch.muted ?? f.muted === true;
    const countUnread = patch.countUnread ?? f.countUnread !== false;
    const colour = patch.colour === undefined ? (f.colour ?? null) : patch.colour;
    this.db
      .prepare('UPDATE feeds SET muted = ?, count_unread = ?, colour = ? WHERE id = ?')
      .run(muted ? 1 : 0, countUnread ? 1 : 0, colour, id);
    const rest: Feed = { ...f };
    delete rest.muted;
    delete rest.countUnread;
    delete rest.colour;
    const record = { ...existing, feed: { ...rest, ...feedOptionsOf(muted, countUnread, colour) } };
    this.cache.set(id, record);
    return record.feed;
  }

  /** Keeps the profile an `auto` feed's first events showed (the next start then resumes the server's way). */
  setProfile(id: string, profile: ProfileSetting): Feed | null {
    const existing = this.cache.get(id);
    if (!existing) return null;
    this.db.prepare('UPDATE feeds SET profile = ? WHERE id = ?').run(profile, id);
    const record = { ...existing, feed: { ...existing.feed, profile } };
    this.cache.set(id, record);
    return record.feed;
  }

  remove(id: string): boolean {
    const changes = this.db.prepare('DELETE FROM feeds WHERE id = ?').run(id).changes;
    this.cache.delete(id);
    return changes > 0;
  }

  /**
   * The server options to store. Absent input keeps what is stored (an editor or an import that does not know
   * them); a publisher token given as null (or absent) keeps the stored one, '' removes it, text is encrypted.
   */
  private buildServer(
    input: ServerOptionsInput | undefined,
    stored: StoredServer | undefined,
  ): StoredServer | undefined {
    if (input === undefined) return stored;
    const { publishToken, ...rest } = input;
    const out: StoredServer = { ...rest };
    if (publishToken === null || publishToken === undefined) {
      if (stored?.tokenCipher) out.tokenCipher = stored.tokenCipher;
    } else if (publishToken !== '') {
      if (!this.codec.available) {
        const problem: Problem = { kind: 'noSecureStorage' };
        throw new FeedInputError('unsupported', problem, [issue('server.publishToken', problem)]);
      }
      out.tokenCipher = this.seal(publishToken);
    }
    return out;
  }

  private toRecord(
    id: string,
    input: FeedInput,
    headers: StoredHeader[],
    createdAt: number,
    server?: StoredServer,
  ): Record_ {
    const name = input.name.trim() || defaultFeedName(input.url);
    const view = serverView(server);
    return {
      headers,
      ...(server ? { server } : {}),
      feed: {
        id,
        name,
        url: input.url.trim(),
        headers: headers.map(toView),
        eventTypes: [...new Set(input.eventTypes)],
        notify: input.notify,
        idleTimeoutSec: input.idleTimeoutSec,
        enabled: input.enabled,
        createdAt,
        ...(input.trustedCa ? { trustedCa: input.trustedCa } : {}),
        profile: input.profile ?? 'auto',
        ...(view ? { server: view } : {}),
        ...feedOptionsOf(input.muted === true, input.countUnread !== false, input.colour ?? null),
      },
    };
  }

  private rowValues(r: Record_): FeedRow {
    const f = r.feed;
    return [
      f.id,
      f.name,
      f.url,
      JSON.stringify(r.headers),
      JSON.stringify(f.eventTypes),
      JSON.stringify(f.notify),
      f.idleTimeoutSec,
      f.enabled ? 1 : 0,
      f.createdAt,
      f.trustedCa ?? null,
      f.profile ?? 'auto',
      r.server ? JSON.stringify(r.server) : null,
      f.muted ? 1 : 0,
      f.countUnread === false ? 0 : 1,
      f.colour ?? null,
    ];
  }

  /** Merges submitted headers with stored ones: value null keeps what is stored under the same name. */
  private buildHeaders(input: FeedInput['headers'], stored: StoredHeader[]): StoredHeader[] {
    const seen = new Set<string>();
    const out: StoredHeader[] = [];
    input.forEach((h, index) => {
      const key = h.name.toLowerCase();
      if (seen.has(key)) {
        const problem: Problem = { kind: 'duplicateHeader', name: h.name };
        throw new FeedInputError('invalid-request', problem, [issue(`headers.${index}.name`, problem)]);
      }
      seen.add(key);
      const previous = stored.find((s) => s.name.toLowerCase() === key);
      let plain: string | null = h.value;
      // No value given for a header that has none yet (or one imported without it): it keeps waiting for one.
      if ((h.needsValue && !plain) || (plain === null && previous?.needsValue)) {
        out.push({ name: h.name, secret: h.secret, needsValue: true });
        return;
      }
      if (plain === null) {
        if (!previous) {
          const problem: Problem = { kind: 'headerNeedsValue', name: h.name };
          throw new FeedInputError('invalid-request', problem, [issue(`headers.${index}.value`, problem)]);
        }
        if (previous.secret && h.secret) {
          out.push({ name: h.name, secret: true, cipher: previous.cipher ?? '' });
          return;
        }
        if (previous.secret && !h.secret) {
          // Turning a secret into a plain header would reveal it; ask for the value again.
          const problem: Problem = { kind: 'secretToPlain', name: h.name };
          throw new FeedInputError('invalid-request', problem, [issue(`headers.${index}.value`, problem)]);
        }
        plain = previous.value ?? '';
      }
      if (!h.secret) {
        out.push({ name: h.name, secret: false, value: plain });
        return;
      }
      if (!this.codec.available) {
        const problem: Problem = { kind: 'noSecureStorage' };
        throw new FeedInputError('unsupported', problem, [issue(`headers.${index}.secret`, problem)]);
      }
      out.push({ name: h.name, secret: true, cipher: this.seal(plain) });
    });
    return out;
  }
}

function toView(h: StoredHeader): HeaderView {
  const view: HeaderView = { name: h.name, secret: h.secret, value: h.secret || h.needsValue ? null : (h.value ?? '') };
  if (h.needsValue) view.needsValue = true;
  return view;
}
