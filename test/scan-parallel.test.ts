import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCheckout, checkCheckoutAsync, loadCheckoutAsync } from '../src-main/service/load-checkout';
import { earlyReadAhead, scanModules } from '../src-main/service/scan-pool';
import { openMigrationContext, openMigrationContextAsync } from '../src-main/service/migration-context';
import { defaultDatabase, planCheckout } from '../src-main/service/migrations';
import { buildRegistry } from '../src-main/engine/registry';
import { registrySlice } from '../src-main/service/sql-side';
import { CheckoutFiles } from '../src-main/service/checkout-reader';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';

/**
 * The multi-threaded scan (service/scan-pool.ts) must give exactly what the single-threaded loader
 * gives: the same findings, positions, order and plan, byte for byte. Manifests scanned on a worker
 * come back without their YAML document (positions of later findings are found by parsing the text
 * again), and their permission positions are handed over; both paths are compared here on every
 * rule fixture, the example, and a generated platform damaged in many modules.
 */

const WORKER = path.join(REPO, 'out', 'main', 'scan-worker.js');

/** The single-threaded loader's output, computed once per checkout (the tests below compare several paths with it). */
const single = new Map<string, string>();
const once = (key: string, make: () => string): string => single.get(key) ?? single.set(key, make()).get(key)!;
const checkJson = (dir: string) => once(`check ${dir}`, () => JSON.stringify(checkCheckout(dir).report));
const planJson = (dir: string) => once(`plan ${dir}`, () => JSON.stringify(planCheckout(openMigrationContext(dir), defaultDatabase(dir)).plan));

/** Whether a checkout holds a SQL file (a migration plan has something to say). */
const hasSql = (dir: string): boolean => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.sql'));

/**
 * check and migrate plan on worker threads. The plan (a second scan, its own workers) is compared
 * where the checkout holds SQL files; elsewhere it is the empty plan, and check covers the scan.
 */
async function parallelJson(dir: string, workers: { script: string | null; count: number; split?: boolean | { lead?: number; wait?: boolean } }): Promise<{ check: string; plan: string }> {
  const check = JSON.stringify((await checkCheckoutAsync(dir, undefined, undefined, workers)).report);
  const plan = hasSql(dir) ? JSON.stringify(planCheckout(await openMigrationContextAsync(dir, workers), defaultDatabase(dir)).plan) : planJson(dir);
  return { check, plan };
}

const ruleFixtures = fs
  .readdirSync(path.join(FIXTURES, 'rules'))
  .map((name) => path.join(FIXTURES, 'rules', name))
  .filter((dir) => fs.statSync(dir).isDirectory())
  // The pull-request rules' fixtures are two trees (base/, head/), not a platform checkout.
  .filter((dir) => fs.existsSync(path.join(dir, 'platform.yaml')) || fs.existsSync(path.join(dir, 'modules')));

let generated: string;
let tmp: string;

beforeAll(async () => {
  if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-scan-'));
  generated = path.join(tmp, 'platform');
  const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
  generatePlatform(generated, 150, { seed: 7 });
  // Damage every fifth module so that findings need positions in manifests scanned on workers.
  const modules = fs.readdirSync(path.join(generated, 'modules')).sort();
  modules.forEach((name, i) => {
    if (i % 5 !== 0) return;
    const file = path.join(generated, 'modules', name, 'module.yaml');
    let text = fs.readFileSync(file, 'utf8');
    text = text.replace('dependencies:\n', 'dependencies:\n  - "ghost-module >= 1.0.0"\n');
    text = text.replace('permissions:\n', 'permissions:\n  - id: Not.A-Valid.Permission\n    description: broken on purpose\n');
    text = text.replace(/(\n {4}permission: )\S+/, '$1nobody.declares.this');
    if (i % 10 === 0) text += 'events:\n  publishes: [a]\n'; // a duplicate key: a parse error
    fs.writeFileSync(file, text);
  });
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the scan on worker threads gives what the single-threaded loader gives', () => {
  it('on every rule fixture and the example platform (one worker, batches of one)', async () => {
    for (const dir of [EXAMPLE, ...ruleFixtures]) {
      const parallel = await parallelJson(dir, { script: WORKER, count: 1 });
      expect(parallel.check, path.relative(REPO, dir)).toBe(checkJson(dir));
      expect(parallel.plan, path.relative(REPO, dir)).toBe(planJson(dir));
    }
  }, 120_000);

  it('on a generated platform with findings in many modules (two workers)', async () => {
    const single = checkJson(generated);
    const report = JSON.parse(single) as { diagnostics: { rule: string }[] };
    const rules = new Set(report.diagnostics.map((d) => d.rule));
    // The damage above is seen, so the comparison covers positions found after the scan.
    for (const rule of ['dependency-missing', 'permission-format', 'route-permission-undeclared', 'manifest-parse-error']) expect(rules).toContain(rule);
    const parallel = await parallelJson(generated, { script: WORKER, count: 2 });
    expect(parallel.check).toBe(single);
    expect(parallel.plan).toBe(planJson(generated));
  }, 120_000);

  // The worker reads every folder (no lead, and the main thread waits for its reads).
  const SPLIT = { script: WORKER, count: 0, split: { lead: 0, wait: true } };
  // The worker reads none (it would start past the last folder): the main thread reads every folder
  // and sends the worker each module's listing and migrations folder with the module to classify.
  const MAIN_READS = { script: WORKER, count: 0, split: { lead: 1_000_000 } };

  it('split: a worker reads ahead, the main thread parses (every rule fixture, the example, the generated platform)', async () => {
    // With MAIN_READS the worker opens no SQL file: it classifies what the main thread read.
    const opened = path.join(tmp, 'worker-sql-opens.txt');
    const sqlSpy = path.join(tmp, 'spy-sql-worker.js');
    fs.writeFileSync(sqlSpy, `const fs = require('node:fs');\nconst open = fs.openSync;\nfs.openSync = (p, ...rest) => { if (String(p).endsWith('.sql')) fs.appendFileSync(${JSON.stringify(opened)}, '.'); return open(p, ...rest); };\nrequire(${JSON.stringify(WORKER)});\n`);
    const count = () => (fs.existsSync(opened) ? fs.readFileSync(opened, 'utf8').length : 0);
    expect(JSON.stringify((await checkCheckoutAsync(generated, undefined, undefined, { ...MAIN_READS, script: sqlSpy })).report)).toBe(checkJson(generated));
    expect(count()).toBe(0);
    expect(JSON.stringify((await checkCheckoutAsync(generated, undefined, undefined, { ...SPLIT, script: sqlSpy })).report)).toBe(checkJson(generated));
    expect(count()).toBeGreaterThan(10);
    for (const dir of [EXAMPLE, ...ruleFixtures]) {
      const parallel = await parallelJson(dir, SPLIT);
      expect(parallel.check, path.relative(REPO, dir)).toBe(checkJson(dir));
      expect(parallel.plan, path.relative(REPO, dir)).toBe(planJson(dir));
      const mainReads = JSON.stringify((await checkCheckoutAsync(dir, undefined, undefined, MAIN_READS)).report);
      expect(mainReads, `${path.relative(REPO, dir)}, read by the main thread`).toBe(parallel.check);
    }
    // The worker did the reading: a spy around it counts the batches it sent.
    const counter = path.join(tmp, 'split-batches.txt');
    const spy = path.join(tmp, 'spy-split-worker.js');
    fs.writeFileSync(spy, `const port = require('node:worker_threads').parentPort;\nconst post = port.postMessage.bind(port);\nport.postMessage = (m) => { require('node:fs').appendFileSync(${JSON.stringify(counter)}, '.'); post(m); };\nrequire(${JSON.stringify(WORKER)});\n`);
    const parallel = await parallelJson(generated, { ...SPLIT, script: spy });
    expect(fs.readFileSync(counter, 'utf8').length).toBeGreaterThan(10);
    expect(parallel.check).toBe(checkJson(generated));
    expect(parallel.plan).toBe(planJson(generated));
    // As run by default (a lead, no waiting): the same bytes, whoever read what.
    const byDefault = await parallelJson(generated, { script: WORKER, count: 0, split: true });
    expect(byDefault.check).toBe(checkJson(generated));
  }, 180_000);

  it("the worker is sent the registry's slice as soon as the load order is known: the finished registry's", async () => {
    for (const dir of [EXAMPLE, ...ruleFixtures, generated]) {
      let loaded;
      try {
        loaded = await loadCheckoutAsync(dir, { oneShot: true });
      } catch {
        continue; // not a checkout the registry is built for (a refused fixture)
      }
      let early = '';
      const registry = buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists, onOrder: (graph) => (early = JSON.stringify(registrySlice(graph))) });
      expect(early, path.relative(REPO, dir)).toBe(JSON.stringify(registrySlice(registry)));
    }
  }, 120_000);

  it('the reading worker reads by the same rules: a link out is not followed, a FIFO is not opened', async () => {
    const root = path.join(tmp, 'hostile', 'platform');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(root, 40, { seed: 3 });
    const outside = path.join(tmp, 'hostile', 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.sql'), '-- SECRET OUTSIDE THE CHECKOUT\nCREATE TABLE secret (id INTEGER);\n');
    const modules = fs.readdirSync(path.join(root, 'modules')).sort();
    const migrationsOf = (i: number) => path.join(root, 'modules', modules[i], 'migrations');
    const firstSql = (i: number) => path.join(migrationsOf(i), fs.readdirSync(migrationsOf(i)).sort()[0]);
    // A migration linked out, a FIFO in place of a migration, a migrations folder linked out.
    const linked = firstSql(1);
    fs.rmSync(linked);
    fs.symlinkSync(path.join(outside, 'secret.sql'), linked);
    const fifo = firstSql(2);
    fs.rmSync(fifo);
    execFileSync('mkfifo', [fifo]);
    fs.rmSync(migrationsOf(3), { recursive: true });
    fs.copyFileSync(path.join(outside, 'secret.sql'), path.join(outside, `${modules[3]}_0001_init.expand.sql`));
    fs.symlinkSync(outside, migrationsOf(3));
    // A manifest linked out of the checkout.
    fs.writeFileSync(path.join(outside, 'module.yaml'), 'name: SECRET\nversion: 1.0.0\ndescription: SECRET OUTSIDE\n');
    const manifest = path.join(root, 'modules', modules[4], 'module.yaml');
    fs.rmSync(manifest);
    fs.symlinkSync(path.join(outside, 'module.yaml'), manifest);
    const single = checkJson(root);
    expect(single).toContain(`modules/${modules[4]}/module.yaml leads out of the checkout`);
    expect(single).toContain('leads out of the checkout through a symlink');
    expect(single).toContain('is a named pipe (FIFO)');
    const parallel = await parallelJson(root, SPLIT);
    expect(parallel.check).toBe(single);
    expect(parallel.plan).toBe(planJson(root));
    expect(parallel.check + parallel.plan).not.toContain('SECRET');
    // Read by the main thread and handed to the worker: the same rules.
    expect(JSON.stringify((await checkCheckoutAsync(root, undefined, undefined, MAIN_READS)).report)).toBe(single);
  }, 120_000);

  it('a reading worker that fails leaves its folders to the main thread', async () => {
    const broken = path.join(tmp, 'broken-split-worker.js');
    fs.writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const parallel = await parallelJson(generated, { ...SPLIT, script: broken });
    expect(parallel.check).toBe(checkJson(generated));
    // One that dies after sending some batches: the rest are read on the main thread.
    const dying = path.join(tmp, 'dying-split-worker.js');
    fs.writeFileSync(dying, `const port = require('node:worker_threads').parentPort;\nconst post = port.postMessage.bind(port);\nlet n = 0;\nport.postMessage = (m) => { post(m); if (++n === 3) process.exit(1); };\nrequire(${JSON.stringify(WORKER)});\n`);
    const partly = await parallelJson(generated, { ...SPLIT, script: dying });
    expect(partly.check).toBe(checkJson(generated));
    expect(partly.plan).toBe(planJson(generated));
  }, 120_000);

  it('split for check: the worker classifies the migrations and runs the migrations and tables analyses; only findings come back', async () => {
    // The migrations stay on the worker: none reach the main thread's loaded checkout.
    const loaded = await loadCheckoutAsync(generated, { migrations: true, oneShot: true, workers: SPLIT, sqlOnWorker: true });
    expect(loaded.remoteSql).toBeDefined();
    expect(loaded.migrationParts?.size).toBe(0);
    loaded.remoteSql?.close();
    // The worker answered (a spy counts its findings messages), and the report is the single-threaded one.
    const counter = path.join(tmp, 'sql-side-answers.txt');
    const spy = path.join(tmp, 'spy-sql-side.js');
    fs.writeFileSync(spy, `const port = require('node:worker_threads').parentPort;\nconst post = port.postMessage.bind(port);\nport.postMessage = (m) => { if (m.kind === 'findings') require('node:fs').appendFileSync(${JSON.stringify(counter)}, m.findings.map(([id, list]) => id + ':' + list.length).join(',') + '\\n'); post(m); };\nrequire(${JSON.stringify(WORKER)});\n`);
    const check = JSON.stringify((await checkCheckoutAsync(generated, undefined, undefined, { ...SPLIT, script: spy })).report);
    expect(check).toBe(checkJson(generated));
    expect(fs.readFileSync(counter, 'utf8')).toMatch(/^migrations:\d+,tables:\d+\n$/);
    // A worker gone after the scan, before its findings: this thread runs those analyses (same bytes).
    const mute = path.join(tmp, 'mute-sql-side.js');
    fs.writeFileSync(mute, `const port = require('node:worker_threads').parentPort;\nconst post = port.postMessage.bind(port);\nport.postMessage = (m) => { if (m.kind === 'findings') process.exit(1); post(m); };\nrequire(${JSON.stringify(WORKER)});\n`);
    expect(JSON.stringify((await checkCheckoutAsync(generated, undefined, undefined, { ...SPLIT, script: mute })).report)).toBe(checkJson(generated));
  }, 120_000);

  it('the read-ahead worker loads no manifest parser, schema validator or semver (it starts ~0.3 s sooner)', async () => {
    const record = path.join(tmp, 'worker-loaded.json');
    const spy = path.join(tmp, 'spy-worker-loaded.js');
    fs.writeFileSync(spy, `const port = require('node:worker_threads').parentPort;\nconst post = port.postMessage.bind(port);\nport.postMessage = (m) => { require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))); post(m); };\nrequire(${JSON.stringify(WORKER)});\n`);
    expect(JSON.stringify((await checkCheckoutAsync(generated, undefined, undefined, { ...SPLIT, script: spy })).report)).toBe(checkJson(generated));
    const loaded = JSON.parse(fs.readFileSync(record, 'utf8')) as string[];
    expect(loaded.some((f) => f.includes(`${path.sep}chunks${path.sep}read-ahead-`))).toBe(true);
    for (const file of loaded) {
      expect(file, 'a package required at run time').not.toMatch(/node_modules[\\/](ajv|semver|js-yaml|yaml)[\\/]/);
      const text = fs.readFileSync(file, 'utf8');
      for (const name of ['function parseManifest(', 'function validateModuleSchema(', 'SEMVER_SPEC_VERSION']) expect(text.includes(name), `${path.relative(REPO, file)} holds ${name}`).toBe(false);
    }
  }, 120_000);

  it('a read-ahead worker started before discovery: used by the split scan, ended when the scan is not split', async () => {
    const early = { script: WORKER, count: 0, split: { lead: 0, wait: true, early: true } };
    for (const dir of [EXAMPLE, generated]) {
      const parallel = await parallelJson(dir, early);
      expect(parallel.check, path.relative(REPO, dir)).toBe(checkJson(dir));
      expect(parallel.plan, path.relative(REPO, dir)).toBe(planJson(dir));
    }
    // Started, then not wanted (a pool worker scans instead): ended, and the scan is the same.
    const started = earlyReadAhead(generated, true, true, { script: WORKER, count: 1, split: { early: true } });
    expect(started).not.toBeNull();
    const folders = (await loadCheckoutAsync(generated, { oneShot: true })).manifests.map((m) => m.dir);
    const scanned = await scanModules(fs.realpathSync(generated), folders, { workers: { script: WORKER, count: 1 }, early: started });
    expect(started?.gone).toBe(true);
    expect(scanned.map((m) => m?.manifest.name)).toEqual(folders.map((f) => path.basename(f)));
  }, 120_000);

  it('while the main thread waits for the reads, it does the per-manifest work it is given on the modules scanned so far, each once, in order', async () => {
    const root = fs.realpathSync(generated);
    const folders = (await loadCheckoutAsync(generated, { oneShot: true })).manifests.map((m) => m.dir);
    const given: string[] = [];
    // A worker slowed down (30 ms before each batch it sends): the main thread waits for sure.
    const slow = path.join(tmp, 'slow-split-worker.js');
    fs.writeFileSync(slow, `const port = require('node:worker_threads').parentPort;\nconst post = port.postMessage.bind(port);\nport.postMessage = (m) => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30); post(m); };\nrequire(${JSON.stringify(WORKER)});\n`);
    const scanned = await scanModules(root, folders, {
      workers: { ...SPLIT, script: slow },
      tenantColumn: 'tenant_id',
      files: new CheckoutFiles(root, true),
      whileWaiting: (s) => given.push(s.manifest.dir),
    });
    expect(scanned.map((m) => m?.manifest.dir)).toEqual(folders);
    // It waited, and used the time.
    expect(given.length).toBeGreaterThan(0);
    expect(new Set(given).size).toBe(given.length);
    expect(given).toEqual(folders.slice(0, given.length));
  }, 120_000);

  it('split for check with a dev database: the ledger read here, its findings made on the worker', async () => {
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    const root = path.join(tmp, 'ledger', 'platform');
    generatePlatform(root, 30, { seed: 11 });
    execFileSync(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'migrate', 'apply', root, '--yes'], { stdio: 'pipe' });
    // An applied migration edited since: checksum drift, a ledger finding.
    const modules = fs.readdirSync(path.join(root, 'modules')).sort();
    const migrations = path.join(root, 'modules', modules[3], 'migrations');
    fs.appendFileSync(path.join(migrations, fs.readdirSync(migrations).sort()[0]), '-- edited after it was applied\n');
    const single = checkJson(root);
    expect(single).toContain('migration-checksum-drift');
    const parallel = JSON.stringify((await checkCheckoutAsync(root, undefined, undefined, SPLIT)).report);
    expect(parallel).toBe(single);
  }, 120_000);

  it('a worker that fails hands its folders back to the main thread', async () => {
    const broken = path.join(tmp, 'broken-worker.js');
    fs.writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const parallel = await parallelJson(generated, { script: broken, count: 2 });
    expect(parallel.check).toBe(checkJson(generated));
  }, 120_000);
});
