import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, REPO } from './helpers/checkout';

/**
 * The built CLI's V8 code cache (src-main/node/code-cache.ts, saved by scripts/build-code-cache.mjs
 * at the end of `npm run build`). NODE_DEBUG=mwb-code-cache makes each thread say, per script,
 * whether V8 took its cache (`from cache`: V8 accepted the data, cachedDataRejected false). A
 * missing, corrupt, stale or foreign (other V8 flags) cache is ignored: same output, no message.
 */

const OUT = path.join(REPO, 'out', 'main');
/** V8's tag for a plain process's flags, as cache files are named (node/code-cache.ts). */
const TAG = spawnSync(process.execPath, ['-p', "require('node:v8').cachedDataVersionTag().toString(36)"], { encoding: 'utf8' }).stdout.trim();
// A split check of the small example: the read-ahead worker runs too (as on a large checkout).
const SPLIT = { MWB_SCAN_SPLIT: '1', MWB_SCAN_PARALLEL_MIN: '1', MWB_SCAN_THREADS: '0' };
const ARGS = ['check', EXAMPLE, '--format', 'json'];
let tmp: string;
let reference: { stdout: string; status: number | null };

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

function run(bin: string, env: Record<string, string> = {}, flags: string[] = []): Run {
  const child = spawnSync(process.execPath, [...flags, bin, ...ARGS], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: '', MWB_CODE_CACHE_WRITE: '', ...SPLIT, ...env } });
  return { stdout: child.stdout, stderr: child.stderr, status: child.status };
}

/** The debug lines, as `role script: state`, without the pid. */
function states(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('MWB-CODE-CACHE'))
    .map((line) => line.replace(/^MWB-CODE-CACHE \d+: /, '').replace(/-[\w-]{8}\.js/, '.js'));
}

/** A copy of the built CLI (bin and out/main) with node_modules linked, whose cache a test may spoil. */
function copyOfBuild(): { bin: string; cache: string } {
  const root = fs.mkdtempSync(path.join(tmp, 'build-'));
  fs.cpSync(path.join(REPO, 'bin'), path.join(root, 'bin'), { recursive: true });
  fs.cpSync(OUT, path.join(root, 'out', 'main'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  return { bin: path.join(root, 'bin', 'module-workbench.js'), cache: path.join(root, 'out', 'main', 'code-cache') };
}

beforeAll(() => {
  if (!fs.existsSync(path.join(OUT, 'code-cache'))) throw new Error('out/main/code-cache is missing: run `npm run build` first (npm test does)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-code-cache-'));
  const { bin, cache } = copyOfBuild();
  fs.rmSync(cache, { recursive: true });
  const plain = run(bin);
  expect(plain.stderr).toBe('');
  reference = { stdout: plain.stdout, status: plain.status };
  expect(JSON.parse(reference.stdout)).toBeTruthy();
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the code cache of the built CLI', () => {
  it('is used by the main thread and the read-ahead worker, and the output is the same as without it', () => {
    const used = run(path.join(REPO, 'bin', 'module-workbench.js'), { NODE_DEBUG: 'mwb-code-cache' });
    expect(states(used.stderr)).toEqual(
      expect.arrayContaining(['main cli.js: from cache', 'main read-ahead.js: from cache', 'main module-scan.js: from cache', 'worker read-ahead.js: from cache']),
    );
    expect(states(used.stderr).filter((s) => !s.endsWith('from cache'))).toEqual([]);
    expect(used.stdout).toBe(reference.stdout);
    expect(used.status).toBe(reference.status);
    expect(run(path.join(REPO, 'bin', 'module-workbench.js')).stderr).toBe('');
  });

  it('ignores a missing cache folder', () => {
    const { bin, cache } = copyOfBuild();
    fs.rmSync(cache, { recursive: true });
    const r = run(bin, { NODE_DEBUG: 'mwb-code-cache' });
    expect(states(r.stderr)).toContain('main cli.js: no cache');
    expect(states(r.stderr)).toContain('worker read-ahead.js: no cache');
    expect(r.stdout).toBe(reference.stdout);
  });

  it('ignores corrupt, truncated and stale files, silently', () => {
    const { bin, cache } = copyOfBuild();
    const files = fs.readdirSync(cache);
    // Each script has a file per V8 flags' tag (the split check's and the others'): all of them spoiled.
    const named = (test: (f: string) => boolean) => files.filter(test).map((f) => path.join(cache, f));
    const clis = named((f) => f.startsWith('cli.js.main.'));
    const workers = named((f) => f.includes('.worker.'));
    const scans = named((f) => f.startsWith('chunks+module-scan') && f.includes('.main.'));
    for (const list of [clis, workers, scans]) expect(list.length).toBeGreaterThan(0);
    // Corrupt: the header intact, V8's data overwritten (V8 does not check it: this crashed the process).
    for (const cli of clis) {
      const data = fs.readFileSync(cli);
      data.fill(0x5a, 40);
      fs.writeFileSync(cli, data);
    }
    for (const worker of workers) fs.writeFileSync(worker, Buffer.from('trunc'));
    // Stale: made for another text of the script.
    for (const scan of scans) {
      const stale = fs.readFileSync(scan);
      stale[0] ^= 0xff;
      fs.writeFileSync(scan, stale);
    }
    const r = run(bin, { NODE_DEBUG: 'mwb-code-cache' });
    expect(states(r.stderr)).toEqual(expect.arrayContaining(['main cli.js: no cache', 'worker read-ahead.js: no cache', 'main module-scan.js: no cache']));
    for (const name of ['main cli.js.main', 'worker chunks+read-ahead', 'main chunks+module-scan']) expect(r.stderr).toContain(`${name}`);
    expect(r.stderr.match(/stale or corrupt, ignored/g)).toHaveLength(3);
    expect(r.stdout).toBe(reference.stdout);
    const quiet = run(bin);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(reference.stdout);
    expect(quiet.status).toBe(reference.status);
  });

  it('ignores a cache made by a V8 with other flags (as Electron reading the CLI cache): it is named with their tag', () => {
    const { bin, cache } = copyOfBuild();
    fs.rmSync(cache, { recursive: true });
    // The warm-up of the build step, run under another V8 flag.
    const made = run(bin, { MWB_CODE_CACHE_WRITE: '1' }, ['--no-opt']);
    expect(made.stdout).toBe(reference.stdout);
    expect(fs.readdirSync(cache).some((f) => f.startsWith('cli.js.main.'))).toBe(true);
    const r = run(bin, { NODE_DEBUG: 'mwb-code-cache' });
    expect(states(r.stderr)).toEqual(expect.arrayContaining(['main cli.js: no cache', 'worker read-ahead.js: no cache']));
    expect(states(r.stderr).filter((s) => s.endsWith('from cache'))).toEqual([]);
    expect(r.stdout).toBe(reference.stdout);
    expect(run(bin).stderr).toBe('');
    // The same files under this V8's flags' names, made under other flags, are rejected by V8 itself.
    for (const f of fs.readdirSync(cache)) fs.renameSync(path.join(cache, f), path.join(cache, f.replace(/\.[0-9a-z]+$/, '.' + TAG)));
    expect(states(run(bin, { MWB_SCAN_SPLIT: '0', NODE_DEBUG: 'mwb-code-cache' }).stderr)).toContain('main cli.js: cache rejected');
  });

  it('keeps a file per V8 flags: a split check (flags changed as it starts) and any other command each find theirs', () => {
    const files = fs.readdirSync(path.join(OUT, 'code-cache'));
    const tags = new Set(files.filter((f) => f.startsWith('cli.js.main.')).map((f) => f.slice('cli.js.main.'.length)));
    expect(tags.size).toBe(2);
    for (const env of [SPLIT, { MWB_SCAN_SPLIT: '0' }]) {
      const r = run(path.join(REPO, 'bin', 'module-workbench.js'), { ...env, NODE_DEBUG: 'mwb-code-cache' });
      expect(states(r.stderr).filter((s) => !s.endsWith('from cache'))).toEqual([]);
      expect(states(r.stderr)).toContain('main cli.js: from cache');
    }
    const other = spawnSync(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'graph', EXAMPLE, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'mwb-code-cache' } });
    expect(states(other.stderr).filter((s) => !s.endsWith('from cache'))).toEqual([]);
    expect(states(other.stderr)).toContain('main cli.js: from cache');
  });
});
