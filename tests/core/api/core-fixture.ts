/**
 * Per test: a temp data folder, a loopback SSE server, and the cores a test opens on that folder (a restart opens
 * another on the same folder); all closed and removed after the test.
 */
import { afterEach, beforeEach } from 'vitest';
import { createCore, type CoreInstance } from '../../../electron/main/core/index';
import { startSseServer, type SseTestServer } from '../../support/sse-server';
import { captureLogger, tempDir, testCodec } from '../store/helpers';

export interface CoreFixture {
  readonly server: SseTestServer;
  /** Opens a core on the test's data folder. */
  open(): Promise<CoreInstance>;
  /** Closes a core opened with open() (before a restart). */
  close(core: CoreInstance): Promise<void>;
}

export function useCoreFixture(prefix: string): CoreFixture {
  let dir: ReturnType<typeof tempDir> | null = null;
  let server: SseTestServer | null = null;
  const cores: CoreInstance[] = [];
  beforeEach(async () => {
    dir = tempDir(prefix);
    server = await startSseServer();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await server?.close();
    dir?.cleanup();
  });
  return {
    get server() {
      return server!;
    },
    async open() {
      const core = await createCore({ dataDir: dir!.dir, secrets: testCodec(), logger: captureLogger(), version: '1' });
      cores.push(core);
      return core;
    },
    async close(core) {
      cores.splice(cores.indexOf(core), 1);
      await core.close();
    },
  };
}
