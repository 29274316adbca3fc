/**
 * Demo SSE server: `npm run demo-server` (or `npx tsx tests/support/demo-server.ts [--port N]`; PORT env works too).
 * Starts the test server on 127.0.0.1:8787 with the ticker, JSON notifications and named events running, plus a
 * `: ping` comment every 15 s, and prints the feed URLs. Ctrl+C stops it.
 */
import { startSseServer } from './sse-server';

function parsePort(argv: string[]): number {
  const i = argv.indexOf('--port');
  const raw = i !== -1 ? argv[i + 1] : process.env.PORT;
  if (raw === undefined || raw === '') return 8787;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo-server: invalid port "${raw}"`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const server = await startSseServer({ port: parsePort(process.argv.slice(2)), demo: true });
  server.heartbeat(15_000);
  console.log(`Tidings demo SSE server on ${server.url}`);
  console.log(`  ${server.url}/ticker   data: <ISO time> every second (ids t-N)`);
  console.log(`  ${server.url}/notify   JSON {"title","message"} every 3 s (ids n-N)`);
  console.log(`  ${server.url}/orders   event: newOrder, JSON order every 2 s (ids o-N)`);
  console.log(`  ${server.url}/events   quiet channel (for manual tests)`);
  console.log('Reconnect with Last-Event-ID to replay what you missed. Ctrl+C to stop.');
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
