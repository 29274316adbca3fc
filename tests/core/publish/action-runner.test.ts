/**
 * A message's buttons through the real core's handlers: the window names a message and an index, main reads the
 * action or attachment from the stored message, sends the http action (with the feed's credentials only to the
 * feed's origin) and answers the status or the server's reason; an attachment is fetched only after the host's
 * save dialog answered a path, never on Cancel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Feed, Message } from '../../../shared/domain';
import { invoke, push } from '../../../shared/ipc/channels';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import { suggestedFileName } from '../../../electron/main/core/publish/action-runner';
import { FixtureServer, header } from '../../support/fixtures/fixture-server';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { recordingHost, waitFor } from '../api/host';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

let dir: ReturnType<typeof tempDir>;
let ntfy: NtfyFixture;
let other: FixtureServer;
let core: CoreInstance;

beforeEach(async () => {
  dir = tempDir('tidings-action-runner-');
  ntfy = await new NtfyFixture({ token: 'tk_secret' }).start();
  other = await new FixtureServer((request, res) => {
    if (request.path === '/ok') res.writeHead(202).end('accepted');
    else if (request.path === '/report.pdf')
      res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(Buffer.alloc(5000, 1));
    else res.writeHead(404).end();
  }).start();
  core = await createCore({ dataDir: dir.dir, secrets: testCodec(), logger: captureLogger() });
});

afterEach(async () => {
  await core.close();
  await ntfy.close();
  await other.close();
  dir.cleanup();
});

async function ntfyMessage(saveAnswers: (string | null)[] = []) {
  const saveRequests: string[] = [];
  const host = {
    ...recordingHost(),
    chooseSavePath: async (name: string) => {
      saveRequests.push(name);
      return saveAnswers.shift() ?? null;
    },
  };
  const handlers = core.createHandlers(host);
  const pushed: Message[] = [];
  core.onPush((channel, payload) => {
    if (channel === push.messages) pushed.push(...(payload as Message[]));
  });
  const added = await dispatch(handlers, invoke.feedsAdd, {
    ...defaultFeedInput(`${ntfy.url}/door/sse`),
    headers: [{ name: 'Authorization', value: 'Bearer tk_secret', secret: true }],
  });
  if (!added.ok) throw new Error(added.error.message);
  await ntfy.server.waitForClients(1);
  ntfy.publish('door', 'Someone rang', {
    actions: [
      { action: 'view', label: 'Camera', url: 'https://cam.example/live' },
      { action: 'http', label: 'Open door', url: `${ntfy.url}/v1/door/open`, method: 'PUT', body: 'open' },
      { action: 'http', label: 'Log it', url: `${other.url}/ok`, method: 'POST', headers: { 'X-Log': 'yes' } },
    ],
    attachment: { name: '../../etc/report.pdf', type: 'application/pdf', size: 5000, url: `${other.url}/report.pdf` },
  });
  await waitFor(() => pushed.length === 1, 'the message');
  await core.flush();
  return { handlers, message: pushed[0]!, feedId: (added.data as Feed).id, saveRequests, host };
}

describe('http actions', () => {
  test('sent only when asked, with the feed’s credentials on its own origin; the status or the reason answered', async () => {
    const { handlers, message } = await ntfyMessage();
    const before = ntfy.server.requests.length;
    expect(other.requests).toHaveLength(0);

    // The fixture answers its 404 JSON: the status and the server's own error text come back.
    const own = await dispatch(handlers, invoke.messagesRunAction, { id: message.id, action: 1 });
    expect(own).toEqual({
      ok: true,
      data: { ok: false, failure: 'http', status: 404, error: 'page not found' },
    });
    const sent = ntfy.server.requests.slice(before);
    expect(sent.map((r) => [r.method, r.path, r.body, header(r, 'authorization')])).toEqual([
      ['PUT', '/v1/door/open', 'open', 'Bearer tk_secret'],
    ]);

    const elsewhere = await dispatch(handlers, invoke.messagesRunAction, { id: message.id, action: 2 });
    expect(elsewhere).toEqual({ ok: true, data: { ok: true, status: 202 } });
    expect(other.requests.map((r) => [r.method, r.path, header(r, 'x-log'), header(r, 'authorization')])).toEqual([
      ['POST', '/ok', 'yes', null],
    ]);
  });

  test('a view action, a missing index or message is not run', async () => {
    const { handlers, message } = await ntfyMessage();
    const before = ntfy.server.requests.length;
    for (const request of [
      { id: message.id, action: 0 },
      { id: message.id, action: 7 },
      { id: message.id + 100, action: 1 },
    ]) {
      const result = await dispatch(handlers, invoke.messagesRunAction, request);
      expect(result.ok && result.data).toMatchObject({ ok: false, failure: 'not-found' });
    }
    expect(ntfy.server.requests.length).toBe(before);
    expect(other.requests).toHaveLength(0);
    expect((await dispatch(handlers, invoke.messagesRunAction, { id: message.id, action: -1 })).ok).toBe(false);
  });
});

describe('attachments', () => {
  test('fetched only after the save dialog answered a path; Cancel fetches nothing', async () => {
    const target = join(dir.dir, 'saved.pdf');
    const { handlers, message, saveRequests } = await ntfyMessage([null, target]);
    expect(other.requests).toHaveLength(0); // listed, never fetched in the background

    const cancelled = await dispatch(handlers, invoke.messagesDownloadAttachment, { id: message.id, attachment: 0 });
    expect(cancelled).toEqual({ ok: true, data: { ok: false, failure: 'canceled', status: null, error: 'canceled' } });
    expect(other.requests).toHaveLength(0);

    const saved = await dispatch(handlers, invoke.messagesDownloadAttachment, { id: message.id, attachment: 0 });
    expect(saved).toEqual({ ok: true, data: { ok: true, status: 200, bytes: 5000, fileName: 'saved.pdf' } });
    expect(readFileSync(target)).toEqual(Buffer.alloc(5000, 1));
    // The suggested name is the last segment only; another origin gets no credentials.
    expect(saveRequests).toEqual(['report.pdf', 'report.pdf']);
    expect(other.requests.map((r) => [r.path, header(r, 'authorization')])).toEqual([['/report.pdf', null]]);
  });

  test('a host without a save dialog cannot download', async () => {
    const handlers = core.createHandlers(recordingHost());
    const { message } = await ntfyMessage();
    const result = await dispatch(handlers, invoke.messagesDownloadAttachment, { id: message.id, attachment: 0 });
    expect(result.ok && result.data).toMatchObject({ ok: false, failure: 'unavailable' });
    expect(other.requests).toHaveLength(0);
  });

  test('suggested names never leave the chosen folder', () => {
    expect(suggestedFileName('../../etc/passwd')).toBe('passwd');
    expect(suggestedFileName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(suggestedFileName('..')).toBe('attachment');
    expect(suggestedFileName('a\u0000b?.txt')).toBe('a_b_.txt');
  });
});
