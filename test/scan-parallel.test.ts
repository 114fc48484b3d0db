import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCheckout, checkCheckoutAsync } from '../src-main/service/load-checkout';
import { openMigrationContext, openMigrationContextAsync } from '../src-main/service/migration-context';
import { defaultDatabase, planCheckout } from '../src-main/service/migrations';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';

/**
 * The multi-threaded scan (service/scan-pool.ts) must give exactly what the single-threaded loader
 * gives: the same findings, positions, order and plan, byte for byte. Manifests scanned on a worker
 * come back without their YAML document (positions of later findings are found by parsing the text
 * again), and their permission positions are handed over; both paths are compared here on every
 * rule fixture, the example, and a generated platform damaged in many modules.
 */

const WORKER = path.join(REPO, 'out', 'main', 'scan-worker.js');

const checkJson = (dir: string) => JSON.stringify(checkCheckout(dir).report);
const planJson = (dir: string) => JSON.stringify(planCheckout(openMigrationContext(dir), defaultDatabase(dir)).plan);

async function parallelJson(dir: string, workers: { script: string | null; count: number }): Promise<{ check: string; plan: string }> {
  const check = JSON.stringify((await checkCheckoutAsync(dir, undefined, undefined, workers)).report);
  const plan = JSON.stringify(planCheckout(await openMigrationContextAsync(dir, workers), defaultDatabase(dir)).plan);
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

  it('a worker that fails hands its folders back to the main thread', async () => {
    const broken = path.join(tmp, 'broken-worker.js');
    fs.writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const parallel = await parallelJson(generated, { script: broken, count: 2 });
    expect(parallel.check).toBe(checkJson(generated));
  }, 120_000);
});
