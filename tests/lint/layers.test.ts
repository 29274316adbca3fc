/**
 * The layer rules of ARCHITECTURE.md §2 are enforced by lint, not by hope: each case plants an import in a file
 * of a layer and asserts that ESLint rejects it (or accepts it, for the allowed controls).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const rejected: [layer: string, file: string, code: string][] = [
  ['core → electron', 'electron/main/core/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  [
    'core → electron/main',
    'electron/main/core/planted.ts',
    "import { ipcMain } from 'electron/main';\nexport const a = ipcMain;\n",
  ],
  [
    'core → electron-log',
    'electron/main/core/feeds/planted.ts',
    "import log from 'electron-log/main';\nexport const a = log;\n",
  ],
  [
    'core → platform',
    'electron/main/core/feeds/planted.ts',
    "import { x } from '../../platform/tray';\nexport const a = x;\n",
  ],
  ['shared → electron', 'shared/planted.ts', "import { shell } from 'electron';\nexport const a = shell;\n"],
  [
    'shared → node:fs',
    'shared/ipc/planted.ts',
    "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
  ],
  ['shared → fs', 'shared/planted.ts', "import fs from 'fs';\nexport const a = fs;\n"],
  ['shared → core', 'shared/planted.ts', "import { x } from '../electron/main/core/types';\nexport const a = x;\n"],
  [
    'renderer → electron',
    'renderer/src/planted.ts',
    "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
  ],
  ['renderer → node:path', 'renderer/src/planted.tsx', "import { join } from 'node:path';\nexport const a = join;\n"],
  ['renderer → path', 'renderer/src/planted.ts', "import { join } from 'path';\nexport const a = join;\n"],
  [
    'renderer → core',
    'renderer/src/planted.ts',
    "import { x } from '../../electron/main/core/types';\nexport const a = x;\n",
  ],
  [
    'renderer component → bridge',
    'renderer/src/components/Planted.tsx',
    "import { api } from '../bridge';\nexport const a = api;\n",
  ],
  ['preload → core', 'electron/preload/planted.ts', "import { x } from '../main/core/index';\nexport const a = x;\n"],
  ['preload → zod', 'electron/preload/planted.ts', "import { z } from 'zod';\nexport const a = z;\n"],
  ['listener → electron', 'electron/listen/planted.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  [
    'listener → platform',
    'electron/listen/planted.ts',
    "import { x } from '../main/platform/tray';\nexport const a = x;\n",
  ],
  [
    'listener → core internals',
    'electron/listen/planted.ts',
    "import { FeedHub } from '../main/core/feeds/feed-hub';\nexport const a = FeedHub;\n",
  ],
  [
    'core → listener',
    'electron/main/core/planted.ts',
    "import { x } from '../../listen/listen';\nexport const a = x;\n",
  ],
  [
    'preload → schemas (value)',
    'electron/preload/planted.ts',
    "import { feedInput } from '../../shared/ipc/schemas';\nexport const a = feedInput;\n",
  ],
  [
    'preload → validation table',
    'electron/preload/planted.ts',
    "import { requestSchemas } from '../../shared/ipc/validation';\nexport const a = requestSchemas;\n",
  ],
];

const allowed: [layer: string, file: string, code: string][] = [
  [
    'core → shared',
    'electron/main/core/planted.ts',
    "import { invoke } from '../../../shared/ipc/channels';\nexport const a = invoke;\n",
  ],
  [
    'core → node:fs',
    'electron/main/core/planted.ts',
    "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
  ],
  [
    'listener → core (its index) and shared',
    'electron/listen/planted.ts',
    "import { FeedHub } from '../main/core';\nimport { push } from '../../shared/ipc/channels';\nexport const a = [FeedHub, push];\n",
  ],
  [
    'platform → electron',
    'electron/main/platform/planted.ts',
    "import { app } from 'electron';\nexport const a = app;\n",
  ],
  [
    'preload → electron + channels',
    'electron/preload/planted.ts',
    "import { ipcRenderer } from 'electron';\nimport { invoke } from '../../shared/ipc/channels';\nexport const a = [ipcRenderer, invoke];\n",
  ],
  [
    'preload → schemas (types only)',
    'electron/preload/planted.ts',
    "import type { FeedInput } from '../../shared/ipc/schemas';\nexport type A = FeedInput;\n",
  ],
  [
    'renderer → shared',
    'renderer/src/planted.ts',
    "import { invoke } from '../../shared/ipc/channels';\nexport const a = invoke;\n",
  ],
  [
    'renderer store → bridge',
    'renderer/src/store/planted.ts',
    "import { api } from '../bridge';\nexport const a = api;\n",
  ],
];

describe('layer rules (ARCHITECTURE §2)', () => {
  it.each(rejected)('rejects %s', async (_layer, file, code) => {
    const errors = await restrictedImportErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each(allowed)('allows %s', async (_layer, file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });

  it('`eslint` (as run by npm run lint) exits non-zero on a planted core → electron import', () => {
    const run = spawnSync(
      process.execPath,
      [
        resolve(root, 'node_modules/eslint/bin/eslint.js'),
        '--max-warnings',
        '0',
        '--stdin',
        '--stdin-filename',
        'electron/main/core/planted.ts',
      ],
      { cwd: root, input: "import { app } from 'electron';\nexport const a = app;\n", encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('core must not import electron');
  });
});
