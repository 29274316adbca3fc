/**
 * A message's buttons, run from main: an ntfy `http` action — which the window sends here only after the user
 * confirmed its method and URL — and an attachment download, only when the user asks and into a file the user
 * chose in the host's save dialog. The window names a message and an index; the action and the attachment are
 * read from the stored message here, never taken from the window.
 */
import { basename } from 'node:path';
import type { Feed, Message } from '../../../../shared/domain';
import type { ActionOutcome, DownloadOutcome } from '../../../../shared/message-fields';
import type { FetchLike } from '../types';
import { downloadAttachment, runHttpAction } from './actions';

export interface ActionRunnerDeps {
  message(id: number): Message | undefined | Promise<Message | undefined>;
  feed(id: string): Feed | undefined;
  /** The feed's request headers, secrets decrypted (they go only to the feed's own origin). */
  headers(feedId: string): Record<string, string>;
  /** Asks the user where to save (the host's save dialog); null when cancelled. Absent: the host cannot ask. */
  chooseSavePath?: (suggestedName: string) => Promise<string | null>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** A file name safe to suggest: the last path segment, without control characters, never empty. */
export function suggestedFileName(name: string): string {
  const last = basename(name.replace(/\\/g, '/'));
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  const clean = last.replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '_').trim();
  return clean === '' || clean === '.' || clean === '..' ? 'attachment' : clean.slice(0, 200);
}

export class ActionRunner {
  constructor(private readonly deps: ActionRunnerDeps) {}

  private async located(id: number): Promise<{ message: Message; feed: Feed } | null> {
    const message = await this.deps.message(id);
    const feed = message ? this.deps.feed(message.feedId) : undefined;
    return message && feed ? { message, feed } : null;
  }

  async runAction(messageId: number, index: number): Promise<ActionOutcome> {
    const found = await this.located(messageId);
    const action = found?.message.fields?.actions[index];
    if (!found || action?.kind !== 'http')
      return { ok: false, failure: 'not-found', status: null, error: `action ${index} of message ${messageId}` };
    const result = await runHttpAction(action, {
      fetch: this.deps.fetch,
      feedUrl: found.feed.url,
      feedHeaders: this.deps.headers(found.feed.id),
      timeoutMs: this.deps.timeoutMs,
    });
    if (result.ok) return { ok: true, status: result.status };
    // runHttpAction never writes a file: its failures are the publish ones.
    const { failure, status, error } = result;
    return { ok: false, failure: failure === 'too-large' || failure === 'write' ? 'network' : failure, status, error };
  }

  async download(messageId: number, index: number): Promise<DownloadOutcome> {
    const found = await this.located(messageId);
    const attachment = found?.message.fields?.attachments[index];
    if (!found || !attachment)
      return { ok: false, failure: 'not-found', status: null, error: `attachment ${index} of message ${messageId}` };
    if (!this.deps.chooseSavePath) return { ok: false, failure: 'unavailable', status: null, error: 'no save dialog' };
    const path = await this.deps.chooseSavePath(suggestedFileName(attachment.name));
    if (path === null) return { ok: false, failure: 'canceled', status: null, error: 'canceled' };
    const result = await downloadAttachment(attachment, path, {
      fetch: this.deps.fetch,
      feedUrl: found.feed.url,
      feedHeaders: this.deps.headers(found.feed.id),
    });
    if (!result.ok) {
      const { failure, status, error } = result;
      return { ok: false, failure: failure === 'redirect' ? 'http' : failure, status, error };
    }
    return { ok: true, status: result.status, bytes: result.bytes ?? 0, fileName: basename(path) };
  }
}
