/**
 * `npm start` (scripts/start.mjs) decides under Node, before any window: it resolves Electron's
 * binary through the electron package's own index.js / install.js, builds better-sqlite3 for
 * Electron when native/electron is missing, then starts Electron on the repository and the
 * checkout. Here the binary is a stand-in that records its arguments (given to Electron's own
 * resolution through ELECTRON_OVERRIDE_DIST_PATH), the rebuild is a stand-in script, and the
 * "no binary" case runs Electron's real installer against a mirror that refuses connections.
 * The script runs from a temp copy of the repository layout, so the real repository is never written.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/checkout';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tmp = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
};

interface Layout {
  repo: string;
  log: string;
  binDir: string;
}

/** A repository layout with the real start.mjs, a copy of the electron package's resolver and installer, and stand-ins. */
function layout(options: { native: boolean; rebuild: 'works' | 'fails' }): Layout {
  const repo = tmp('mwb-start-repo-');
  const log = path.join(repo, 'calls.log');
  fs.mkdirSync(path.join(repo, 'scripts'));
  fs.copyFileSync(path.join(REPO, 'scripts', 'start.mjs'), path.join(repo, 'scripts', 'start.mjs'));
  // The electron package without any binary (no path.txt, no dist/): its own index.js and install.js.
  const electron = path.join(repo, 'node_modules', 'electron');
  fs.mkdirSync(electron, { recursive: true });
  for (const f of ['index.js', 'install.js', 'package.json', 'checksums.json']) fs.copyFileSync(path.join(REPO, 'node_modules', 'electron', f), path.join(electron, f));
  fs.symlinkSync(path.join(REPO, 'node_modules', '@electron'), path.join(repo, 'node_modules', '@electron'));
  if (options.native) {
    fs.mkdirSync(path.join(repo, 'native', 'electron'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'native', 'electron', 'better_sqlite3.node'), 'stand-in');
  }
  // The rebuild stand-in: records that it ran; writes the binding, or fails like a build without internet.
  fs.writeFileSync(
    path.join(repo, 'scripts', 'rebuild-electron-native.mjs'),
    options.rebuild === 'works'
      ? `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(log)}, 'rebuild\\n');\nfs.mkdirSync(${JSON.stringify(path.join(repo, 'native', 'electron'))}, { recursive: true });\nfs.writeFileSync(${JSON.stringify(path.join(repo, 'native', 'electron', 'better_sqlite3.node'))}, 'built');\n`
      : `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(log)}, 'rebuild\\n');\nconsole.log('rebuilding better-sqlite3 for Electron 45.4.1 (needs internet for the headers)…');\nconsole.error('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org');\nprocess.exit(1);\n`,
  );
  // The Electron stand-in: records its arguments.
  const binDir = tmp('mwb-start-bin-');
  const bin = path.join(binDir, 'electron');
  fs.writeFileSync(bin, `#!${process.execPath}\nrequire('fs').appendFileSync(${JSON.stringify(log)}, 'electron ' + JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
  fs.chmodSync(bin, 0o755);
  return { repo, log, binDir };
}

function start(l: Layout, args: string[], env: NodeJS.ProcessEnv) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ELECTRON_|electron_|npm_config_electron)/i.test(k)));
  const r = spawnSync(process.execPath, [path.join(l.repo, 'scripts', 'start.mjs'), ...args], { cwd: l.repo, encoding: 'utf8', env: { ...clean, ...env }, timeout: 60_000 });
  const calls = fs.existsSync(l.log) ? fs.readFileSync(l.log, 'utf8').trim().split('\n') : [];
  return { status: r.status, stderr: r.stderr, calls };
}

describe('npm start (scripts/start.mjs)', () => {
  it('with Electron and the native build present: starts Electron on the repository and the checkout, builds nothing', () => {
    const l = layout({ native: true, rebuild: 'works' });
    const r = start(l, ['some/checkout'], { ELECTRON_OVERRIDE_DIST_PATH: l.binDir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([`electron ${JSON.stringify([l.repo, path.join(l.repo, 'some/checkout')])}`]);
  });

  it('without native/electron: builds better-sqlite3 for Electron first, then opens the window', () => {
    const l = layout({ native: false, rebuild: 'works' });
    const r = start(l, [], { ELECTRON_OVERRIDE_DIST_PATH: l.binDir });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['rebuild', `electron ${JSON.stringify([l.repo])}`]);
    expect(fs.readFileSync(path.join(l.repo, 'native', 'electron', 'better_sqlite3.node'), 'utf8')).toBe('built');
  });

  it('when the native build cannot be made: one line that points to npm run serve, and no window', () => {
    const l = layout({ native: false, rebuild: 'fails' });
    const r = start(l, ['shop'], { ELECTRON_OVERRIDE_DIST_PATH: l.binDir });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual(['rebuild']);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^Module Workbench: better-sqlite3 could not be built for Electron \(gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs\.org\), .*npm run serve -- shop/);
    expect(lines.length).toBeLessThanOrEqual(2);
  });

  it("when Electron's binary cannot be downloaded (Electron's real installer, a refusing mirror): one line, no build, no window", () => {
    const l = layout({ native: false, rebuild: 'works' });
    const r = start(l, ['shop'], { ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: tmp('mwb-start-cache-') });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Module Workbench: Electron's binary is not installed and could not be downloaded \((TypeError: fetch failed|[^)]*ECONNREFUSED[^)]*)(; Electron's installer wants Node >= 22\.12 and this is [\d.]+)?\), so the desktop window cannot open; run the same workbench in your browser with: npm run serve -- shop\n$/);
    // Electron's installer wrote nothing it would later take for an installed binary.
    expect(fs.existsSync(path.join(l.repo, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  });
});
