import { describe, expect, test } from 'vitest';
import { SmeeFixture } from '../../support/fixtures/smee';
import { testScope } from './reader';

const scope = testScope();

describe('Smee profile against a smee.io fixture', () => {
  test('ready and ping are control; a relayed GitHub webhook summarises as its event and repository', async () => {
    const smee = await scope.fixture(new SmeeFixture(40).start());
    const r = scope.reader({ url: `${smee.url}/AbC123`, headers: {} }, 'smee');
    await r.connect();
    expect(r.status).toBe(200);
    await r.waitFor(() => r.control.length >= 2, 'ready + ping');
    expect(r.control.map((e) => e.type).slice(0, 2)).toEqual(['ready', 'ping']);
    const webhook = await fetch(`${smee.url}/AbC123`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'pull_request', 'X-GitHub-Delivery': 'd-42' },
      body: JSON.stringify({
        action: 'opened',
        pull_request: { title: 'Add profiles', html_url: 'https://github.com/acme/tidings/pull/9' },
        repository: { full_name: 'acme/tidings', html_url: 'https://github.com/acme/tidings' },
        sender: { login: 'alice', avatar_url: 'https://avatars.example/alice' },
      }),
    });
    expect(webhook.status).toBe(200);
    await r.waitForMessages(1);
    expect(r.messages[0]!.mapped).toMatchObject({
      title: 'pull_request · acme/tidings',
      body: 'Add profiles',
      link: 'https://github.com/acme/tidings/pull/9',
      tags: [
        { name: 'pull_request', emoji: null },
        { name: 'opened', emoji: null },
      ],
      serverId: 'd-42',
    });
  });

  test('detected from its first event, and asks with Accept: text/event-stream as smee requires', async () => {
    const smee = await scope.fixture(new SmeeFixture().start());
    const r = scope.reader({ url: `${smee.url}/chan`, headers: { Accept: 'application/json' } }, 'auto');
    await r.connect();
    // generic keeps the user's Accept header: smee answers with its HTML page (not an event stream)
    expect(r.status).toBe(200);
    const smeePlan = scope.reader({ url: `${smee.url}/chan`, headers: { Accept: 'application/json' } }, 'smee');
    await smeePlan.connect();
    await smeePlan.waitFor(() => smeePlan.control.length === 1, 'ready');
    const auto = scope.reader({ url: `${smee.url}/chan`, headers: {} }, 'auto');
    await auto.connect();
    await auto.waitFor(() => auto.session.detected, 'detected');
    expect(auto.session.profile.id).toBe('smee');
    expect(auto.control.map((e) => e.type)).toEqual(['ready']);
  });
});
