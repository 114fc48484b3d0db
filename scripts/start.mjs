// `npm start [-- checkout]`: the desktop app on a checkout (the last one, else the bundled example).
// Where Electron's binary is not installed (it cannot be downloaded on every machine), say so in
// one line and point to the browser host, which runs the same workbench.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checkout = process.argv[2];

function electronBinary() {
  const dir = path.join(repo, 'node_modules', 'electron');
  try {
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();
if (!bin) {
  process.stderr.write(
    `Module Workbench: the Electron binary is not installed on this machine, so the desktop window cannot open; run the same workbench in your browser with: npm run serve${checkout ? ` -- ${checkout}` : ''}\n`,
  );
  process.exit(1);
}
const child = spawn(bin, [repo, ...(checkout ? [path.resolve(checkout)] : [])], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
