import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, REPO } from './helpers/checkout';

/**
 * The built CLI evaluates Ajv's compiler only when it compiles a checkout's own config schema
 * (engine/config-defaults.ts): the manifest and platform schemas are compiled ahead of time
 * (engine/generated/), so `mwb --version` and a check of a platform without config schemas never
 * run a line of Ajv but its small runtime helpers. Ajv is bundled (electron.vite.config.ts), so no
 * `require` of it can be observed; instead the CLI runs with V8's coverage (NODE_V8_COVERAGE), and
 * the test reads how often each of Ajv's bundled module bodies ran (the bundler wraps each in a
 * function that runs once, on its first require, right after a `// node_modules/ajv/dist/<file>.js` line).
 */

const OUT = path.join(REPO, 'out', 'main');
// The bundle itself, not the executable: the executable compiles the bundle's scripts through its code
// cache loader (node/code-cache.ts), whose function wrapper shifts the offsets V8's coverage reports.
const CLI = path.join(OUT, 'cli.js');
let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(OUT, 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-ajv-on-demand-'));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface FunctionCoverage {
  ranges: { startOffset: number; count: number }[];
}
interface ScriptCoverage {
  url: string;
  functions: FunctionCoverage[];
}

/** Ajv's modules in the bundle (its compiler: everything but dist/runtime/) and how often each body ran. */
function ajvModuleRuns(args: string[]): Map<string, number> {
  const dir = fs.mkdtempSync(path.join(tmp, 'coverage-'));
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NODE_V8_COVERAGE: dir, NO_COLOR: '1' } });
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.status);
  const runs = new Map<string, number>();
  for (const file of fs.readdirSync(dir)) {
    const { result } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { result: ScriptCoverage[] };
    for (const script of result) {
      if (!script.url.startsWith('file:')) continue;
      const at = fileURLToPath(script.url);
      if (!at.startsWith(OUT + path.sep)) continue;
      const source = fs.readFileSync(at, 'utf8');
      const starts = script.functions.map((f) => f.ranges[0]!).sort((a, b) => a.startOffset - b.startOffset);
      // (The comment names the file relative to the project: `../<elsewhere>/node_modules/...` when node_modules is a link.)
      for (const m of source.matchAll(/^\/\/ (?:\S*\/)?node_modules\/ajv\/dist\/(\S+)\.js$/gm)) {
        if (m[1]!.startsWith('runtime/')) continue;
        // The module's wrapper: the first function after the comment, on the next line.
        const wrapper = starts.find((r) => r.startOffset > m.index!);
        const between = wrapper ? source.slice(m.index! + m[0].length, wrapper.startOffset) : '';
        expect(between, `the bundle around ${m[1]} in ${path.basename(at)} is not laid out as this test expects`).toMatch(/^\n[^\n]*__commonJSMin\(\($/);
        runs.set(m[1]!, (runs.get(m[1]!) ?? 0) + wrapper!.count);
      }
    }
  }
  // Ajv is still in the bundle, so finding none of its modules would mean the test looks in the wrong place.
  expect(runs.size).toBeGreaterThan(20);
  return runs;
}

const ran = (runs: Map<string, number>) => [...runs].filter(([, n]) => n > 0).map(([name]) => name);

/** A copy of the example platform without its modules' `config:` sections (no user schema to compile). */
function exampleWithoutConfigSchemas(): string {
  const dest = path.join(tmp, 'example-without-config');
  fs.cpSync(EXAMPLE, dest, { recursive: true });
  let stripped = 0;
  for (const name of fs.readdirSync(path.join(dest, 'modules'))) {
    const file = path.join(dest, 'modules', name, 'module.yaml');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const without = text.replace(/^config:\n(?:[ \t].*\n|\n)*/m, '');
    if (without !== text) stripped++;
    expect(without).not.toMatch(/^config:/m);
    fs.writeFileSync(file, without);
  }
  expect(stripped).toBeGreaterThan(0);
  return dest;
}

describe('the built CLI evaluates Ajv only to compile a config schema of the checkout', () => {
  it('mwb --version runs none of Ajv', () => {
    expect(ran(ajvModuleRuns(['--version']))).toEqual([]);
  });

  it('check of the example platform without config schemas runs none of Ajv', () => {
    expect(ran(ajvModuleRuns(['check', exampleWithoutConfigSchemas(), '--format', 'json']))).toEqual([]);
  });

  it('check of the example platform, whose modules have config schemas, does run Ajv (the measure sees it)', () => {
    const runs = ajvModuleRuns(['check', EXAMPLE, '--format', 'json']);
    expect(ran(runs)).toContain('ajv');
    expect(ran(runs)).toContain('compile/index');
  });
});
