/**
 * Publishing through a generic target to the real Pushpin (Debian's pushpin + zurl): the composer's text goes
 * into Pushpin's publish JSON through the body template, and the subscriber (held open by Pushpin through a GRIP
 * backend) receives it exactly once. Skips visibly when Pushpin is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { publish, type PublishTarget } from '../../../electron/main/core/publish';
import { PushpinServer, pushpinMissing } from '../../support/fixtures/pushpin';
import { ProfileReader, settle } from '../profiles/reader';

const title = pushpinMissing ? `publish to Pushpin — SKIPPED: ${pushpinMissing}` : 'publish to the real Pushpin';

describe.skipIf(pushpinMissing !== null)(title, () => {
  const server = new PushpinServer();
  beforeAll(() => server.start().then(() => undefined), 60_000); // the fixture allows its start 45 s
  afterAll(() => server.close());

  test('a generic JSON template publishes; the echo arrives once; a bad body gives the status and text', async () => {
    const reader = new ProfileReader({ url: `${server.url}/room`, headers: {} });
    await reader.connect();
    try {
      expect(reader.status).toBe(200);
      await settle(300); // Pushpin subscribes the held request to the channel
      const target: PublishTarget = {
        kind: 'generic',
        method: 'POST',
        url: `${server.controlUrl}/publish/`,
        contentType: 'application/json',
        bodyTemplate: '{"items":[{"channel":"room","formats":{"http-stream":{"content":"data: {{text}}\\n\\n"}}}]}',
      };
      const text = 'deploy "v2" done ✓';
      const result = await publish(target, { text });
      expect(result).toMatchObject({ ok: true, status: 200 });
      await reader.waitForMessages(1);
      await settle(500);
      expect(reader.bodies()).toEqual([text]);
      expect(reader.session.profile.id).toBe('generic');

      const failed = await publish({ ...target, bodyTemplate: '{"items":' }, { text });
      expect(failed).toMatchObject({ ok: false, failure: 'http', status: 400 });
      expect(failed.ok === false && failed.error.length).toBeGreaterThan(0);
    } finally {
      await reader.disconnect();
    }
  }, 20_000);
});
