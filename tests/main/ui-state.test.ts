import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiStateStore } from '../../electron/main/platform/ui-state';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-ui-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('remembered platform state', () => {
  it('remembers that the close-to-tray hint was shown, across restarts', () => {
    const file = join(dir, 'nested', 'platform-state.json');
    expect(createUiStateStore(file).get().closeHintShown).toBe(false);
    createUiStateStore(file).update({ closeHintShown: true });
    expect(createUiStateStore(file).get().closeHintShown).toBe(true);
  });

  it('starts from defaults when the file is corrupt', () => {
    const file = join(dir, 'platform-state.json');
    writeFileSync(file, '{not json');
    expect(createUiStateStore(file).get()).toEqual({ closeHintShown: false });
  });
});
