// A step of `npm run build`: saves the V8 code cache of the built CLI into out/main/code-cache
// (src-main/node/code-cache.ts reads it from there only). Warm-up `check`s of the bundled example,
// one split over a read-ahead worker as a large checkout's is and one not, write at exit the bytecode
// of every script each thread loaded, the functions the check ran included.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(repo, 'out', 'main', 'code-cache');
fs.rmSync(dir, { recursive: true, force: true });
const cli = path.join(repo, 'bin', 'module-workbench.js');
// Two warm-ups: a split check (its V8 flags are changed as it starts: cli/early-start.ts) and a
// plain one (V8's own flags, as every other command runs). Each file is named with the flags' tag.
for (const split of ['1', '0']) {
  const env = { ...process.env, MWB_CODE_CACHE_WRITE: '1', MWB_SCAN_SPLIT: split, MWB_SCAN_PARALLEL_MIN: '1', MWB_SCAN_THREADS: '0' };
  const run = spawnSync(process.execPath, [cli, 'check', path.join(repo, 'resources', 'example-platform')], { env, encoding: 'utf8' });
  const saved = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (run.status === null || run.status > 1 || !saved.some((f) => f.includes('.worker.'))) {
    process.stderr.write(`build-code-cache: the warm-up check failed (status ${run.status}, saved ${saved.join(', ') || 'nothing'})\n${run.stderr}`);
    process.exit(1);
  }
}
const saved = fs.readdirSync(dir);
process.stdout.write(`code cache: ${saved.length} files in out/main/code-cache\n`);
