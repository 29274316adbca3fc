/**
 * Demo SSE server: `npm run demo-server` (or `npx tsx tests/support/demo-server.ts [--port N]`; PORT env works too).
 * Serves the app's own built-in demo stream (`electron/main/core/demo/demo-stream.ts`, the one behind "Try a demo
 * feed") on 127.0.0.1:8787 and prints the feed URLs. Ctrl+C stops it.
 */
import { DEMO_PATHS, startDemoStream } from '../../electron/main/core/demo/demo-stream';

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

const WHAT: Record<(typeof DEMO_PATHS)[number], string> = {
  notify: 'JSON {"title","message"} every 3 s (ids n-N)',
  orders: 'event: newOrder, JSON order every 2 s (ids o-N)',
  ticker: 'data: <ISO time> every second (ids t-N)',
};

async function main(): Promise<void> {
  const stream = await startDemoStream({ port: parsePort(process.argv.slice(2)) });
  console.log(`Tidings demo SSE server on http://127.0.0.1:${stream.port}`);
  for (const path of DEMO_PATHS) console.log(`  ${stream.url(path)}   ${WHAT[path]}`);
  console.log('Reconnect with Last-Event-ID to replay what you missed. Ctrl+C to stop.');
  const stop = (): void => {
    void stream.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
