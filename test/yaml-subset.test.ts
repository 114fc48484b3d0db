import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { CORE, fastYamlValue, useBlockSubset } from '../src-main/engine/yaml-fast';
import { blockSubsetValue } from '../src-main/engine/yaml-subset';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';
import { canonical, yamlFiles, yamlTextArb } from './helpers/yaml-corpus';

/**
 * The block-subset reader (engine/yaml-subset.ts) reads plain block YAML without js-yaml: whatever
 * it reads must be exactly what the fast path gives with js-yaml alone (same data, types, -0, NaN,
 * key order), and it must say "not here" for everything else. Compared on every YAML file of the
 * fixtures and the example, on the generated benchmark platform's manifests (which it must all
 * read: that is what it is for), and on fixed-seed corpora of tricky, manifest-like and damaged YAML.
 */

afterEach(() => void useBlockSubset(true));
// A longer hunt: MWB_YAML_FUZZ_RUNS=200000 MWB_YAML_FUZZ_SEED=random npx vitest run test/yaml-subset.test.ts
const RUNS = Number(process.env.MWB_YAML_FUZZ_RUNS ?? 4_000);
const SEED = process.env.MWB_YAML_FUZZ_SEED === 'random' ? Date.now() : Number(process.env.MWB_YAML_FUZZ_SEED ?? 20261206);


/** The fast path with js-yaml alone. */
function withJsYaml(text: string): string | undefined {
  useBlockSubset(false);
  try {
    const v = fastYamlValue(text);
    return v === undefined ? undefined : canonical(v.value);
  } finally {
    useBlockSubset(true);
  }
}

/** Compares the fast path with and without the subset reader on one text; true when the subset reader read it. */
function compare(text: string, label: string): boolean {
  const expected = withJsYaml(text);
  const fast = fastYamlValue(text);
  expect(fast === undefined ? undefined : canonical(fast.value), label).toBe(expected);
  const own = blockSubsetValue(text);
  if (own === undefined) return false;
  // Read here: js-yaml alone (without the fast path's other guards) gives the same.
  let plain: string;
  try {
    plain = canonical(load(text, { schema: CORE, json: false }));
  } catch (err) {
    plain = `js-yaml refused it: ${(err as Error).message}`;
  }
  expect(canonical(own), label).toBe(plain);
  return true;
}

const KEY_NAMES = ['name', 'version', 'tier', 'id', 'description', 'default_roles', 'permissions', 'routes', 'path', 'method', 'a', 'b', 'x.y', 'on_install', '1', '1.0', 'true', 'null', '~', '0x1F', '.inf', 'toString', '__proto__', 'constructor', 'key with spaces', 'ü', 'a:b', '<<'];
/** Values the reader takes (scalars of every core type, quoted and flow forms) ... */
const VALUES = [
  'core', 'optional', 'plain words here', 'Synthetic module #9', 'm0001-crm.comment.read', '/m1/items/{id}', '"2.4.8"', "'1.0.0'", '"quoted: colon"', '"a # b"', 'a:b', 'http://x/y', 'value # comment', 'ünï', '日本', 'é',
  '1', '0', '012', '0o17', '0x1F', '1e3', '1.5', '.5', '.inf', '.nan', 'true', 'False', 'null', '~', 'NULL', 'yes', 'no', '[]', '{}', '{ }', '[a, b]', '[ a , "b" , 1 ]', "['x', y]",
];
/** ... and near misses it leaves to js-yaml. */
const NEAR = ["'it''s'", '"a\\"b"', '-1', '-0', '-.inf', '[a,]', '[a, [b]]', '[a: b]', '{a: 1}', 'a: b', 'value #', 'v#', 'tail:', '&a x', '*a', '!!str x', '|', '>-', "'unclosed", '"unclosed', '- x', '? x', '@x', '`x', '%x'];
const valueArb = fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: fc.constantFrom(...NEAR) });
const keyArb = fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...KEY_NAMES.slice(0, 16)) }, { weight: 1, arbitrary: fc.constantFrom(...KEY_NAMES) });
const INDENT_STEP = [2, 2, 2, 4, 1, 3];

/** Manifest-shaped documents written line by line, with the subset's constructs and its near misses. */
const manifestLike = fc
  .tuple(
    fc.uniqueArray(fc.tuple(keyArb, fc.constantFrom(0, 0, 1, 2, 3, 3, 4), fc.uniqueArray(fc.tuple(keyArb, valueArb, fc.boolean()), { maxLength: 4, selector: ([k]) => k }), valueArb, fc.constantFrom(...INDENT_STEP), fc.boolean()), { minLength: 1, maxLength: 8, selector: ([k]) => k }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([entries, marker, comments]) => {
    const lines: string[] = marker ? ['---'] : [];
    for (const [key, kind, pairs, value, step, compact] of entries) {
      const pad = ' '.repeat(step);
      if (comments) lines.push(`${compact ? '' : pad}# about ${key}`);
      if (kind === 0) lines.push(`${key}: ${value}`);
      else if (kind === 1) {
        lines.push(`${key}:`);
        for (const [, v] of pairs) lines.push(`${compact ? '' : pad}- ${v}`);
      } else if (kind === 2) {
        lines.push(`${key}:`);
        for (const [k, v] of pairs) lines.push(`${pad}${k}: ${v}`);
      } else if (kind === 3) {
        lines.push(`${key}:`);
        for (const [k, v, more] of pairs) {
          lines.push(`${compact ? '' : pad}- ${k}: ${v}`);
          if (more) lines.push(`${compact ? '' : pad}  ${k}2: ${v}${comments ? '  # trailing' : ''}`);
        }
      } else lines.push(`${key}: ${value}`, '', `${pad}${value}`);
    }
    return lines.join('\n') + '\n';
  });

/** Damage: a character inserted or a slice removed. */
const damaged = (arb: fc.Arbitrary<string>) =>
  fc.tuple(arb, fc.nat(), fc.constantFrom('', '', ':', '- ', ' ', '  ', '\n', '\n  ', '#', '"', "'", '[', ']', ',', '{', '-', '.', '0', 'x'), fc.nat({ max: 4 })).map(([text, at, insert, cut]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + cut);
  });

/** Plain data dumped in block style by both libraries. */
const leaf = fc.oneof(fc.constantFrom(...[...VALUES, ...NEAR].map((v) => v.replace(/^["']|["']$/g, ''))), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 10 }));
const { data } = fc.letrec((tie) => ({
  data: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('data'), { maxLength: 4 }),
  map: fc.dictionary(fc.constantFrom(...KEY_NAMES), tie('data'), { maxKeys: 5 }),
}));
const dumped = fc.tuple(fc.dictionary(fc.constantFrom(...KEY_NAMES), data, { minKeys: 1, maxKeys: 6 }), fc.boolean(), fc.constantFrom(1, 2, 4)).map(([d, lib, indent]) => {
  try {
    return lib ? dump(d, { indent, flowLevel: -1, lineWidth: -1 }) : stringify(d, { indent: Math.max(2, indent), collectionStyle: 'block', lineWidth: 0 });
  } catch {
    return '';
  }
});

describe('the block-subset YAML reader gives what js-yaml gives, or leaves the text to it', () => {
  it('on every YAML file of the fixtures and the example platform', () => {
    const files = [...yamlFiles(FIXTURES), ...yamlFiles(EXAMPLE)];
    let read = 0;
    for (const file of files) if (compare(fs.readFileSync(file, 'utf8'), path.relative(REPO, file))) read++;
    // Most of them are plain block YAML, or the comparison would prove little.
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it('reads every manifest of the generated benchmark platform (what it is for) as js-yaml does', async () => {
    type Built = { platform: unknown; roles: unknown; modules: { name: string; manifest: unknown }[] };
    const { buildPlatform, toYaml } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { buildPlatform(n: number, o: { seed: number }): Built; toYaml(data: unknown): string };
    const built = buildPlatform(300, { seed: 7 });
    const texts: [string, string][] = [
      ['platform.yaml', toYaml(built.platform)],
      ['roles.yaml', toYaml(built.roles)],
      ...built.modules.map((m): [string, string] => [`modules/${m.name}/module.yaml`, toYaml(m.manifest)]),
    ];
    expect(texts.length).toBe(302);
    for (const [rel, text] of texts) {
      expect(compare(text, rel), rel).toBe(true);
      expect(blockSubsetValue(text), rel).not.toBeUndefined();
    }
  });

  it('on hand-picked near misses', () => {
    const cases: [string, boolean][] = [
      ['a: 1\nb:\n  - x\n  - y\n', true],
      ['a:\n- x\n- y\nb: 2\n', true],
      ['- a: 1\n  b: 2\n- c\n', true],
      ['a: [x, "y", 1.0]\n', true],
      ['---\na: b\n', true],
      ['a: b # c\n# d\n   # e\nf: g', true],
      ['1.0: x\n', true],
      ['"quoted key": -1\n\'k\': [-.5, 2]\n', true],
      ['"null": 1\n', false],
      ['a: -\n', false],
      ['- \n- a\n', false],
      ['- a\n- ', false],
      ['a: "x\\ny"\n', false],
      ['a: -x\n', false],
      ['a: "x" y\n', false],
      ['a: b\n  c\n', false], // a plain scalar on two lines
      ['a: b\n c: d\n', false],
      ['a:\n  b: 1\n c: 2\n', false],
      ['a: 1\na: 2\n', false], // a duplicate key: js-yaml refuses it
      ['~: 1\n', false],
      ['a: |\n  x\n', false],
      ['a: &x 1\nb: *x\n', false],
      ['a: b: c\n', false],
      ['a:b: c\n', false],
      ['a : b\n', false],
      ['a: [b,\n  c]\n', false],
      ['a: 1\r\nb: 2\r\n', false],
      ['\ufeffa: 1\n', false],
      ['a: 1\n...\n', false],
      ['a: 1\n---\nb: 2\n', false],
      ['  a: 1\n', false],
      ['just text\n', false],
      ['', false],
      ['# only a comment\n', false],
    ];
    for (const [text, readHere] of cases) {
      expect(compare(text, JSON.stringify(text)), JSON.stringify(text)).toBe(readHere);
    }
  });

  it(`on corpora of tricky, manifest-like, dumped and damaged YAML (${RUNS} texts each, seed ${SEED})`, () => {
    for (const [name, arb, least] of [
      ['tricky', yamlTextArb, 0.01],
      ['manifest-like', manifestLike, 0.2],
      ['damaged manifest-like', damaged(manifestLike), 0.1],
      ['dumped', dumped, 0.05],
      ['damaged dumped', damaged(dumped), 0.03],
    ] as const) {
      let read = 0;
      fc.assert(
        fc.property(arb as fc.Arbitrary<string>, (text) => {
          if (compare(text, `${name}: ${JSON.stringify(text)}`)) read++;

        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // Each corpus must exercise the reader, or it would prove little.
      expect(read, name).toBeGreaterThan(RUNS * least);
    }
  }, 600_000);
});
