import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/checkout';

/**
 * What a loaded checkout keeps per module (issue 16: a scan's garbage collection costs about what
 * it retains). A child process loads a generated platform with the built loader, as `list` does,
 * and counts in a heap snapshot: the copies of each manifest's text (js-yaml reads a copy of its
 * own, and the longer strings of the data are slices of it, so the locator keeps that copy rather
 * than a second one) and the hidden classes that serve a single object of a dependency's or a
 * capability's shape (copies made by rest destructuring each had one).
 */
const CHILD = String.raw`
const fs = require('fs'), path = require('path'), v8 = require('v8');
const [chunks, dir] = process.argv.slice(1);
const file = fs.readdirSync(chunks).find((f) => fs.readFileSync(path.join(chunks, f), 'utf8').includes('Object.defineProperty(exports, "loadCheckoutAsync"'));
const { loadCheckoutAsync } = require(path.join(chunks, file));
(async () => {
  globalThis.kept = await loadCheckoutAsync(dir, { oneShot: true });
  global.gc();
  const s = JSON.parse(v8.getHeapSnapshot().read().toString());
  const { node_fields: nf, node_types: [types], edge_fields: ef, edge_types: [etypes] } = s.snapshot.meta;
  const [iT, iN, iE] = ['type', 'name', 'edge_count'].map((k) => nf.indexOf(k));
  const [eT, eN, eTo] = ['type', 'name_or_index', 'to_node'].map((k) => ef.indexOf(k));
  const N = s.nodes, E = s.edges;
  let texts = 0;
  const users = new Map();
  const props = new Map();
  for (let i = 0, e = 0; i < N.length; i += nf.length) {
    const type = types[N[i + iT]], name = s.strings[N[i + iN]];
    if (type === 'string' && name.startsWith('name: ') && name.includes('\nversion: ')) texts++;
    const own = [];
    for (let k = 0; k < N[i + iE]; k++, e += ef.length) {
      const et = etypes[E[e + eT]], en = s.strings[E[e + eN]];
      if (type === 'object' && name === 'Object' && et === 'internal' && en === 'map') users.set(E[e + eTo], [...(users.get(E[e + eTo]) ?? []), i]);
      if (type === 'object' && et === 'property' && en !== '__proto__') own.push(en);
    }
    if (type === 'object') props.set(i, own.sort().join(','));
  }
  let lonely = 0;
  for (const objects of users.values()) if (objects.length === 1 && ['name', 'name,range', 'name,version'].includes(props.get(objects[0]))) lonely++;
  console.log(JSON.stringify({ texts, lonely }));
})();
`;

describe('memory a loaded checkout keeps per module', () => {
  let tmp: string;
  const MODULES = 60;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(REPO, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-manifest-memory-'));
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(tmp, MODULES, { seed: 5 });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps one copy of each manifest text and no hidden class per dependency or capability', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', CHILD, path.join(REPO, 'out', 'main', 'chunks'), tmp], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { texts, lonely } = JSON.parse(run.stdout) as { texts: number; lonely: number };
    // Every generated manifest starts with its name and has a version; the platform file does not.
    // Twice as many without the shared copy; one more with it (the last text read, kept until the next).
    expect(texts).toBeGreaterThanOrEqual(MODULES);
    expect(texts).toBeLessThanOrEqual(MODULES + 1);
    // Without the shared shapes there were 4 or 5 per module.
    expect(lonely).toBeLessThan(5);
  });
});
