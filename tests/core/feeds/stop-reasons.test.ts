/**
 * Every stop reason produced by a real server response (or a real TLS handshake), with the human reason the UI
 * shows. A stopped feed must not retry: the request count stays put.
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { describeNetworkError } from '../../../electron/main/core/feeds/errors';
import type { FeedStatus } from '../../../shared/domain';
import { reasonEnglish, type Reason } from '../../../shared/reason';
import { startSseServer, type SseFault, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, sleep, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
let tlsServer: https.Server | null = null;

afterEach(async () => {
  rec?.hub.close();
  rec = null;
  await server?.close();
  server = null;
  if (tlsServer) await new Promise((resolve) => tlsServer!.close(resolve));
  tlsServer = null;
});

/** The English words of a status's reason (logs, listener), null without one. */
const words = (s: Pick<FeedStatus, 'reason'>): string | null => (s.reason ? reasonEnglish(s.reason) : null);

async function stoppedBy(fault: SseFault): Promise<{
  cause: Reason | null;
  reason: string | null;
  requests: number;
}> {
  server = await startSseServer();
  server.setFault('/events', fault);
  rec = makeHub();
  rec.hub.upsert(feed('f', `${server.url}/events`));
  await waitFor(() => rec!.hub.status('f')?.state === 'stopped', 'stopped');
  const requests = server.requests.length;
  await sleep(300); // several backoff spans (base 20 ms, cap 200 ms): a retry would show up here
  expect(server.requests.length).toBe(requests);
  const status = rec.hub.status('f')!;
  expect(status.retryAt).toBeNull();
  expect(status.counters.lastError).toEqual(status.reason);
  return { cause: status.reason, reason: words(status), requests };
}

describe('stop reasons from real responses', () => {
  test('204 No Content: the server asks to stop', async () => {
    const r = await stoppedBy({ kind: 'status', status: 204 });
    expect(r).toMatchObject({ reason: 'Server asked to stop (204 No Content)', requests: 1 });
    expect(r.cause).toEqual({ kind: 'http', status: 204 });
  });

  test.each([401, 403])('%i: authentication failed', async (status) => {
    const r = await stoppedBy({ kind: 'status', status });
    expect(r).toMatchObject({ reason: `Authentication failed (${status})`, requests: 1 });
    expect(r.cause).toEqual({ kind: 'http', status });
  });

  test.each([404, 410])('%i: feed not found', async (status) => {
    const r = await stoppedBy({ kind: 'status', status });
    expect(r).toMatchObject({ reason: `Feed not found (${status})`, requests: 1 });
    expect(r.cause).toEqual({ kind: 'http', status });
  });

  test('wrong content type: not an event stream', async () => {
    const r = await stoppedBy({ kind: 'content-type', contentType: 'text/html; charset=utf-8' });
    expect(r).toMatchObject({ reason: 'Not an event stream: got text/html', requests: 1 });
    expect(r.cause).toEqual({ kind: 'contentType', got: 'text/html' });
  });

  test('other 4xx: request rejected, no retry', async () => {
    const r = await stoppedBy({ kind: 'status', status: 400 });
    expect(r).toMatchObject({ reason: 'Request rejected (HTTP 400)', cause: { kind: 'http', status: 400 } });
  });

  test('redirect loop: too many redirects', async () => {
    const r = await stoppedBy({ kind: 'redirect-loop' });
    expect(r.reason).toBe('Too many redirects');
    expect(r.cause).toEqual({ kind: 'redirectLoop' });
    expect(r.requests).toBeGreaterThan(5); // fetch followed the loop before giving up
  });

  test('a single redirect is followed and the feed opens', async () => {
    server = await startSseServer();
    server.setFault('/old', { kind: 'redirect', location: '/events', status: 301 });
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/old`));
    await server.waitForClients(1, { path: '/events' });
    server.send({ id: '1', data: 'moved' });
    await waitFor(() => rec!.events.length === 1, 'event after redirect');
    expect(rec.hub.status('f')!.state).toBe('open');
  });

  test('auth required: 401 without the header, open with it', async () => {
    server = await startSseServer();
    server.requireAuth('/events', 'Authorization', 'Bearer s3cret');
    rec = makeHub();
    rec.hub.upsert(feed('bad', `${server.url}/events`, { headers: { Authorization: 'Bearer wrong' } }));
    rec.hub.upsert(feed('good', `${server.url}/events`, { headers: { Authorization: 'Bearer s3cret' } }));
    await waitFor(() => rec!.hub.status('bad')?.state === 'stopped', 'bad stopped');
    await waitFor(() => rec!.hub.status('good')?.state === 'open', 'good open');
    expect(words(rec.hub.status('bad')!)).toBe('Authentication failed (401)');
  });

  test('invalid or unsupported URLs stop without a request', async () => {
    rec = makeHub();
    rec.hub.upsert(feed('a', 'not a url'));
    rec.hub.upsert(feed('b', 'ftp://127.0.0.1/feed'));
    expect(rec.hub.status('a')).toMatchObject({ state: 'stopped', reason: { kind: 'invalidUrl' } });
    expect(rec.hub.status('b')).toMatchObject({ state: 'stopped', reason: { kind: 'scheme', scheme: 'ftp' } });
    expect(words(rec.hub.status('b')!)).toContain('ftp');
  });

  test('a header value HTTP cannot carry (characters beyond Latin-1) stops without a request, naming only the header', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`, { headers: { 'X-Api-Key': 'k€y-s3cret' } }));
    await sleep(300); // a retry loop would show up here as requests or a reconnecting state
    expect(rec.hub.status('f')).toMatchObject({ state: 'stopped', reason: { kind: 'header', name: 'X-Api-Key' } });
    expect(words(rec.hub.status('f')!)).toBe('Invalid header "X-Api-Key"');
    expect(server.requests).toHaveLength(0);
    expect(JSON.stringify(rec.statuses)).not.toContain('s3cret');
    // Latin-1 is fine (sent as those bytes).
    rec.hub.upsert(feed('g', `${server.url}/events`, { headers: { 'X-Name': 'café' } }));
    await waitFor(() => rec!.hub.status('g')?.state === 'open', 'open');
  });

  test('TLS: a self-signed certificate stops with the problem in words', async () => {
    const dir = new URL('./fixtures/', import.meta.url);
    tlsServer = https.createServer(
      { key: readFileSync(new URL('self-signed.key', dir)), cert: readFileSync(new URL('self-signed.crt', dir)) },
      (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.write('data: should never arrive\n\n');
      },
    );
    await new Promise<void>((resolve) => tlsServer!.listen(0, '127.0.0.1', resolve));
    const port = (tlsServer.address() as AddressInfo).port;
    rec = makeHub();
    rec.hub.upsert(feed('tls', `https://127.0.0.1:${port}/events`));
    await waitFor(() => rec!.hub.status('tls')?.state === 'stopped', 'tls stopped');
    const status = rec.hub.status('tls')!;
    expect(words(status)).toBe(
      'Certificate problem: the server uses a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(status.reason).toEqual({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', problem: 'self-signed' });
    expect(rec.events).toHaveLength(0);
  });

  test.each([
    ['CERT_HAS_EXPIRED', 'expired', 'Certificate problem: the server’s certificate has expired (CERT_HAS_EXPIRED)'],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'untrusted-issuer',
      'Certificate problem: the server’s certificate is not signed by a trusted authority (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'name-mismatch',
      'Certificate problem: the certificate does not match the server’s name (ERR_TLS_CERT_ALTNAME_INVALID)',
    ],
  ])('TLS code %s in undici’s cause chain is put in words and in a code', (code, problem, reason) => {
    const cause = Object.assign(new Error('certificate trouble'), { code });
    const error = new TypeError('fetch failed', { cause });
    const outcome = describeNetworkError(error);
    expect(outcome).toEqual({ kind: 'stop', reason: { kind: 'tls', code, problem } });
    expect(reasonEnglish(outcome.reason)).toBe(reason);
  });

  test('Electron net.fetch errors map too', () => {
    expect(describeNetworkError(new Error('net::ERR_CERT_DATE_INVALID'))).toMatchObject({
      kind: 'stop',
      reason: { kind: 'tls' },
    });
    expect(describeNetworkError(new Error('net::ERR_TOO_MANY_REDIRECTS'))).toMatchObject({
      reason: { kind: 'redirectLoop' },
    });
    const refused = describeNetworkError(new Error('net::ERR_CONNECTION_REFUSED'));
    expect(refused).toEqual({ kind: 'retry', reason: { kind: 'network', problem: 'connection-refused' } });
    expect(reasonEnglish(refused.reason)).toBe('Connection refused');
    expect(describeNetworkError(new Error('net::ERR_CERT_DATE_INVALID'))).toMatchObject({
      reason: { kind: 'tls', code: 'ERR_CERT_DATE_INVALID', problem: 'date-invalid' },
    });
    const hangUp = describeNetworkError(new TypeError('fetch failed', { cause: new Error('socket hang up') }));
    expect(hangUp).toEqual({ kind: 'retry', reason: { kind: 'networkError', detail: 'socket hang up' } });
    expect(reasonEnglish(hangUp.reason)).toBe('Network error: socket hang up');
  });
});

describe('retry reasons from real responses carry a code and details too', () => {
  async function retryingBy(fault: SseFault) {
    server = await startSseServer();
    server.setFault('/events', fault);
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await waitFor(() => rec!.hub.status('f')?.state === 'reconnecting' && server!.requests.length >= 2, 'retried');
    const retrying = rec.statuses.filter((s) => s.state === 'reconnecting');
    // The waiting state and the next attempt both carry the reason, its code and its details.
    expect(new Set(retrying.map((s) => JSON.stringify(s.reason))).size).toBe(1);
    expect(retrying.every((s) => s.reason !== null)).toBe(true);
    expect(
      rec.statuses.filter((s) => s.state === 'connecting' || s.state === 'open').every((s) => s.reason === null),
    ).toBe(true);
    return rec.hub.status('f')!;
  }

  test.each([500, 503])('%i: server error, with the status', async (status) => {
    const s = await retryingBy({ kind: 'status', status });
    expect(s.reason).toEqual({ kind: 'http', status });
    expect(words(s)).toBe(`Server error (${status})`);
  });

  test('429: rate limited', async () => {
    const s = await retryingBy({ kind: 'status', status: 429 });
    expect(s.reason).toEqual({ kind: 'http', status: 429 });
    expect(words(s)).toBe('Rate limited by the server (429)');
  });

  test('nothing listening: connection refused', async () => {
    server = await startSseServer();
    const url = `${server.url}/events`;
    await server.close();
    server = null;
    rec = makeHub();
    rec.hub.upsert(feed('f', url));
    await waitFor(() => rec!.hub.status('f')?.state === 'reconnecting', 'reconnecting');
    expect(rec.hub.status('f')!.reason).toEqual({ kind: 'network', problem: 'connection-refused' });
    expect(words(rec.hub.status('f')!)).toBe('Connection refused');
  });

  test('a status that opens again clears the code', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'status', status: 503 }, { times: 1 });
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await waitFor(() => rec!.hub.status('f')?.state === 'open', 'open');
    expect(rec.statuses.some((s) => s.reason?.kind === 'http' && s.reason.status === 503)).toBe(true);
    expect(rec.hub.status('f')).toMatchObject({ reason: null });
  });
});
