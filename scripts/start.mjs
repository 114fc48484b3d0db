// `npm start [-- checkout]`: the main job on a checkout (the bundled example platform when none is
// given): the modules in load order, then every rule. Exits with check's code.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checkout = process.argv[2] ?? path.join(repo, 'resources', 'example-platform');
const cli = path.join(repo, 'bin', 'module-workbench.js');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }).status ?? 2;

console.log(`Module Workbench on ${checkout}\n`);
const listed = run(['list', checkout]);
if (listed === 2) process.exit(2);
console.log('');
process.exit(run(['check', checkout]));
