/**
 * The one transport, as the app builds it: a core made the way electron/main/index.ts makes it (the platform's
 * network with a stubbed session proxy resolver) — fifty feeds on one HTTP/1.1 server all open and receive; the
 * same through a loopback CONNECT proxy, for http and https; and a private CA trusted only when it is given (as
 * a "system" certificate or per feed).
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { FeedStatus } from '../../../shared/domain';
import { invoke } from '../../../shared/ipc/channels';
import { defaultFeedInput } from '../../../electron/main/core/api/feed-service';
import { createCore, dispatch, type CoreInstance } from '../../../electron/main/core/index';
import { recordingHost } from '../api/host';
import { createTransport, parseProxy } from '../../../electron/main/core/net/transport';
import { platformNetwork, systemCertificates } from '../../../electron/main/platform/network';
import { startProxyServer, type ProxyServer } from '../../support/proxy-server';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { tempDir, testCodec } from '../store/helpers';
import { feed, makeHub, waitFor, type Recorder } from './helpers';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const TEST_CA = fixture('test-ca.crt');

let server: SseTestServer | null = null;
let proxy: ProxyServer | null = null;
let tlsServer: https.Server | null = null;
let core: CoreInstance | null = null;
let rec: Recorder | null = null;
let dir: ReturnType<typeof tempDir> | null = null;

afterEach(async () => {
  await core?.close();
  rec?.hub.close();
  await server?.close();
  await proxy?.close();
  if (tlsServer) {
    tlsServer.closeAllConnections();
    await new Promise((resolve) => tlsServer!.close(resolve));
  }
  dir?.cleanup();
  [core, rec, server, proxy, tlsServer, dir] = [null, null, null, null, null, null];
});

/** A session whose resolveProxy answers `pac` for every URL (and remembers what it was asked). */
function stubSession(pac: string) {
  const asked: string[] = [];
  return {
    asked,
    resolveProxy: (url: string) => {
      asked.push(url);
      return Promise.resolve(pac);
    },
  };
}

/** A core built as the composition root builds it: createCore({ network: platformNetwork(session, certs) }). */
async function appCore(pac: string, certificates: string[] = []) {
  dir = tempDir('tidings-net-');
  const session = stubSession(pac);
  core = await createCore({
    dataDir: dir.dir,
    secrets: testCodec(),
    network: platformNetwork(session, () => certificates),
  });
  return { core, session };
}

async function fiftyFeedsOpenAndReceive(c: CoreInstance, s: SseTestServer): Promise<number> {
  const started = Date.now();
  const feeds = [];
  for (let i = 0; i < 50; i++) feeds.push(await c.addFeedFromUrl(`${s.url}/feed-${i}`));
  const openIn = (): FeedStatus[] => c.statuses().filter((st) => st.state === 'open');
  await waitFor(() => openIn().length === 50, 'all 50 open', 5000);
  const openAfter = Date.now() - started;
  for (let i = 0; i < 50; i++) s.send({ id: `e${i}`, data: `to feed ${i}` }, `/feed-${i}`);
  await waitFor(() => c.statuses().every((st) => st.counters.events === 1), 'an event on every feed', 5000);
  expect(new Set(c.statuses().map((st) => st.feedId))).toEqual(new Set(feeds.map((f) => f.id)));
  return openAfter;
}

describe('fifty feeds on one server', () => {
  test('direct: all open within 5 s and each receives its event (no per-host connection cap)', async () => {
    server = await startSseServer();
    const { core: c, session } = await appCore('DIRECT');
    const openAfter = await fiftyFeedsOpenAndReceive(c, server);
    expect(openAfter).toBeLessThan(5000);
    expect(server.clientCount()).toBe(50);
    expect(session.asked).toHaveLength(50); // every feed asked the platform for its proxy
  });

  test('through a CONNECT proxy: all open within 5 s, each through its own tunnel', async () => {
    server = await startSseServer();
    proxy = await startProxyServer();
    const { core: c } = await appCore(`PROXY 127.0.0.1:${proxy.port}; DIRECT`);
    await fiftyFeedsOpenAndReceive(c, server);
    expect(proxy.connects).toHaveLength(50);
    expect(new Set(proxy.connects)).toEqual(new Set([`127.0.0.1:${server.port}`]));
    expect(proxy.open()).toBe(50);
  });
});

async function serveTls(cert: string): Promise<string> {
  tlsServer = https.createServer({ key: fixture('leaf.key'), cert: fixture(cert) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('id: 1\ndata: hello over TLS\n\n');
  });
  await new Promise<void>((resolve) => tlsServer!.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/events`;
}

describe('https through the proxy, and a private CA', () => {
  test('a test-CA-signed feed connects through the proxy when the CA is a system certificate', async () => {
    const url = await serveTls('leaf-valid.crt');
    proxy = await startProxyServer();
    const pac = `PROXY 127.0.0.1:${proxy.port}`;
    rec = makeHub({ transport: createTransport(platformNetwork(stubSession(pac), () => [TEST_CA])) });
    rec.hub.upsert(feed('tls', url));
    await waitFor(() => rec!.events.length === 1, 'event over TLS through the proxy');
    expect(rec.events[0]).toMatchObject({ data: 'hello over TLS', eventId: '1' });
    expect(proxy.connects).toEqual([new URL(url).host]);
  });

  test('the same feed with its own CA (per feed) connects; another feed without it stops with the certificate reason', async () => {
    const url = await serveTls('leaf-valid.crt');
    proxy = await startProxyServer();
    rec = makeHub({
      transport: createTransport(platformNetwork(stubSession(`PROXY 127.0.0.1:${proxy.port}`), () => [])),
    });
    rec.hub.upsert(feed('with-ca', url, { trustedCa: TEST_CA }));
    rec.hub.upsert(feed('without', url));
    await waitFor(() => rec!.events.length === 1, 'event on the feed that trusts the CA');
    await waitFor(() => rec!.hub.status('without')!.state === 'stopped', 'the other one stopped');
    expect(rec.events[0]!.feedId).toBe('with-ca');
    expect(rec.hub.status('without')!.reason).toMatchObject({ kind: 'tls', problem: 'untrusted-issuer' });
    expect(rec.hub.status('with-ca')!.state).toBe('open');
  });

  test('direct, without the CA anywhere: stopped with the certificate reason, no retry', async () => {
    const url = await serveTls('leaf-valid.crt');
    rec = makeHub({ transport: createTransport(platformNetwork(stubSession('DIRECT'), () => [])) });
    rec.hub.upsert(feed('f', url));
    await waitFor(() => rec!.hub.status('f')!.state === 'stopped', 'stopped');
    expect(rec.hub.status('f')!.reason).toEqual({
      kind: 'tls',
      problem: 'untrusted-issuer',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(rec.hub.status('f')!.retryAt).toBeNull();
  });

  test('a plain-http feed through the proxy also goes through CONNECT', async () => {
    server = await startSseServer();
    proxy = await startProxyServer();
    rec = makeHub({ transport: createTransport(platformNetwork(stubSession(`PROXY 127.0.0.1:${proxy.port}`))) });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1);
    server.send({ id: '1', data: 'via proxy' });
    await waitFor(() => rec!.events.length === 1, 'event');
    expect(proxy.connects).toEqual([`127.0.0.1:${server.port}`]);
  });
});

describe('a feed’s own CA, saved like any feed setting', () => {
  test('saved through the API it is used (and survives a restart); removed, the feed stops on the certificate', async () => {
    const url = await serveTls('leaf-valid.crt');
    const { core: c } = await appCore('DIRECT');
    const handlers = c.createHandlers(recordingHost());
    const input = { ...defaultFeedInput(url), name: 'Private CA', trustedCa: TEST_CA };
    const added = await dispatch(handlers, invoke.feedsAdd, input);
    expect(added.ok).toBe(true);
    const saved = (added as { data: { id: string; trustedCa?: string } }).data;
    const id = saved.id;
    expect(saved.trustedCa).toBe(TEST_CA.trim());
    await waitFor(() => c.statuses()[0]?.counters.events === 1, 'event over TLS with the feed’s CA');
    const bad = await dispatch(handlers, invoke.feedsAdd, {
      ...input,
      url: `${url}?2`,
      trustedCa: 'not a certificate',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    await c.close();
    core = await createCore({
      dataDir: dir!.dir,
      secrets: testCodec(),
      network: platformNetwork(stubSession('DIRECT'), () => []),
    });
    expect(core.feeds()[0]!.trustedCa).toBe(TEST_CA.trim());
    await waitFor(() => core!.statuses()[0]?.state === 'open', 'open again after a restart');
    const updated = await dispatch(core.createHandlers(recordingHost()), invoke.feedsUpdate, {
      id,
      input: { ...input, trustedCa: null },
    });
    expect(updated.ok).toBe(true);
    await waitFor(() => core!.statuses()[0]?.state === 'stopped', 'stopped without the CA');
    expect(core.statuses()[0]!.reason).toMatchObject({ kind: 'tls', problem: 'untrusted-issuer' });
  });
});

describe('platform facts', () => {
  test('PAC strings: the first entry Node can use; DIRECT when none', () => {
    expect(parseProxy('DIRECT')).toEqual({ kind: 'direct' });
    expect(parseProxy('PROXY proxy.corp:8080; DIRECT')).toEqual({ kind: 'http', uri: 'http://proxy.corp:8080' });
    expect(parseProxy('HTTPS secure.corp:443')).toEqual({ kind: 'https', uri: 'https://secure.corp:443' });
    expect(parseProxy('SOCKS4 old:1080; SOCKS5 s:1080')).toEqual({ kind: 'socks5', uri: 'socks5://s:1080' });
    expect(parseProxy('QUIC q:443')).toEqual({ kind: 'direct' });
    expect(parseProxy('')).toEqual({ kind: 'direct' });
  });

  test('system certificates: read once where Node offers them, an empty list where it does not', () => {
    let calls = 0;
    const read = systemCertificates({
      getCACertificates: (type) => {
        calls++;
        expect(type).toBe('system');
        return [TEST_CA];
      },
    });
    expect(read()).toEqual([TEST_CA]);
    expect(read()).toEqual([TEST_CA]);
    expect(calls).toBe(1);
    expect(systemCertificates({})()).toEqual([]); // Node 20: no tls.getCACertificates
    const failing = systemCertificates({
      getCACertificates: () => {
        throw new Error('no store');
      },
    });
    expect(failing()).toEqual([]);
  });

  test('a proxy resolver that fails: the feed connects directly, and it is said', async () => {
    server = await startSseServer();
    const errors: unknown[] = [];
    const transport = createTransport({
      resolveProxy: () => Promise.reject(new Error('PAC script broken')),
      onProxyError: (error) => errors.push(error),
    });
    rec = makeHub({ transport });
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await server.waitForClients(1);
    expect(errors).toHaveLength(1);
  });
});
