import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, REPO } from './helpers/checkout';

/**
 * Start-up of the built CLI (issue 16): `check`, `graph` and `list` load only the packages they
 * use. The PostgreSQL driver and simple-git are loaded on first use (node/lazy-pg.ts, node/git.ts),
 * so a command that never connects to a database or reads git history does not pay for requiring
 * them. Proven by a preloaded hook that records every package the process resolves.
 */

const CLI = path.join(REPO, 'bin', 'module-workbench.js');
let tmp: string;
let hook: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-startup-'));
  hook = path.join(tmp, 'hook.cjs');
  fs.writeFileSync(
    hook,
    `const Module = require('node:module');
const load = Module._load;
const seen = new Set();
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(tmp, 'loaded.json'))}, JSON.stringify([...seen])));
`,
  );
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function loadedBy(args: string[]): string[] {
  const run = spawnSync(process.execPath, ['--require', hook, CLI, ...args], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.status);
  return JSON.parse(fs.readFileSync(path.join(tmp, 'loaded.json'), 'utf8')) as string[];
}

describe('the CLI loads what a command uses', () => {
  it.each([['check'], ['graph', '--format', 'json'], ['list']])('%s does not load pg or simple-git', (...args) => {
    const loaded = loadedBy([...args, EXAMPLE]);
    // The hook sees the packages the command did load.
    expect(loaded).toContain('js-yaml');
    expect(loaded).not.toContain('pg');
    expect(loaded).not.toContain('simple-git');
  });

  // The parsing packages a platform of the project's own format does not need (engine/libraries.ts).
  const PARSERS = ['yaml', '@lezer/python', 'fast-xml-parser', 'diff/lib/diff/array.js'];

  it('check of a generated platform loads none of the other parsers', async () => {
    const dir = path.join(tmp, 'generated');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(dir, 40, { seed: 3 });
    const loaded = loadedBy(['check', dir, '--format', 'json']);
    expect(loaded).toContain('js-yaml');
    for (const name of PARSERS) expect(loaded).not.toContain(name);
  });

  it('check of the example loads `yaml` only for the documents js-yaml leaves to it (flow mappings)', () => {
    const loaded = loadedBy(['check', EXAMPLE]);
    expect(loaded).toContain('yaml');
    for (const name of PARSERS.slice(1)) expect(loaded).not.toContain(name);
  });

  it('an Odoo checkout still loads the Python and XML parsers on first use', () => {
    const loaded = loadedBy(['check', path.join(REPO, 'test', 'fixtures', 'odoo', 'addons'), '--format', 'json']);
    expect(loaded).toContain('@lezer/python');
    expect(loaded).toContain('fast-xml-parser');
  });

  it('pr-check still loads simple-git when it reads history', () => {
    const run = spawnSync(process.execPath, ['--require', hook, CLI, 'pr-check', EXAMPLE, '--base', 'HEAD'], { encoding: 'utf8' });
    // Whatever git says about the example folder, asking it needs the package.
    expect(run.status).not.toBeNull();
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'loaded.json'), 'utf8'))).toContain('simple-git');
  });
});
