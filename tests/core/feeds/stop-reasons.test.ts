/**
 * Every stop reason produced by a real server response (or a real TLS handshake), with the human reason the UI
 * shows. A stopped feed must not retry: the request count stays put.
 */
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { describeNetworkError } from '../../../electron/main/core/feeds/errors';
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

async function stoppedBy(fault: SseFault): Promise<{
  code: string | null;
  reason: string | null;
  reasonCode: string | null;
  reasonParams: Record<string, string | number>;
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
  expect(status.counters.lastError).toBe(status.reason);
  return {
    code: status.code,
    reason: status.reason,
    reasonCode: status.reasonCode,
    reasonParams: status.reasonParams,
    requests,
  };
}

describe('stop reasons from real responses', () => {
  test('204 No Content: the server asks to stop', async () => {
    const r = await stoppedBy({ kind: 'status', status: 204 });
    expect(r).toMatchObject({ code: 'server-stop', reason: 'Server asked to stop (204 No Content)', requests: 1 });
    expect(r).toMatchObject({ reasonCode: 'server-stop', reasonParams: { status: 204 } });
  });

  test.each([401, 403])('%i: authentication failed', async (status) => {
    const r = await stoppedBy({ kind: 'status', status });
    expect(r).toMatchObject({ code: 'auth-failed', reason: `Authentication failed (${status})`, requests: 1 });
    expect(r).toMatchObject({ reasonCode: 'auth-failed', reasonParams: { status } });
  });

  test.each([404, 410])('%i: feed not found', async (status) => {
    const r = await stoppedBy({ kind: 'status', status });
    expect(r).toMatchObject({ code: 'not-found', reason: `Feed not found (${status})`, requests: 1 });
    expect(r).toMatchObject({ reasonCode: 'not-found', reasonParams: { status } });
  });

  test('wrong content type: not an event stream', async () => {
    const r = await stoppedBy({ kind: 'content-type', contentType: 'text/html; charset=utf-8' });
    expect(r).toMatchObject({ code: 'bad-content-type', reason: 'Not an event stream: got text/html', requests: 1 });
    expect(r).toMatchObject({ reasonCode: 'bad-content-type', reasonParams: { contentType: 'text/html' } });
  });

  test('other 4xx: request rejected, no retry', async () => {
    const r = await stoppedBy({ kind: 'status', status: 400 });
    expect(r).toMatchObject({
      code: 'http-error',
      reason: 'Request rejected (HTTP 400)',
      reasonCode: 'http-error',
      reasonParams: { status: 400 },
    });
  });

  test('redirect loop: too many redirects', async () => {
    const r = await stoppedBy({ kind: 'redirect-loop' });
    expect(r.code).toBe('redirect-loop');
    expect(r.reason).toBe('Too many redirects');
    expect(r).toMatchObject({ reasonCode: 'redirect-loop', reasonParams: {} });
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
    expect(rec.hub.status('bad')!.reason).toBe('Authentication failed (401)');
  });

  test('invalid or unsupported URLs stop without a request', async () => {
    rec = makeHub();
    rec.hub.upsert(feed('a', 'not a url'));
    rec.hub.upsert(feed('b', 'ftp://127.0.0.1/feed'));
    expect(rec.hub.status('a')).toMatchObject({ state: 'stopped', code: 'invalid-url' });
    expect(rec.hub.status('b')).toMatchObject({ state: 'stopped', code: 'invalid-url' });
    expect(rec.hub.status('b')!.reason).toContain('ftp');
    expect(rec.hub.status('a')).toMatchObject({ reasonCode: 'invalid-url', reasonParams: {} });
    expect(rec.hub.status('b')).toMatchObject({ reasonCode: 'unsupported-scheme', reasonParams: { scheme: 'ftp' } });
  });

  test('a header value HTTP cannot carry (characters beyond Latin-1) stops without a request, naming only the header', async () => {
    server = await startSseServer();
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`, { headers: { 'X-Api-Key': 'k€y-s3cret' } }));
    await sleep(300); // a retry loop would show up here as requests or a reconnecting state
    expect(rec.hub.status('f')).toMatchObject({
      state: 'stopped',
      code: 'http-error',
      reason: 'Invalid header "X-Api-Key"',
    });
    expect(rec.hub.status('f')).toMatchObject({ reasonCode: 'invalid-header', reasonParams: { header: 'X-Api-Key' } });
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
    expect(status.code).toBe('tls');
    expect(status.reason).toBe(
      'Certificate problem: the server uses a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect(status).toMatchObject({
      reasonCode: 'tls',
      reasonParams: { tlsCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', problem: 'self-signed' },
    });
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
    expect(describeNetworkError(error)).toEqual({
      kind: 'stop',
      code: 'tls',
      reason,
      reasonCode: 'tls',
      params: { tlsCode: code, problem },
    });
  });

  test('Electron net.fetch errors map too', () => {
    expect(describeNetworkError(new Error('net::ERR_CERT_DATE_INVALID'))).toMatchObject({ kind: 'stop', code: 'tls' });
    expect(describeNetworkError(new Error('net::ERR_TOO_MANY_REDIRECTS'))).toMatchObject({ code: 'redirect-loop' });
    expect(describeNetworkError(new Error('net::ERR_CONNECTION_REFUSED'))).toEqual({
      kind: 'retry',
      reason: 'Connection refused',
      reasonCode: 'connection-refused',
      params: {},
    });
    expect(describeNetworkError(new Error('net::ERR_CERT_DATE_INVALID'))).toMatchObject({
      reasonCode: 'tls',
      params: { tlsCode: 'ERR_CERT_DATE_INVALID', problem: 'date-invalid' },
    });
    expect(describeNetworkError(new Error('bad port'))).toMatchObject({
      code: 'invalid-url',
      reasonCode: 'blocked-port',
    });
    expect(describeNetworkError(new TypeError('fetch failed', { cause: new Error('socket hang up') }))).toEqual({
      kind: 'retry',
      reason: 'Network error: socket hang up',
      reasonCode: 'network',
      params: { detail: 'socket hang up' },
    });
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
    expect(new Set(retrying.map((s) => `${s.reason}|${s.reasonCode}|${JSON.stringify(s.reasonParams)}`)).size).toBe(1);
    expect(
      rec.statuses.filter((s) => s.state === 'connecting' || s.state === 'open').every((s) => s.reasonCode === null),
    ).toBe(true);
    return rec.hub.status('f')!;
  }

  test.each([500, 503])('%i: server error, with the status', async (status) => {
    const s = await retryingBy({ kind: 'status', status });
    expect(s).toMatchObject({
      code: null,
      reason: `Server error (${status})`,
      reasonCode: 'server-error',
      reasonParams: { status },
    });
  });

  test('429: rate limited', async () => {
    const s = await retryingBy({ kind: 'status', status: 429 });
    expect(s).toMatchObject({
      reason: 'Rate limited by the server (429)',
      reasonCode: 'rate-limited',
      reasonParams: { status: 429 },
    });
  });

  test('nothing listening: connection refused', async () => {
    server = await startSseServer();
    const url = `${server.url}/events`;
    await server.close();
    server = null;
    rec = makeHub();
    rec.hub.upsert(feed('f', url));
    await waitFor(() => rec!.hub.status('f')?.state === 'reconnecting', 'reconnecting');
    expect(rec.hub.status('f')).toMatchObject({
      reason: 'Connection refused',
      reasonCode: 'connection-refused',
      reasonParams: {},
    });
  });

  test('a status that opens again clears the code', async () => {
    server = await startSseServer();
    server.setFault('/events', { kind: 'status', status: 503 }, { times: 1 });
    rec = makeHub();
    rec.hub.upsert(feed('f', `${server.url}/events`));
    await waitFor(() => rec!.hub.status('f')?.state === 'open', 'open');
    expect(rec.statuses.some((s) => s.reasonCode === 'server-error')).toBe(true);
    expect(rec.hub.status('f')).toMatchObject({ reason: null, reasonCode: null, reasonParams: {} });
  });
});
