import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
interface BuilderConfig {
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}
const config = require('../../build/electron-builder.config.cjs') as BuilderConfig;
// electron-builder's own check of a configuration against its published schema.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('the electron-builder configuration', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be refused by that same check when wrong (the check is real)', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNode: 'nope' } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/runAsNode/);
  });

  it('flips the fuses that close Electron’s side doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb for Linux, dmg for macOS, nsis for Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
  });

  it('ships only the built app, which the package.json main points into', () => {
    const pkg = require('../../package.json') as { main: string };
    expect(pkg.main).toBe('dist/electron/main.mjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
  });

  it('keeps sharp out of the bundle and its native code out of the asar, where it could not load', async () => {
    const { readFileSync } = await import('node:fs');
    const bundle = readFileSync(new URL('../../scripts/build-electron.mjs', import.meta.url), 'utf8');
    expect(bundle).toMatch(/external: \['electron', 'sharp'\]/);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/sharp/**', '**/node_modules/@img/**']));
  });
});
