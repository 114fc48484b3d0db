import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockOffsets } from '../src-main/engine/yaml-block-locator';
import { documentLocator, lazyLocator, parseYamlSource, useYamlFastPath, type YamlPath } from '../src-main/engine/yaml-source';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';
import { yamlFiles, yamlTextArb } from './helpers/yaml-corpus';

/**
 * The line-by-line locator (engine/yaml-block-locator.ts) must give exactly the positions the
 * `yaml` package's locator gives, on every path of a document (keys, values, list items, missing
 * paths that fall back to an ancestor), or give up. Compared on every YAML file of the fixtures and
 * the example, on generated benchmark manifests and on a fixed-seed corpus of tricky YAML.
 */

const RUNS = Number(process.env.MWB_YAML_FUZZ_RUNS ?? 3_000);

/** Every path into the data, plus paths that go one step too far or name nothing. */
function paths(value: unknown, prefix: (string | number)[] = [], out: YamlPath[] = []): YamlPath[] {
  out.push(prefix, [...prefix, 'no-such-key'], [...prefix, 99]);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** Values to look for with `item`: each scalar of a list, and values no list holds. */
function itemProbes(value: unknown, at: YamlPath): unknown[] {
  let node = value;
  for (const seg of at) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
  const own = Array.isArray(node) ? node.filter((v) => v === null || typeof v !== 'object') : [];
  return [...own, 'x', 1, null];
}

/** Compares the two locators on one text; true when the line-by-line reader answered for it. */
function compare(text: string, label: string): boolean {
  if (!blockOffsets(text)) return false;
  const was = useYamlFastPath(false);
  const data = parseYamlSource('f.yaml', text).value;
  useYamlFastPath(was);
  const slow = documentLocator('f.yaml', text);
  for (const p of paths(data)) {
    // A fresh lazy locator per question: once it has parsed, it answers from the yaml package.
    for (const part of ['value', 'key'] as const) expect(lazyLocator('f.yaml', text).at(p, part), `${label} at ${JSON.stringify(p)} ${part}`).toEqual(slow.at(p, part));
    for (const v of itemProbes(data, p)) expect(lazyLocator('f.yaml', text).item(p, v), `${label} item ${JSON.stringify(p)} ${String(v)}`).toEqual(slow.item(p, v));
  }
  return true;
}

describe('the line-by-line YAML locator gives the yaml package positions', () => {
  it('on every YAML file of the fixtures and the example platform', () => {
    const files = [...yamlFiles(FIXTURES), ...yamlFiles(EXAMPLE)];
    let answered = 0;
    for (const file of files) if (compare(fs.readFileSync(file, 'utf8'), path.relative(REPO, file))) answered++;
    // Most real manifests are plain block YAML, or the comparison would prove little.
    expect(answered).toBeGreaterThan(files.length / 2);
  });

  it('on generated benchmark manifests, roles and platform files', async () => {
    const { buildPlatform, toYaml } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as {
      buildPlatform(n: number, o: { seed: number }): { platform: unknown; roles: unknown; modules: { manifest: unknown }[] };
      toYaml(v: unknown): string;
    };
    const built = buildPlatform(30, { seed: 7 });
    const texts = [toYaml(built.platform), toYaml(built.roles), ...built.modules.map((m) => toYaml(m.manifest))];
    for (const [i, text] of texts.entries()) expect(compare(text, `generated #${i}`), `generated #${i} answered`).toBe(true);
  });

  it(`on a corpus of tricky and damaged YAML (${RUNS} texts)`, () => {
    let answered = 0;
    fc.assert(
      fc.property(yamlTextArb, (text) => {
        if (compare(text, JSON.stringify(text))) answered++;
      }),
      { numRuns: RUNS, seed: 20261205, endOnFailure: true },
    );
    expect(answered).toBeGreaterThan(RUNS / 20);
  }, 600_000);

  it('gives up on what it cannot be sure of', () => {
    for (const text of ['a: |\n  b: 1\n', 'a: "multi\n  line"\n', 'a: &x 1\nb: *x\n', "'q': 1\n", 'a:\n\t- b\n', 'a:\n  -\n  - b\n', 'a: [1,\n  2]\n', 'true: 1\n', '--- \na: 1\n', 'a: 1\n...\n']) {
      expect(blockOffsets(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
