// `npm run dist [-- electron-builder args]`: the desktop packages (AppImage and deb on Linux, dmg and
// zip on macOS, NSIS and portable on Windows; see electron-builder.yml). Needs internet: Electron's
// binary and headers are downloaded. Steps: build the app, compile better-sqlite3 for Electron's ABI
// into native/electron/, then package. Stops at the first failing step with its message.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps = [
  ['build the app', npx, ['electron-vite', 'build']],
  ['compile better-sqlite3 for Electron', process.execPath, [path.join(repo, 'scripts', 'rebuild-electron-native.mjs')]],
  ['package with electron-builder', npx, ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)]],
];
for (const [what, cmd, args] of steps) {
  console.log(`dist: ${what}…`);
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`dist: '${what}' failed${r.error ? `: ${r.error.message}` : ` (exit ${r.status})`}. Packaging needs a machine with internet access.`);
    process.exit(1);
  }
}
console.log('dist: packages are in dist/');
