// Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, which the
// Electron main process loads through better-sqlite3's `nativeBinding` option. Node (the CLI,
// `mwb serve`, the tests) keeps using the build in node_modules, so `npm test` never needs this.
// Needs a machine with internet: node-gyp downloads Electron's headers.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const work = path.join(repo, 'build', 'electron-native', 'better-sqlite3');
const out = path.join(repo, 'native', 'electron');

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.dirname(work), { recursive: true });
fs.cpSync(path.join(repo, 'node_modules', 'better-sqlite3'), work, { recursive: true });
fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
console.log(`rebuilding better-sqlite3 for Electron ${electronVersion} (needs internet for the headers)…`);
try {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  execFileSync(npx, ['--no-install', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' });
} catch {
  console.error('rebuild-electron-native: the build failed (no internet for Electron headers?). The desktop app then runs without its app store: no recent list or window state.');
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
console.log(`wrote ${path.relative(repo, path.join(out, 'better_sqlite3.node'))}`);
