/**
 * A small subscriber for profile tests: connects with the request a profile builds, parses the stream with
 * eventsource-parser (the WHATWG rules), passes each dispatched event through a ProfileSession, and keeps what
 * a feed would store (messages, with the cursor each one moves to) apart from control traffic. Independent of the
 * engine on purpose: these tests prove the profiles against the servers' wire formats.
 */
import { createParser } from 'eventsource-parser';
import { Agent, fetch } from 'undici';
import { afterEach } from 'vitest';
import { ProfileSession, type Classified } from '../../../electron/main/core/profiles/registry';
import type { ProfileEvent, ProfileFeed, ProfileSetting } from '../../../electron/main/core/profiles/types';

export type StoredMessage = Extract<Classified, { kind: 'message' }> & { event: ProfileEvent };

export class ProfileReader {
  readonly session: ProfileSession;
  readonly messages: StoredMessage[] = [];
  readonly control: ProfileEvent[] = [];
  readonly replayed: ProfileEvent[] = [];
  /** The cursor a feed would persist (moved only by stored messages). */
  cursor: string | null;
  status: number | null = null;
  private abort: AbortController | null = null;
  private reading: Promise<void> | null = null;
  private cancel: () => void = () => undefined;
  private agent: Agent | null = null;

  constructor(
    readonly feed: ProfileFeed,
    setting: ProfileSetting = 'auto',
    cursor: string | null = null,
  ) {
    this.session = new ProfileSession(setting, feed.url);
    this.cursor = cursor;
  }

  /** Opens a connection (resuming from the cursor) and resolves once the response headers are in. */
  async connect(): Promise<void> {
    const plan = this.session.profile.request(this.feed, this.cursor);
    this.session.connecting(this.cursor);
    this.abort = new AbortController();
    const headers = { Accept: 'text/event-stream', ...plan.headers };
    // One agent per connection, destroyed with it: no pooled socket survives a fixture's restart.
    this.agent = new Agent();
    const response = await fetch(plan.url, { headers, signal: this.abort.signal, dispatcher: this.agent });
    this.status = response.status;
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return;
    }
    let lastEventId: string | null = null;
    const parser = createParser({
      onEvent: (event) => {
        if (event.id !== undefined) lastEventId = event.id;
        const profileEvent: ProfileEvent = { type: event.event ?? 'message', data: event.data, lastEventId };
        const classified = this.session.classify(profileEvent, Date.now());
        if (classified.kind === 'control') this.control.push(profileEvent);
        else if (classified.kind === 'replayed') this.replayed.push(profileEvent);
        else {
          this.messages.push({ ...classified, event: profileEvent });
          if (classified.cursor !== null) this.cursor = classified.cursor;
        }
      },
    });
    const body = response.body.getReader();
    const decoder = new TextDecoder();
    this.cancel = () => void body.cancel().catch(() => undefined);
    this.reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await body.read();
          if (done) break;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // aborted or dropped: the test decides what that means
      }
    })();
  }

  /** Closes the connection (like a drop or a quit), keeping the cursor. */
  async disconnect(): Promise<void> {
    this.cancel();
    this.abort?.abort();
    await this.reading;
    await this.agent?.destroy();
    this.agent = null;
    this.abort = null;
  }

  async waitFor(what: () => boolean, label: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  waitForMessages(count: number, timeoutMs = 5000): Promise<void> {
    return this.waitFor(
      () => this.messages.length >= count,
      `${count} messages (have ${this.messages.length})`,
      timeoutMs,
    );
  }

  /** The message bodies, in order. */
  bodies(): (string | null)[] {
    return this.messages.map((m) => m.mapped.body);
  }
}

/** Lets in-flight writes arrive, so "nothing more came" can be asserted. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Per-test cleanup for profile and publish tests: readers are disconnected and fixtures closed after each test.
 * Call once at the top of a test file.
 */
export function testScope(): {
  fixture<F extends { close(): Promise<void> }>(started: Promise<F>): Promise<F>;
  reader(...args: ConstructorParameters<typeof ProfileReader>): ProfileReader;
  onCleanup(step: () => Promise<void>): void;
} {
  const readers: ProfileReader[] = [];
  const steps: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.disconnect();
    for (const step of steps.splice(0).reverse()) await step();
  });
  return {
    async fixture(started) {
      const fixture = await started;
      steps.push(() => fixture.close());
      return fixture;
    },
    reader(...args) {
      const reader = new ProfileReader(...args);
      readers.push(reader);
      return reader;
    },
    onCleanup(step) {
      steps.push(step);
    },
  };
}
