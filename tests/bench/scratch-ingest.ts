import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Message } from '../../shared/domain';
import { push } from '../../shared/ipc/channels';
import { createCore } from '../../electron/main/core/index';

async function main() {
  const child = fork(resolve(__dirname, 'bench-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)));
  const variants = JSON.parse(process.argv[2] ?? '[{}]') as Record<string, unknown>[];
  for (const v of variants) {
    const dir = mkdtempSync(join(tmpdir(), 'scratch-'));
    const core = await createCore({ dataDir: dir, secrets: { available: false, encrypt: () => '', decrypt: () => '' }, ...v });
    core.updateSettings({ retention: { maxPerFeed: 10_000_000, maxAgeDays: 36500 } });
    let pushed = 0;
    let batches = 0;
    core.onStored(() => { batches++; });
    core.onPush((c, p) => { if (c === push.messages) pushed += (p as Message[]).length; });
    const n = 200000;
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    await core.addFeedFromUrl(`http://127.0.0.1:${port}/burst?n=${n}&size=100`);
    while (pushed < n) await new Promise((r) => setTimeout(r, 2));
    const el = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify(v), Math.round(n / el * 1000), 'ev/s', 'cpu%', Math.round((cpu.user + cpu.system) / 10 / el), 'batches', batches);
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  child.kill();
}
main();
