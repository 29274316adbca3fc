import { describe, expect, test } from 'vitest';
import { parsePublishArgs, runPublish } from '../../../electron/main/core/publish';
import { MercureFixture } from '../../support/fixtures/mercure';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { testScope } from '../profiles/reader';

const scope = testScope();

describe('the listener’s --publish command', () => {
  test('parses a target from the URL and the flags', () => {
    expect(
      parsePublishArgs(['https://ntfy.sh/alerts', 'hi', '--title', 'T', '--priority', 'high', '--tags', 'a,b']),
    ).toEqual({
      ok: true,
      command: {
        target: { kind: 'ntfy', url: 'https://ntfy.sh/alerts' },
        message: { text: 'hi', title: 'T', priority: 4, tags: ['a', 'b'] },
        headers: {},
        token: null,
      },
    });
    const mercure = parsePublishArgs([
      'https://hub.example/.well-known/mercure?topic=a',
      'x',
      '--topic',
      'b',
      '--private',
      '--token',
      'jwt',
    ]);
    expect(mercure.ok && mercure.command.target).toEqual({
      kind: 'mercure',
      url: 'https://hub.example/.well-known/mercure',
      topics: ['a', 'b'],
      private: true,
    });
    expect(mercure.ok && mercure.command.token).toBe('jwt');
    const generic = parsePublishArgs(['http://127.0.0.1:1/x', 'x', '--header', 'X-Key: k', '--method', 'PUT']);
    expect(generic.ok && generic.command).toMatchObject({
      target: { kind: 'generic', method: 'PUT', contentType: 'text/plain; charset=utf-8', bodyTemplate: '{{text}}' },
      headers: { 'X-Key': 'k' },
    });
    expect(parsePublishArgs(['ftp://x/y', 'hi'])).toMatchObject({ ok: false });
    expect(parsePublishArgs(['https://x/y'])).toMatchObject({ ok: false });
    expect(parsePublishArgs(['https://x/y', 'a', '--priority', 'loud'])).toMatchObject({ ok: false });
    expect(parsePublishArgs(['https://x/.well-known/mercure', 'a'])).toMatchObject({ ok: false });
    expect(parsePublishArgs(['https://x/y', 'a', '--kind', 'smtp'])).toMatchObject({ ok: false });
  });

  test('sends to ntfy (a plain POST of the text by default) and to Mercure; a failure exits 4', async () => {
    const ntfy = await scope.fixture(new NtfyFixture().start());
    const parsed = parsePublishArgs([`${ntfy.url}/alerts`, 'from the command line']);
    if (!parsed.ok) throw new Error(parsed.message);
    const sent = await runPublish(parsed.command);
    expect(sent).toEqual({ exitCode: 0, result: { ok: true, status: 200, messageId: ntfy.messages[0]!.id } });
    expect(ntfy.messages[0]!.message).toBe('from the command line');

    const hub = await scope.fixture(new MercureFixture({ publisherToken: 'pub' }).start());
    const toHub = parsePublishArgs([`${hub.hubUrl}?topic=t`, 'x', '--token', 'wrong']);
    if (!toHub.ok) throw new Error(toHub.message);
    expect(await runPublish(toHub.command)).toEqual({
      exitCode: 4,
      result: { ok: false, failure: 'http', status: 401, error: 'Unauthorized' },
    });
  });
});
