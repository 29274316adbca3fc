/** The listener speaks profiles: spawned as users run it, against the ntfy fixture. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NtfyFixture } from '../../support/fixtures/ntfy';
import { testScope } from './reader';

const scope = testScope();
const ROOT = join(__dirname, '..', '..', '..');
const LISTEN = join(ROOT, 'electron', 'listen', 'listen.ts');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LISTEN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('listen with server profiles', () => {
  test('JSON lines carry title, body, priority, tags and link; open and keepalive are never printed', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ keepaliveMs: 50 }).start());
    const child = run([`${ntfy.url}/alerts/sse`, '--count', '2']);
    await ntfy.server.waitForClients(1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // keepalives flow
    ntfy.publish('alerts', 'Disk full', {
      title: 'Server',
      priority: 5,
      tags: ['warning', 'db'],
      click: 'https://x.example/d',
    });
    ntfy.publish('alerts', 'plain');
    const { code, stdout } = await child;
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => 'type' in line);
    expect(lines.map((line) => line.type)).toEqual(['message', 'message']);
    expect(lines[0]).toMatchObject({
      title: 'Server',
      body: 'Disk full',
      priority: 5,
      tags: ['⚠️ warning', 'db'],
      link: 'https://x.example/d',
    });
    expect(lines[1]).toMatchObject({ body: 'plain' });
    expect(lines[1]).not.toHaveProperty('priority');
  }, 60_000);

  test('sends through the composer’s code and prints one JSON line; exit 0 sent, 4 refused, 2 usage', async () => {
    const ntfy = await scope.fixture(new NtfyFixture({ token: 'tk' }).start());
    const sent = await run([
      '--publish',
      `${ntfy.url}/alerts`,
      'Backup done',
      '--kind',
      'ntfy',
      '--title',
      'Nightly',
      '--priority',
      '4',
      '--header',
      'Authorization: Bearer tk',
    ]);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toEqual({ ok: true, status: 200, messageId: ntfy.messages[0]!.id });
    expect(ntfy.messages[0]).toMatchObject({ message: 'Backup done', title: 'Nightly', priority: 4 });

    const refused = await run(['--publish', `${ntfy.url}/alerts`, 'x', '--kind', 'ntfy']);
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stdout)).toEqual({ ok: false, failure: 'http', status: 401, error: 'unauthorized' });

    const usage = await run(['--publish', `${ntfy.url}/alerts`]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--publish wants a URL and the text');
  }, 60_000);
});
