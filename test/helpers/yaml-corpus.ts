import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { stringify } from 'yaml';

/**
 * YAML texts for comparing the fast YAML path (engine/yaml-fast.ts) with the `yaml` package's:
 * documents written by both libraries in many styles (folded and quoted scalars, flow and block
 * collections, narrow lines), and line soups built from the constructs where YAML readers differ
 * (core-schema scalars and their near misses, keys that are null, numbers or collections, anchors,
 * tags, directives, document markers, block scalar headers, comments, tabs, CR, BOM, control
 * characters), then damaged.
 */

const SCALARS = [
  '~', 'null', 'Null', 'NULL', 'nULL', '', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n',
  '0', '-0', '+0', '012', '0o17', '0O17', '0o8', '0x1F', '0X1F', '0xg', '+12', '-12', '1_000', '12345678901234567890',
  '1e3', '1E+3', '-1.5e-3', '.5', '5.', '1.50', '+.5', '.', '-.', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'inf', 'NaN',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:00', '0b101', '1:20', '190:20:30',
  '"double \\u00e9 \\x41 \\N \\_ \\L \\P \\t \\/ \\" end"', '"bad escape \\q"', "'single ''quoted'' text'", '"multi\n  line double"', "'multi\n  line single'",
  'plain with # hash', 'a#b', 'a :b', 'a: b', 'http://x.y/z?q=1', '-', '--', '- x', '?', '? x', ':', ': x', '@at', '`tick', '%pct', '|', '>-', '|+', '|2', '>1-',
  '&anchor value', '*anchor', '&a [1, 2]', '!!str 12', '!!int "12"', '!!binary aGk=', '! plain', '!local x', '!<tag:yaml.org,2002:str> 5', '!<?> 5',
  '{a: 1}', '[1, 2]', '{}', '[]', '[a, [b, {c: d}]]', '{a: [1, {b: 2}], c: ~}', '[a, b]: c', '{a: b}: c', '{a, b}', '[a: b]', '[,]', '{a: 1, a: 2}',
  'ünïcödé', '日本語', '🙂', 'line\u2028sep', 'nul\u0000byte', 'esc\u001b[31m', 'bell\u0007', 'del\u007f', 'c1\u0085', 'bidi\u202e',
  'value # comment', 'value #', 'value#', 'trailing   ', 'billing.*', '*/15 * * * *', '"*/15 * * * *"',
];
const KEYS = ['name', 'version', 'a', 'b', 'null', '~', '"null"', "''", '""', '1', '1.0', '0x1', 'true', '<<', '__proto__', 'toString', 'constructor', '"a b"', "'q'", '? k', '[k]', '{k: v}', 'k k', '-k', 'ü'];
const INDENTS = ['', '', '', '  ', '  ', '    ', ' ', '   ', '\t', '  \t'];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** One line of a YAML-ish soup. */
const line = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(pick(INDENTS), pick(KEYS), pick(SCALARS)).map(([i, k, v]) => `${i}${k}: ${v}`) },
  { weight: 3, arbitrary: fc.tuple(pick(INDENTS), pick(KEYS)).map(([i, k]) => `${i}${k}:`) },
  { weight: 4, arbitrary: fc.tuple(pick(INDENTS), pick(SCALARS)).map(([i, v]) => `${i}- ${v}`) },
  { weight: 2, arbitrary: fc.tuple(pick(INDENTS), pick(KEYS), pick(SCALARS)).map(([i, k, v]) => `${i}- ${k}: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(pick(INDENTS), pick(SCALARS)).map(([i, v]) => `${i}${v}`) },
  { weight: 1, arbitrary: pick(['', '# comment', '---', '...', '--- # doc', '%YAML 1.1', '%TAG ! tag:x,2000:', '-', '  ', 'key: |', 'key: >-', '  text of a block', '    more text', ' x', '\r', '\ufeffname: bom']) },
);

const soup = fc.tuple(fc.array(line, { minLength: 1, maxLength: 14 }), pick(['\n', '\n', '\r\n']), fc.boolean()).map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''));

/** JSON-like data with the values and keys that resolve differently by schema. */
const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  pick(SCALARS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const { data } = fc.letrec((tie) => ({
  data: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('data'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), pick(KEYS)), tie('data'), { maxKeys: 4 }),
}));

const yamlStyled = fc
  .tuple(data, fc.record({ lineWidth: pick([0, 10, 20, 80]), minContentWidth: pick([0, 5, 20]), defaultStringType: pick(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const), collectionStyle: pick(['any', 'block', 'flow'] as const), indent: pick([2, 3, 4]) }))
  .map(([d, o]) => stringify(d, o));
const jsYamlStyled = fc
  .tuple(data, fc.record({ flowLevel: pick([-1, 0, 1, 2]), lineWidth: pick([-1, 8, 30, 80]), quotingType: pick(["'", '"'] as const), forceQuotes: fc.boolean(), noCompatMode: fc.boolean(), indent: pick([1, 2, 4]) }))
  .map(([d, o]) => {
    try {
      return dump(d, o);
    } catch {
      return '';
    }
  });

/** A damage: a character inserted, a slice removed, a line doubled, or none. */
const damaged = (arb: fc.Arbitrary<string>) =>
  fc.tuple(arb, fc.nat(), pick(['', '', '', ':', '- ', '"', "'", '#', '\t', '{', '[', '&a ', '*a ', '\n  ', '\n', ' ', '? ', '!', '%', '|', '>']), fc.nat({ max: 6 })).map(([text, at, insert, cut]) => {
    const i = text.length === 0 ? 0 : at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + cut);
  });

/** The corpus: about a third of each kind. */
export const yamlTextArb: fc.Arbitrary<string> = fc.oneof(damaged(soup), damaged(yamlStyled), damaged(jsYamlStyled));

/** Every .yaml/.yml file under a folder, in path order. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(abs));
    else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(abs);
  }
  return out.sort();
}

/** A text form of parsed data that keeps what JSON loses: -0, NaN, infinities, key order, prototypes. */
export function canonical(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'n:-0' : `n:${String(value)}`;
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Object.getPrototypeOf(value) !== Object.prototype) return `?${Object.prototype.toString.call(value)}`;
      return `{${Object.keys(value as object).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    default:
      return `${typeof value}:${String(value)}`;
  }
}
