/**
 * Installers cannot be built here (electron-builder downloads Electron), but the configuration is checked
 * against electron-builder's own schema, and the parts that matter for a working app are asserted.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const require = createRequire(__filename);
interface BuilderConfig {
  icon: string;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}
const config = require(resolve(root, 'electron/builder.config.cjs')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it("passes electron-builder's schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow();
  });

  it('targets AppImage + deb, NSIS and dmg, keeps the native SQLite module out of asar, and sets the fuses', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/libsql/**', 'node_modules/@libsql/**']));
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableNodeCliInspectArguments: false,
    });
    expect(existsSync(resolve(root, config.icon))).toBe(true);
  });
});
