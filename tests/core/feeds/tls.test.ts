/**
 * Certificate problems from real TLS handshakes. The client trusts a test CA (tests/core/feeds/fixtures/test-ca.crt,
 * as an OS store would trust a real one), so the handshake gets past the chain and fails — or not — on what is
 * wrong with the server's certificate itself: expired, issued for another name. A valid certificate from the same
 * CA is the control: the same client receives events from it.
 * Fixtures: leaf-*.crt share leaf.key; leaf-expired is valid Jan 2020 only; leaf-wrong-host names wrong.example.
 */
import { reasonEnglish } from '../../../shared/reason';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createTransport } from '../../../electron/main/core/net/transport';
import { feed, makeHub, waitFor, type Recorder } from './helpers';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** The test CA among the "system" certificates, as the platform layer passes the OS store. */
const trustingTestCa = () => createTransport({ systemCertificates: () => [fixture('test-ca.crt').toString()] });

let server: https.Server | null = null;
let rec: Recorder | null = null;

afterEach(async () => {
  rec?.hub.close();
  rec = null;
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = null;
});

async function serveWith(cert: string): Promise<string> {
  server = https.createServer({ key: fixture('leaf.key'), cert: fixture(cert) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('id: 1\ndata: hello over TLS\n\n');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
}

describe('TLS certificate problems, from real handshakes', () => {
  test('control: a valid certificate from the trusted CA connects and delivers', async () => {
    const url = await serveWith('leaf-valid.crt');
    rec = makeHub({ transport: trustingTestCa() });
    rec.hub.upsert(feed('ok', url));
    await waitFor(() => rec!.events.length === 1, 'event over TLS');
    expect(rec.events[0]).toMatchObject({ data: 'hello over TLS', eventId: '1' });
    expect(rec.hub.status('ok')?.state).toBe('open');
  });

  test.each([
    ['leaf-expired.crt', 'Certificate problem: the server’s certificate has expired (CERT_HAS_EXPIRED)'],
    [
      'leaf-wrong-host.crt',
      'Certificate problem: the certificate does not match the server’s name (ERR_TLS_CERT_ALTNAME_INVALID)',
    ],
  ])('%s stops the feed with the problem in words', async (cert, reason) => {
    const url = await serveWith(cert);
    rec = makeHub({ transport: trustingTestCa() });
    rec.hub.upsert(feed('tls', url));
    await waitFor(() => rec!.hub.status('tls')?.state === 'stopped', 'stopped');
    const status = rec.hub.status('tls')!;
    expect(status.reason?.kind).toBe('tls');
    expect(reasonEnglish(status.reason!)).toBe(reason);
    expect(status.retryAt).toBeNull();
    expect(rec.events).toHaveLength(0);
  });
});
