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
  linux: { target: string[]; syncDesktopName?: boolean; desktop?: { entry?: Record<string, string> } };
  win: { target: string[] };
  mac: {
    target: string[];
    identity?: string | null;
    hardenedRuntime?: boolean;
    entitlements?: string;
    extraFiles?: { from: string; to: string }[];
  };
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

describe('desktop integration in the installers', () => {
  const pkg = require(resolve(root, 'package.json')) as { desktopName?: string; productName: string };

  it("Linux: the .desktop file is named after desktopName, which is Electron's app_id / WM_CLASS (badge, Wayland)", () => {
    expect(pkg.desktopName).toBe('dev.tidings.app.desktop');
    expect(config.linux.syncDesktopName).toBe(true);
    // electron-builder's own code computes the installed file name and StartupWMClass.
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
      LinuxTargetHelper: new (packager: unknown) => {
        getDesktopFileName(): string;
        computeDesktopEntry(options: unknown, exec?: string): Promise<string>;
      };
    };
    const packager = {
      platformSpecificBuildOptions: config.linux,
      info: { metadata: pkg },
      config,
      executableName: 'tidings',
      fileAssociations: [],
      appInfo: { productName: 'Tidings', description: 'x', sanitizedProductName: 'Tidings', version: '0.1.0' },
    };
    const helper = new LinuxTargetHelper(packager);
    expect(helper.getDesktopFileName()).toBe('dev.tidings.app');
    return helper.computeDesktopEntry(config.linux, 'tidings').then((entry) => {
      expect(entry).toContain('StartupWMClass=dev.tidings.app');
    });
  });

  it('macOS: signed (ad-hoc without a Developer ID certificate) with the hardened runtime, and ships the login agent', () => {
    if (!process.env.CSC_LINK && !process.env.CSC_NAME) expect(config.mac.identity).toBe('-');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(existsSync(resolve(root, config.mac.entitlements!))).toBe(true);
    expect(config.mac.extraFiles).toEqual([
      {
        from: 'electron/resources/mac/dev.tidings.app.login.plist',
        to: 'Library/LaunchAgents/dev.tidings.app.login.plist',
      },
    ]);
    expect(existsSync(resolve(root, config.mac.extraFiles![0]!.from))).toBe(true);
  });
});
