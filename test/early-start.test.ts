import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarget, SPLIT_V8_FLAGS } from '../src-main/cli/early-start';
import { startWaiting, takeWaiting } from '../src-main/service/read-ahead-worker';
import { CheckoutFiles } from '../src-main/service/checkout-reader';
import { earlyReadAhead, scanModules } from '../src-main/service/scan-pool';
import { REPO } from './helpers/checkout';

/**
 * The executable starts `check`'s reading worker before it loads the CLI's bundle (cli/early-start.ts,
 * issue 16); the scan takes that worker (scan-pool.ts earlyReadAhead). Whatever it does, the output
 * is the CLI's own, and a worker no scan takes never keeps the process alive.
 */

const WORKER = path.join(REPO, 'out', 'main', 'scan-worker.js');
const BIN = path.join(REPO, 'bin', 'module-workbench.js');
const EARLY = path.join(REPO, 'out', 'main', 'early-start.js');
const CLI = path.join(REPO, 'out', 'main', 'cli.js');

let tmp: string;
let platform: string;

beforeAll(async () => {
  for (const built of [WORKER, EARLY, CLI]) if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-early-'));
  platform = path.join(tmp, 'platform');
  const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
  generatePlatform(platform, 40, { seed: 5 });
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A split scan for 40 modules, whatever the load, with no pool workers. */
const SPLIT_ENV = { ...process.env, MWB_SCAN_SPLIT: '1', MWB_SCAN_PARALLEL_MIN: '10', MWB_SCAN_THREADS: '0' };

describe('the early reading worker', () => {
  it('is started only for a plain `check` command line, for the checkout it names', () => {
    const cwd = '/work/here';
    expect(checkTarget(['check'], cwd)).toBe('/work/here');
    expect(checkTarget(['check', 'p', '--format', 'json', '--strict'], cwd)).toBe('/work/here/p');
    expect(checkTarget(['check', '--profile=prod', '/abs/p', '--max-per-rule', '0'], cwd)).toBe('/abs/p');
    // Anything else is the CLI's to judge (and to report): no worker.
    expect(checkTarget(['list', 'p'], cwd)).toBeNull();
    expect(checkTarget(['check', 'a', 'b'], cwd)).toBeNull();
    expect(checkTarget(['check', '--unknown', 'p'], cwd)).toBeNull();
    expect(checkTarget(['check', '--', 'p'], cwd)).toBeNull();
    expect(checkTarget(['check', '--strict=yes', 'p'], cwd)).toBeNull();
  });

  it('is taken by the scan of the same checkout, and ended for another', () => {
    const started = startWaiting(WORKER, platform, true, true);
    expect(started).not.toBeNull();
    expect(earlyReadAhead(platform, true, true)).toBe(started);
    started?.close();

    const other = startWaiting(WORKER, platform, true, true);
    expect(takeWaiting(path.join(tmp, 'elsewhere'), true, true)).toBeNull();
    expect(other?.gone).toBe(true);
    // A scan without the SQL side (a worker with other memory limits) does not take it either.
    const noSql = startWaiting(WORKER, platform, true, true);
    expect(takeWaiting(platform, true, false)).toBeNull();
    expect(noSql?.gone).toBe(true);
  });

  it('never keeps the process alive when no scan takes it', () => {
    const script = `require(${JSON.stringify(EARLY)}).earlyStart(['check', ${JSON.stringify(platform)}], process.cwd()); console.log('done');`;
    const run = spawnSync(process.execPath, ['-e', script], { env: SPLIT_ENV, encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('done\n');
  }, 60_000);

  it('check through the executable prints what the CLI alone prints', () => {
    for (const args of [['check', platform, '--format', 'json'], ['check', platform], ['check', path.join(tmp, 'missing')]]) {
      const viaBin = spawnSync(process.execPath, [BIN, ...args], { env: SPLIT_ENV, encoding: 'utf8', timeout: 60_000 });
      const cliOnly = spawnSync(process.execPath, [CLI, ...args], { env: SPLIT_ENV, encoding: 'utf8', timeout: 60_000 });
      expect(viaBin.status, args.join(' ')).toBe(cliOnly.status);
      expect(viaBin.stdout, args.join(' ')).toBe(cliOnly.stdout);
      expect(viaBin.stderr, args.join(' ')).toBe(cliOnly.stderr);
    }
  }, 120_000);

  it("sets V8's collector to run without helper threads (and a larger interrupt budget), and every kind of collection still runs, in this thread and in a worker", () => {
    // The flags are set while the process runs (as earlyStart does): some of V8's may not be (it
    // aborts), and a Node upgrade could make these such. Scavenges, full collections with compaction,
    // and both in a worker started after, as the reading worker is.
    const script = `
      const v8 = require('node:v8');
      for (const f of ${JSON.stringify(SPLIT_V8_FLAGS)}) v8.setFlagsFromString(f);
      v8.setFlagsFromString('--expose-gc');
      const gc = require('node:vm').runInNewContext('gc');
      const { Worker } = require('node:worker_threads');
      const churn = \`let kept = [];
        for (let round = 0; round < 6; round++) {
          for (let i = 0; i < 200000; i++) kept.push({ i, s: 'x' + (i % 977), a: [i] });
          kept = kept.filter((_, i) => i % 3 === 0);
        }
        kept.length\`;
      const here = eval(churn);
      gc();
      const w = new Worker(churn + '; require("node:worker_threads").parentPort.postMessage(kept.length)', { eval: true });
      w.on('message', (n) => { gc(); console.log(here === n ? 'same' : 'differ', here > 0); });`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('same true\n');
  }, 90_000);

  it('reads modules/* while it waits for its start; the scan uses what the start names, in its order', () => {
    // Discovery here finds fewer folders than modules/ holds, in another order: the guessed reads of
    // the others are dropped, and the report is the CLI's alone (the executable starts the worker
    // before the CLI loads, so it has read every folder by the time the start comes).
    const other = path.join(tmp, 'globs');
    fs.cpSync(platform, other, { recursive: true });
    const yaml = path.join(other, 'platform.yaml');
    const text = fs.readFileSync(yaml, 'utf8');
    expect(text).toContain('  - "modules/*"');
    fs.writeFileSync(yaml, text.replace('  - "modules/*"', '  - "modules/m002*"\n  - "modules/core"\n  - "modules/m001*"'));
    const args = ['check', other, '--format', 'json'];
    const viaBin = spawnSync(process.execPath, [BIN, ...args], { env: SPLIT_ENV, encoding: 'utf8', timeout: 60_000 });
    const cliOnly = spawnSync(process.execPath, [CLI, ...args], { env: SPLIT_ENV, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(cliOnly.stdout).summary).toBeDefined();
    expect(viaBin.stdout).toBe(cliOnly.stdout);
    expect(viaBin.status).toBe(cliOnly.status);
  }, 120_000);

  it('guessed reads are used for the folders the start names, whatever their order', async () => {
    // A worker started early, given time to read all of modules/ before its start comes: the scan
    // names half of those folders, in another order, and gets what a single-threaded scan gets.
    const root = fs.realpathSync(platform);
    const all = fs.readdirSync(path.join(root, 'modules')).sort().map((name) => `modules/${name}`);
    const folders = [...all.filter((_, i) => i % 2 === 1).reverse(), all[0]];
    const scan = async (workers: { script: string | null; count: number; split?: { wait: boolean } }, early?: ReturnType<typeof earlyReadAhead>) =>
      (await scanModules(root, folders, { workers, early, tenantColumn: 'tenant_id', files: new CheckoutFiles(root, true) })).map((s) =>
        JSON.stringify([s?.manifest.name, s?.manifest.dir, s?.manifest.diagnostics, s?.migrations?.key, s?.migrations?.part]),
      );
    const single = await scan({ script: null, count: 0 });
    const started = earlyReadAhead(root, true, false, { script: WORKER, count: 0, split: { early: true } });
    expect(started).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // `wait`: the main thread takes every folder from the worker (it reads none itself).
    expect(await scan({ script: WORKER, count: 0, split: { wait: true } }, started)).toEqual(single);
    expect(single.filter((s) => s.includes('"files":[{')).length).toBeGreaterThan(10);
  }, 120_000);
});
