import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { REPO } from '../helpers/checkout';

/**
 * The packaging configuration cannot be exercised here (electron-builder downloads Electron), so
 * this pins what matters: the three desktop platforms, no in-place native rebuild (node_modules
 * keeps the Node build that the CLI and tests load), and the Electron build of better-sqlite3
 * shipped unpacked where the main process looks for it.
 */
describe('electron-builder configuration', () => {
  const config = parse(fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

  it('targets Linux (AppImage, deb), macOS and Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target.length).toBeGreaterThan(0);
    expect(config.win.target.length).toBeGreaterThan(0);
  });

  it('never rebuilds node_modules in place and ships the Electron-ABI SQLite binding unpacked', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('native/electron/**');
    expect(config.asarUnpack).toContain('native/electron/**');
    const main = fs.readFileSync(path.join(REPO, 'src-main/electron/main.ts'), 'utf8');
    expect(main).toContain("join(appRoot, 'native', 'electron', 'better_sqlite3.node')");
    const rebuild = fs.readFileSync(path.join(REPO, 'scripts/rebuild-electron-native.mjs'), 'utf8');
    expect(rebuild).toContain("path.join(repo, 'native', 'electron')");
  });

  it('is run by npm run dist, which is not part of npm test', () => {
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(pkg.scripts.test).not.toContain('dist');
    expect(config.extraMetadata.main).toBe(pkg.main);
    expect(pkg.author?.name).toBeTruthy();
  });

  it("is valid for electron-builder's own schema, so a misspelt key is not silently ignored", () => {
    const scheme = JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
  });

  it('flips the fuses another local program could use to run code as the app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // Integrity validation needs the hash electron-builder embeds for an asar archive.
    expect(config.asar).toBe(true);
    expect(config.asarIntegrity ?? config.disableAsarIntegrity).toBeUndefined();
  });

  it('honours ELECTRON_RENDERER_URL only through devRendererUrl, which a packaged app ignores', () => {
    const main = fs.readFileSync(path.join(REPO, 'src-main/electron/main.ts'), 'utf8');
    expect(main.match(/ELECTRON_RENDERER_URL/g) ?? []).toEqual([]);
    expect(main).toContain('devRendererUrl(process.env, app.isPackaged)');
  });
});
