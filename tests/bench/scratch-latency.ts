import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Message } from '../../shared/domain';
import { push } from '../../shared/ipc/channels';
import { createCore } from '../../electron/main/core/index';
const now = () => performance.timeOrigin + performance.now();
async function main() {
  const child = fork(resolve(__dirname, 'bench-server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((r) => child.once('message', (m) => r((m as { port: number }).port)));
  const variants = JSON.parse(process.argv[2] ?? '[{}]') as Record<string, unknown>[];
  for (const v of variants) {
    const dir = mkdtempSync(join(tmpdir(), 'scratch-'));
    const core = await createCore({ dataDir: dir, secrets: { available: false, encrypt: () => '', decrypt: () => '' }, ...v });
    const recv: number[] = [], stored: number[] = [], pushed: number[] = [];
    core.onStored((ms) => { const at = now(); for (const m of ms) { const t = Number(m.data.slice(2, m.data.indexOf(';'))); recv.push(m.receivedAt - t); stored.push(at - t); } });
    core.onPush((c, p) => { if (c !== push.messages) return; const at = now(); for (const m of p as Message[]) pushed.push(at - Number(m.data.slice(2, m.data.indexOf(';')))); });
    const n = 5000;
    await core.addFeedFromUrl(`http://127.0.0.1:${port}/rate?n=${n}&rps=1000`);
    while (pushed.length < n) await new Promise((r) => setTimeout(r, 5));
    const pct = (a: number[], p: number) => { const s = a.slice(500).sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p / 100))]!.toFixed(1); };
    console.log(JSON.stringify(v), 'recv p50/p99', pct(recv, 50), pct(recv, 99), 'stored', pct(stored, 50), pct(stored, 99), 'pushed', pct(pushed, 50), pct(pushed, 99), pct(pushed, 100));
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  child.kill();
}
main();
