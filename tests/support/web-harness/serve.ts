/**
 * `npm run preview:web` (the npm script builds first): the built renderer in any browser, with the real core behind
 * it and the demo SSE server feeding it. Loopback only (127.0.0.1). Test tooling, never part of the app build.
 *   --port N        harness port (default 5183)   --data DIR   keep the database in DIR (default: a temp folder)
 */
import { startSseServer } from '../sse-server';
import { startHarness } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const demo = await startSseServer({ demo: true });
  demo.heartbeat(15_000);
  const portArg = arg('--port');
  const harness = await startHarness({
    port: portArg ? Number(portArg) : 5183,
    dataDir: arg('--data'),
    seedFeeds: [
      { url: `${demo.url}/notify`, name: 'Notifications' },
      { url: `${demo.url}/orders`, name: 'Orders' },
      { url: `${demo.url}/ticker`, name: 'Ticker', notify: { mode: 'off', types: [], include: [], exclude: [] } },
    ],
  });
  console.log(`Tidings web preview: ${harness.url}`);
  console.log(`Demo SSE server:     ${demo.url} (/notify, /orders, /ticker)`);
  console.log('Ctrl+C to stop.');
  const stop = (): void => {
    void Promise.all([harness.close(), demo.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
