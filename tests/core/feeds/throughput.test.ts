/**
 * The engine's hot path end-to-end over a real socket: 300 000 events of ~100 bytes, none lost, delivered in
 * per-chunk batches, at more than 50 000 events/s (the requirement; measured ~170 000/s on the 2-core dev box
 * with the server in the same process).
 */
import { afterEach, expect, test } from 'vitest';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { feed, makeHub, shutdown, waitFor, type Recorder } from './helpers';

let server: SseTestServer | null = null;
let rec: Recorder | null = null;
afterEach(async () => {
  await shutdown(rec, server);
  [rec, server] = [null, null];
});

test('sustains more than 50k events/s of 100 B events, losing none', async () => {
  server = await startSseServer();
  rec = makeHub();
  let received = 0;
  let lastId = '';
  let ordered = true;
  let expectedNext = 0;
  rec.hub.onEvents((events) => {
    for (const e of events) {
      if (e.eventId !== String(expectedNext)) ordered = false;
      expectedNext++;
      lastId = e.eventId ?? '';
    }
    received += events.length;
  });
  rec.hub.upsert(feed('f', `${server.url}/bulk`));
  await server.waitForClients(1, { path: '/bulk' });
  const total = 300_000;
  const perBlock = 1000;
  const payload = 'x'.repeat(80);
  const started = performance.now();
  for (let block = 0; block < total / perBlock; block++) {
    let text = '';
    for (let i = 0; i < perBlock; i++) text += `id: ${block * perBlock + i}\ndata: ${payload}\n\n`;
    await server.writeRaw(text, { path: '/bulk' });
    if (block % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await waitFor(() => received >= total, `${total} events`, 30_000);
  const seconds = (performance.now() - started) / 1000;
  const rate = total / seconds;
  console.log(
    `throughput: ${total} events in ${seconds.toFixed(2)} s = ${Math.round(rate)} events/s, ${rec.batches} batches`,
  );
  expect(received).toBe(total);
  expect(ordered).toBe(true);
  expect(lastId).toBe(String(total - 1));
  expect(rec.batches).toBeLessThan(total / 20); // batched per chunk, not one call per event
  expect(rate).toBeGreaterThan(50_000);
}, 60_000);
