import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fastYamlValue } from '../src-main/engine/yaml-fast';
import { parseYamlSource, useYamlFastPath, type YamlSource } from '../src-main/engine/yaml-source';
import { NotAPlatformCheckoutError } from '../src-main/service/checkout-kind';
import { checkCheckout } from '../src-main/service/load-checkout';
import { loadPermissionContext, permissionCatalog } from '../src-main/service/permissions';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';
import { canonical, yamlTextArb } from './helpers/yaml-corpus';
import { checkoutArb } from './trust/fuzz/arbitraries';
import { writeCase } from './trust/fuzz/harness';

/**
 * The fast YAML path (engine/yaml-fast.ts: js-yaml for the data, positions from the `yaml` package
 * only when a finding asks) must give exactly what the `yaml` path gives: the same data (types,
 * -0, NaN, key order), the same errors, and a byte-identical check report and permission catalog
 * on every fixture, the example platform and fixed-seed fuzz corpora.
 */

afterEach(() => void useYamlFastPath(true));
// A longer hunt: MWB_YAML_FUZZ_RUNS=100000 MWB_YAML_FUZZ_SEED=random npx vitest run test/yaml-fast-path.test.ts
const RUNS = Number(process.env.MWB_YAML_FUZZ_RUNS ?? 4_000);
const SEED = process.env.MWB_YAML_FUZZ_SEED === 'random' ? Date.now() : Number(process.env.MWB_YAML_FUZZ_SEED ?? 20261205);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-yaml-fast-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));


const PROBES: (string | number)[][] = [[], ['name'], ['dependencies', 0], ['permissions', 1, 'id'], ['roles'], ['a', 'b'], [0], [1, 'name']];

function parsed(text: string, fast: boolean): { value: string; empty: boolean; diagnostics: YamlSource['diagnostics']; positions: unknown[] } {
  useYamlFastPath(fast);
  const y = parseYamlSource('file.yaml', text);
  const positions = PROBES.flatMap((p) => [y.locator.at(p), y.locator.at(p, 'key'), y.locator.item(p, 'x')]);
  return { value: canonical(y.value), empty: y.empty, diagnostics: y.diagnostics, positions };
}

/** Compares the two paths on one text; true when the fast path read it. */
function compareText(text: string, label: string): boolean {
  const slow = parsed(text, false);
  const fast = parsed(text, true);
  expect(fast, label).toEqual(slow);
  const value = fastYamlValue(text);
  if (value === undefined) return false;
  expect(slow.diagnostics, label).toEqual([]);
  expect(canonical(value.value), label).toBe(slow.value);
  return true;
}

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(abs, test));
    else if (e.isFile() && test(e.name)) out.push(abs);
  }
  return out.sort();
}

/** Every checkout among the fixtures (a folder with platform.yaml or modules/), the example first. */
function checkouts(): string[] {
  const out = [EXAMPLE];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const abs = path.join(dir, e.name);
      if (fs.existsSync(path.join(abs, 'platform.yaml')) || fs.existsSync(path.join(abs, 'modules'))) out.push(abs);
      else walk(abs);
    }
  };
  walk(FIXTURES);
  return out;
}

/** The check report and the permission catalog of a checkout, as JSON; an error's message when it cannot be checked. */
function outputs(dir: string, fast: boolean): string {
  useYamlFastPath(fast);
  const parts: string[] = [];
  for (const run of [() => checkCheckout(dir).report, () => permissionCatalog(loadPermissionContext(dir))]) {
    try {
      parts.push(JSON.stringify(run()));
    } catch (err) {
      if (!(err instanceof NotAPlatformCheckoutError)) throw err;
      parts.push(`refused: ${err.message}`);
    }
  }
  return parts.join('\n');
}

describe('the fast YAML path gives what the yaml package gives', () => {
  it('on every YAML file of the fixtures and the example platform', () => {
    const files = filesUnder(FIXTURES, (n) => /\.ya?ml$/.test(n)).concat(filesUnder(EXAMPLE, (n) => /\.ya?ml$/.test(n)));
    let fast = 0;
    for (const file of files) if (compareText(fs.readFileSync(file, 'utf8'), path.relative(REPO, file))) fast++;
    // Most real files take the fast path, or the comparison would prove little.
    expect(fast).toBeGreaterThan(files.length / 2);
  });

  it(`on a corpus of tricky and damaged YAML (${RUNS} texts, seed ${SEED})`, () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(yamlTextArb, (text) => {
        runs++;
        if (compareText(text, JSON.stringify(text))) fast++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(fast).toBeGreaterThan(runs / 5);
  }, 3_600_000);

  it('gives byte-identical check reports and permission catalogs on every fixture checkout and the example', () => {
    for (const dir of checkouts()) expect(outputs(dir, true), path.relative(REPO, dir)).toBe(outputs(dir, false));
  }, 120_000);

  it('gives byte-identical check reports and permission catalogs on a fixed-seed corpus of fuzzed checkouts', () => {
    const dir = path.join(work, 'case');
    fc.assert(
      fc.property(checkoutArb, (files) => {
        writeCase(dir, files);
        expect(outputs(dir, true)).toBe(outputs(dir, false));
      }),
      { numRuns: 300, seed: 20261205, endOnFailure: true },
    );
  }, 300_000);
});
