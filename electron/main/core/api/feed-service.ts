/**
 * Feed lifecycle across store, hub and pushes: add, update, remove, import, export. The only place that turns a
 * stored feed into a hub connection config (secrets decrypted here, never logged).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Feed } from '../../../../shared/domain';
import type { Problem } from '../../../../shared/problem';
import { issue, type FieldIssue } from '../../../../shared/result';
import { defaultFeedInput } from '../../../../shared/rules';
import { feedInput, type FeedInput, type FeedOptions, type ServerOptionsInput } from '../../../../shared/ipc/schemas';
import type { FeedHub } from '../feeds/feed-hub';
import type { ConnectionConfig } from '../feeds/types';
import type { FeedProfiles } from '../profiles/feed-profiles';
import { FeedInputError, normaliseUrl, type FeedStore } from '../store/feed-store';
import type { MessageStoreApi } from '../store/store-api';
import type { Clock, Logger } from '../types';
import { Emitter, type Event } from '../util/emitter';
import { formatIssues } from './issues';

export interface FeedServiceOptions {
  store: FeedStore;
  messages: MessageStoreApi;
  hub: FeedHub;
  /** Server profiles: how each feed connects and resumes (absent: every feed as configured, Last-Event-ID). */
  profiles?: FeedProfiles;
  clock: Clock;
  logger: Logger;
  /** A feed was removed: drop its waiting events and start deleting its messages in the background. */
  onRemoved?: (id: string) => void;
  /** Stores now what is still waiting to be written (before a feed's cursor is reset). */
  flushWaiting?: () => Promise<void> | void;
  newId?: () => string;
}

export const EXPORT_FORMAT = 'tidings.feeds';
/**
 * Feeds one import may add. Every feed is a live connection: a file listing tens of thousands (the 5 MB request
 * holds ~150,000) would freeze the main process for minutes and open as many connections at once.
 */
export const MAX_IMPORT_FEEDS = 1000;

const exportFile = z.union([
  z.object({
    format: z.literal(EXPORT_FORMAT).optional(),
    version: z.literal(1).optional(),
    feeds: z.array(z.unknown()),
  }),
  z.array(z.unknown()),
]);

/** A new feed's input for a URL (the shared defaults). */
export { defaultFeedInput };

export class FeedService {
  private readonly newId: () => string;
  private readonly feedsChanged: Emitter<Feed[]>;
  /** The feed list changed (added, edited, removed, imported). */
  readonly onDidChangeFeeds: Event<Feed[]>;

  constructor(private readonly o: FeedServiceOptions) {
    this.newId = o.newId ?? (() => randomUUID());
    this.feedsChanged = new Emitter('onDidChangeFeeds', o.logger);
    this.onDidChangeFeeds = this.feedsChanged.event;
  }

  list(): Feed[] {
    return this.o.store.list();
  }

  get(id: string): Feed | undefined {
    return this.o.store.get(id);
  }

  private config(feed: Feed): ConnectionConfig {
    const headers = this.o.store.connectionHeaders(feed.id, (name, error) =>
      this.o.logger.warn(`Could not decrypt secret header "${name}" of feed ${feed.id}; connecting without it`, {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    const lastEventId = this.o.messages.cursor(feed.id);
    const profile = feed.profile ?? 'auto';
    return {
      id: feed.id,
      url: feed.url,
      headers,
      eventTypes: feed.eventTypes,
      idleTimeoutSec: feed.idleTimeoutSec,
      enabled: feed.enabled,
      lastEventId,
      headersNeedingValue: this.o.store.headersNeedingValue(feed.id),
      trustedCa: feed.trustedCa ?? null,
      arriveRead: feed.countUnread === false,
      secretHeaders: feed.headers.filter((h) => h.secret).map((h) => h.name),
      ...(this.o.profiles
        ? {
            request: this.o.profiles.configure(
              {
                id: feed.id,
                url: feed.url,
                headers,
                profile,
                authInQuery: feed.server?.authInQuery === true,
                firstSince:
                  feed.server?.firstSince && feed.server.firstSince !== 'none' ? feed.server.firstSince : null,
              },
              lastEventId,
            ),
          }
        : {}),
    };
  }

  /** An `auto` feed's first events showed its server: keep that as its profile (the editor shows it). */
  keepDetectedProfile(id: string, profile: Feed['profile'] & string): void {
    if (this.o.store.setProfile(id, profile)) this.changed();
  }

  /** Hands every stored feed (with its cursor) to the hub. */
  startAll(): void {
    for (const feed of this.o.store.list()) this.o.hub.upsert(this.config(feed));
  }

  private changed(): void {
    this.feedsChanged.fire(this.o.store.list());
  }

  add(input: FeedInput): Feed {
    const duplicate = this.o.store.findByUrl(input.url);
    if (duplicate) {
      const problem: Problem = { kind: 'duplicateUrl', name: duplicate.name };
      throw new FeedInputError('conflict', problem, [issue('url', problem)]);
    }
    const feed = this.o.store.create(input, this.newId(), this.o.clock.now());
    this.o.hub.upsert(this.config(feed));
    this.changed();
    return feed;
  }

  /** For `--add-feed`: subscribes to the URL, or returns the feed that already has it. */
  addFromUrl(url: string): Feed {
    const parsed = feedInput.safeParse(defaultFeedInput(url));
    if (!parsed.success) {
      const { message, issues } = formatIssues(parsed.error.issues);
      throw new FeedInputError(
        'invalid-request',
        { kind: 'invalidRequest', channel: '--add-feed', detail: message },
        issues,
      );
    }
    return this.o.store.findByUrl(parsed.data.url) ?? this.add(parsed.data);
  }

  async update(id: string, input: FeedInput): Promise<Feed> {
    const before = this.o.store.get(id);
    if (!before) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
    const duplicate = this.o.store.findByUrl(input.url);
    if (duplicate && duplicate.id !== id) {
      const problem: Problem = { kind: 'duplicateUrl', name: duplicate.name };
      throw new FeedInputError('conflict', problem, [issue('url', problem)]);
    }
    const feed = this.o.store.update(id, input);
    // A different stream: the old position means nothing there. Events of the old stream still waiting to be
    // stored are written first, or their commit would bring the old cursor back.
    if (normaliseUrl(before.url) !== normaliseUrl(feed.url)) {
      await this.o.flushWaiting?.();
      await this.o.messages.resetCursor(id);
    }
    this.o.hub.upsert(this.config(feed));
    await this.applied(before, feed);
    this.changed();
    return feed;
  }

  /**
   * The sidebar menu's switches. Turning "count as unread" off marks the feed's messages read, so every count
   * (sidebar, Unread view, tray, badge) agrees from then on: its new messages arrive read.
   */
  async configure(id: string, patch: Omit<FeedOptions, 'id'>): Promise<Feed> {
    const before = this.o.store.get(id);
    if (!before) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
    const feed = this.o.store.setOptions(id, patch);
    await this.applied(before, feed);
    this.changed();
    return feed;
  }

  /** What follows a change of the switches: new messages arrive read, the old ones are marked read now. */
  private async applied(before: Feed, feed: Feed): Promise<void> {
    const counted = (f: Feed) => f.countUnread !== false;
    if (counted(before) === counted(feed)) return;
    this.o.hub.upsert(this.config(feed));
    if (!counted(feed)) {
      // What was received before the switch is stored first, then marked read with the rest.
      await this.o.flushWaiting?.();
      await this.o.messages.markRead({ feedId: feed.id });
    }
  }

  remove(id: string): void {
    if (!this.o.store.get(id)) throw new FeedInputError('not-found', { kind: 'feedNotFound' });
    this.o.hub.remove(id);
    this.o.profiles?.remove(id);
    this.o.store.remove(id);
    this.o.onRemoved?.(id);
    this.o.messages
      .forgetFeed(id)
      .catch((error: unknown) => this.o.logger.error(`Forgetting the messages of feed ${id} failed`, error));
    this.changed();
  }

  exportJson(includeSecrets: boolean): string {
    const feeds = this.o.store.list().map((f) => ({
      name: f.name,
      url: f.url,
      headers: this.o.store.exportHeaders(f.id, includeSecrets),
      eventTypes: f.eventTypes,
      notify: f.notify,
      idleTimeoutSec: f.idleTimeoutSec,
      enabled: f.enabled,
      ...(f.trustedCa ? { trustedCa: f.trustedCa } : {}),
      ...(f.muted ? { muted: true } : {}),
      ...(f.countUnread === false ? { countUnread: false } : {}),
      ...(f.colour ? { colour: f.colour } : {}),
      ...(f.profile && f.profile !== 'auto' ? { profile: f.profile } : {}),
      ...(f.server ? { server: this.exportServer(f, includeSecrets) } : {}),
    }));
    return JSON.stringify(
      { format: EXPORT_FORMAT, version: 1, exportedAt: new Date(this.o.clock.now()).toISOString(), feeds },
      null,
      2,
    );
  }

  /** Server options for export: the publisher token (a secret) only when secrets are asked for. */
  private exportServer(feed: Feed, includeSecrets: boolean): ServerOptionsInput {
    const { hasPublishToken: _stored, ...options } = feed.server ?? {};
    const token = includeSecrets ? this.o.store.publishToken(feed.id) : null;
    return token ? { ...options, publishToken: token } : options;
  }

  importJson(json: string): { added: number; skipped: number } {
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(json);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new FeedInputError('invalid-request', { kind: 'importNotJson', detail });
    }
    const file = exportFile.safeParse(parsedJson);
    if (!file.success) {
      throw new FeedInputError('invalid-request', { kind: 'importNotExport' });
    }
    const entries = Array.isArray(file.data) ? file.data : file.data.feeds;
    if (entries.length > MAX_IMPORT_FEEDS) {
      throw new FeedInputError('invalid-request', {
        kind: 'importTooMany',
        count: entries.length,
        max: MAX_IMPORT_FEEDS,
      });
    }
    const inputs: FeedInput[] = [];
    const issues: FieldIssue[] = [];
    entries.forEach((entry, index) => {
      const withHeaders =
        entry && typeof entry === 'object' ? { ...defaultFeedInput(''), ...(entry as object) } : entry;
      const parsed = feedInput.safeParse(withHeaders);
      if (!parsed.success) {
        for (const found of formatIssues(parsed.error.issues).issues) {
          issues.push({ ...found, path: `feeds.${index}.${found.path}` });
        }
        return;
      }
      // A header exported without its value (a secret) keeps its name and waits for one: the feed asks for it.
      const headers = parsed.data.headers.map((h) =>
        h.needsValue || (h.secret && !h.value) ? { ...h, value: null, needsValue: true } : h,
      );
      inputs.push({ ...parsed.data, headers });
    });
    if (issues.length > 0) {
      const first = issues[0]!;
      throw new FeedInputError(
        'invalid-request',
        { kind: 'importInvalid', count: issues.length, path: first.path, first: first.problem },
        issues,
      );
    }
    if (!this.o.store.canStoreSecrets && inputs.some((i) => i.headers.some((h) => h.secret && !h.needsValue))) {
      throw new FeedInputError('unsupported', { kind: 'noSecureStorage' });
    }
    const seen = new Set(this.o.store.list().map((f) => normaliseUrl(f.url)));
    const created: Feed[] = [];
    let skipped = 0;
    // All or nothing: a feed the store refuses (a header listed twice, a secret that cannot be encrypted) takes
    // back the ones created before it, and nothing connects until every feed is stored.
    try {
      inputs.forEach((input, index) => {
        const key = normaliseUrl(input.url);
        if (seen.has(key)) {
          skipped++;
          return;
        }
        seen.add(key);
        try {
          created.push(this.o.store.create(input, this.newId(), this.o.clock.now()));
        } catch (error) {
          if (!(error instanceof FeedInputError)) throw error;
          throw new FeedInputError(
            error.code,
            { kind: 'importFeedRefused', feed: index + 1, problem: error.problem },
            error.issues?.map((found) => ({ ...found, path: `feeds.${index}.${found.path}` })),
          );
        }
      });
    } catch (error) {
      for (const feed of created) this.o.store.remove(feed.id);
      throw error;
    }
    for (const feed of created) this.o.hub.upsert(this.config(feed));
    if (created.length > 0) this.changed();
    return { added: created.length, skipped };
  }
}
