/** Publishing to the real Nchan (Debian's nginx + libnginx-mod-nchan); skips visibly when it is absent. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultTarget, publish } from '../../../electron/main/core/publish';
import { NchanServer, nchanMissing } from '../../support/fixtures/nchan';
import { ProfileReader, settle } from '../profiles/reader';

const title = nchanMissing ? `publish to Nchan — SKIPPED: ${nchanMissing}` : 'publish to the real Nchan';

describe.skipIf(nchanMissing !== null)(title, () => {
  const server = new NchanServer();
  beforeAll(() => server.start().then(() => undefined), 20_000);
  afterAll(() => server.close());

  test('POST to a pubsub location; the echo arrives once, its id the last_message_id Nchan answered', async () => {
    const feedUrl = `${server.url}/ps/room`;
    const reader = new ProfileReader({ url: feedUrl, headers: {} }, 'nchan');
    await reader.connect();
    try {
      await settle(100);
      const target = defaultTarget('nchan', feedUrl)!;
      expect(target).toEqual({ kind: 'nchan', url: feedUrl });
      const result = await publish(target, { text: 'hello from Tidings ✓' });
      expect(result.ok && [201, 202].includes(result.status)).toBe(true); // 201 Created (new channel) or 202 Accepted
      await reader.waitForMessages(1);
      await settle(300);
      expect(reader.bodies()).toEqual(['hello from Tidings ✓']);
      expect(result.ok && result.messageId).toBe(reader.messages[0]!.event.lastEventId);
      expect(result.ok && result.messageId).toMatch(/^\d+:\d+$/);
    } finally {
      await reader.disconnect();
    }
  });
});
