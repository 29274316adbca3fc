/**
 * Server profiles through the real core: the ntfy fixture, the real engine, a real SQLite file. A user pastes an
 * ntfy URL: titles, priorities and emoji are stored, keepalives never, the profile detected from the first events
 * is kept, and nothing is missed after a drop or a restart.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Feed, Message } from '../../../shared/domain';
import { invoke, push } from '../../../shared/ipc/channels';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { recordingHost, waitFor } from '../api/host';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

let dir: ReturnType<typeof tempDir>;
let ntfy: NtfyFixture;
const cores: CoreInstance[] = [];

beforeEach(async () => {
  dir = tempDir('tidings-profiles-core-');
  ntfy = await new NtfyFixture({ keepaliveMs: 30 }).start();
});

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await ntfy.close();
  dir.cleanup();
});

async function start(): Promise<{ core: CoreInstance; pushed: Message[] }> {
  const core = await createCore({
    dataDir: dir.dir,
    secrets: testCodec(),
    logger: captureLogger(),
    hub: { backoff: { baseMs: 50, capMs: 200 } },
  });
  cores.push(core);
  const pushed: Message[] = [];
  core.onPush((channel, payload) => {
    if (channel === push.messages) pushed.push(...(payload as Message[]));
  });
  return { core, pushed };
}

async function storedMessages(core: CoreInstance): Promise<Message[]> {
  await core.flush();
  const page = await dispatch(core.createHandlers(recordingHost()), invoke.messagesList, { limit: 100 });
  if (!page.ok) throw new Error('list failed');
  return (page.data as { items: Message[] }).items.reverse();
}

describe('ntfy through the real core', () => {
  test('keepalives never stored; fields stored; detected profile kept; a drop and a restart miss nothing', async () => {
    const first = await start();
    const handlers = first.core.createHandlers(recordingHost());
    const added = await dispatch(handlers, invoke.feedsAdd, defaultFeedInput(`${ntfy.url}/alerts/sse`));
    if (!added.ok) throw new Error('add failed');
    const feedId = (added.data as Feed).id;
    await ntfy.server.waitForClients(1);
    ntfy.publish('alerts', 'Remote access detected', { title: 'Intruder', priority: 5, tags: ['warning', 'lock'] });
    await waitFor(() => first.pushed.length === 1, 'first message');
    await new Promise((resolve) => setTimeout(resolve, 150)); // several keepalives
    expect(first.pushed).toHaveLength(1);
    expect(first.pushed[0]!.fields).toMatchObject({
      title: 'Intruder',
      body: 'Remote access detected',
      priority: 5,
      tags: [
        { name: 'warning', emoji: '⚠️' },
        { name: 'lock', emoji: '🔒' },
      ],
    });
    // detected from the first event (a loopback URL says nothing), and kept as the feed's profile
    await waitFor(() => first.core.feeds().find((f) => f.id === feedId)?.profile === 'ntfy', 'profile kept');

    // a drop: the reconnect asks since=<last message id> and gets what was published meanwhile
    ntfy.server.dropAll();
    ntfy.publish('alerts', 'during the drop');
    await waitFor(() => first.pushed.length === 2, 'missed message after the drop');
    expect(first.pushed[1]!.fields?.body).toBe('during the drop');
    await first.core.close();

    // a restart: while the app is closed two more arrive; the next start resumes from the stored cursor
    ntfy.publish('alerts', 'while closed 1');
    ntfy.publish('alerts', 'while closed 2', { priority: 2 });
    const second = await start();
    await waitFor(() => second.pushed.length === 2, 'messages published while closed');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const bodies = (await storedMessages(second.core)).map((m) => m.fields?.body);
    expect(bodies).toEqual(['Remote access detected', 'during the drop', 'while closed 1', 'while closed 2']);
    expect(ntfy.sinceAsked.slice(1)).toEqual([ntfy.messages[0]!.id, ntfy.messages[1]!.id]);
  });
});
