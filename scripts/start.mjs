// `npm start [-- checkout]`: the desktop app on a checkout (the last one, else the bundled example).
//
// 1. Electron's binary, through Electron's own mechanism: resolving the `electron` package runs its
//    install.js when path.txt or dist/ is missing, which downloads the binary once (and honours
//    Electron's own variables: ELECTRON_MIRROR, electron_config_cache, ELECTRON_OVERRIDE_DIST_PATH).
// 2. better-sqlite3 built for Electron's ABI (native/electron/better_sqlite3.node), built by
//    scripts/rebuild-electron-native.mjs when missing (node-gyp downloads Electron's headers).
// 3. The window: Electron on this repository, with the checkout as its argument.
// Where 1 or 2 cannot be had (no internet), it says so in one line and points to the browser host,
// which runs the same workbench, and exits 1. Output of the download and the build is kept and
// only its first error line is shown.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checkout = process.argv[2];
const serveHint = `run the same workbench in your browser with: npm run serve${checkout ? ` -- ${checkout}` : ''}`;
/** Electron 45's package and its installer (@electron/get) declare this Node; the rest of the project runs on Node 20. */
const ELECTRON_NODE = [22, 12];

function say(line) {
  process.stderr.write(`Module Workbench: ${line}\n`);
}

function nodeTooOld() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < ELECTRON_NODE[0] || (major === ELECTRON_NODE[0] && minor < ELECTRON_NODE[1]);
}

/** The most telling line of a child's output (a network error first, else the first error), for a one-line message. */
function firstError(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  const network = lines.find((l) => /ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN|ETIMEDOUT|status code \d+|HTTPError/.test(l));
  const error = lines.find((l) => /error|fail/i.test(l));
  return (network ?? error ?? lines[lines.length - 1] ?? 'no output').replace(/^\[cause\]:\s*/, '').replace(/\s*\{$/, '').slice(0, 200);
}

/** Resolves `electron` in this repository the way Electron's own CLI does (downloading the binary if needed). */
function electronBinary() {
  const marker = 'MWB_ELECTRON_PATH=';
  const script = `process.stdout.write('\\n${marker}' + require('electron') + '\\n')`;
  if (!fs.existsSync(path.join(repo, 'node_modules', 'electron', 'package.json'))) return { error: 'the electron package is not installed (run npm ci)' };
  const r = spawnSync(process.execPath, ['-e', script], { cwd: repo, encoding: 'utf8', env: process.env });
  const found = new RegExp(`${marker}(.*)`).exec(r.stdout ?? '');
  if (r.status === 0 && found && fs.existsSync(found[1].trim())) return { bin: found[1].trim() };
  if (r.status === 0 && found) return { error: `Electron names ${found[1].trim()}, which does not exist` };
  return { error: firstError(`${r.stderr ?? ''}\n${r.stdout ?? ''}`) };
}

/** better-sqlite3 for Electron's ABI, built once by the repository's own script when missing. */
function nativeBinding() {
  const file = path.join(repo, 'native', 'electron', 'better_sqlite3.node');
  if (fs.existsSync(file)) return { file };
  say('building better-sqlite3 for Electron (first start; node-gyp downloads Electron\'s headers)…');
  const r = spawnSync(process.execPath, [path.join(repo, 'scripts', 'rebuild-electron-native.mjs')], { cwd: repo, encoding: 'utf8', env: process.env });
  if (r.status === 0 && fs.existsSync(file)) return { file };
  return { error: firstError(`${r.stderr ?? ''}\n${r.stdout ?? ''}`) };
}

const electron = electronBinary();
if (electron.error) {
  const node = nodeTooOld() ? `; Electron's installer wants Node >= ${ELECTRON_NODE.join('.')} and this is ${process.versions.node}` : '';
  say(`Electron's binary is not installed and could not be downloaded (${electron.error}${node}), so the desktop window cannot open; ${serveHint}`);
  process.exit(1);
}
const native = nativeBinding();
if (native.error) {
  say(`better-sqlite3 could not be built for Electron (${native.error}), so the window would have no app store and no dev database for Migrations; ${serveHint}, or build it with npm run rebuild:electron-native`);
  process.exit(1);
}
const child = spawn(electron.bin, [repo, ...(checkout ? [path.resolve(checkout)] : [])], { stdio: 'inherit' });
child.on('error', (e) => {
  say(`Electron could not be started (${e.message}); ${serveHint}`);
  process.exit(1);
});
child.on('exit', (code) => process.exit(code ?? 0));
