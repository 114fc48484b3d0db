import { load, Schema, Type, type LoadOptions } from 'js-yaml';
import { leavesToYamlPackage } from './yaml-leave';
import { CORE_SCALARS } from './yaml-core';
import { blockSubsetValue } from './yaml-subset';

/**
 * The fast path of YAML reading: js-yaml (about ten times faster than the `yaml` package here)
 * gives the plain data of a document, and the positions are only computed, with the `yaml`
 * package, when a finding asks for one (yaml-source.ts). The data must be exactly what the `yaml`
 * path gives, so this path answers only when it is sure, and says "don't know" (undefined)
 * otherwise; the caller then takes the `yaml` path, which also reports every error:
 *
 * - plain scalars are resolved by the `yaml` package's YAML 1.2 core schema, copied here (same
 *   tests, same order, same conversions); quoted and block scalars stay text, as there;
 * - anything js-yaml refuses (syntax, duplicate keys, unknown tags, a second document, a NUL) or
 *   warns about, explicit tags (the types below have tags no YAML text can name, so `!!int 1`
 *   is an unknown tag), anchors and aliases, null mapping keys (js-yaml makes them 'null', `yaml`
 *   ''), documents whose data is null or absent (an empty document and a `~` differ in `yaml`'s
 *   reading), and the constructs of yaml-leave.ts all go to the `yaml` path.
 *
 * test/yaml-fast-path.test.ts compares both paths on every fixture, the example platform and a
 * fixed-seed fuzz corpus of tricky YAML; the whole check report must be byte-identical.
 */

/** The `yaml` package's core schema for js-yaml (exported for tests comparing readers). */
export const CORE = new Schema({
  implicit: CORE_SCALARS.map((t) => new Type(`mwb yaml core ${t.name}`, { kind: 'scalar', resolve: (s: string | null) => s !== null && t.may(s) && t.test.test(s), construct: (s: string) => t.construct(s) })),
  explicit: [],
});

/** Lines of 1,000 characters or more are checked apart (`yaml` limits implicit keys to 1,024); the rest of what is left to `yaml`: yaml-leave.ts. */
const MAX_LINE = 1000;

function hasLongLine(text: string): boolean {
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i - start >= MAX_LINE) return true;
    start = i + 1;
  }
  return text.length - start >= MAX_LINE;
}

class NotSure extends Error {}

/** js-yaml's own copy of the text being read (its state's `input`), taken by the listener. */
let input: string | undefined;

/** Anchors, non-specific tags (`!`): the `yaml` package reads those. (js-yaml's state, which its types omit, has both and the input.) */
function listener(event: string, state: object): void {
  const s = state as { anchor: string | null; tag: string | null; input: string };
  input ??= s.input;
  if (event === 'close' && (s.anchor !== null || s.tag === '!')) throw new NotSure();
}

/**
 * The text as js-yaml's copy of it, or the text itself. js-yaml reads a copy it makes (the text
 * with a NUL appended, flattened), and the longer strings of its data are slices of that copy, so
 * the copy lives as long as the data. A caller that keeps the text too (a scanned manifest keeps
 * it for positions asked later) keeps this instead: one copy of each text, not two (issue 16:
 * about 1.7 KB per generated manifest). The slice is checked equal to the text, so a js-yaml that
 * read some other string (or none) gives the text back.
 */
function sharedText(text: string, copy: string | undefined): string {
  if (copy === undefined || copy.length < text.length) return text;
  const slice = copy.slice(0, text.length);
  return slice === text ? slice : text;
}

const OPTIONS: LoadOptions = {
  schema: CORE,
  json: false,
  onWarning: () => {
    throw new NotSure();
  },
  listener,
};

/** Keys js-yaml and `yaml` turn into different text: a null key is 'null' in one and '' in the other. */
function keysAgree(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      // for-in, not Object.keys: no array per mapping. js-yaml's mappings are plain objects whose
      // prototype has no enumerable keys, so both see the same keys (its `__proto__` keys are own).
      for (const key in v) {
        if (key === 'null') return false;
        const item = (v as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return true;
}

/** Whether fastYamlValue reads plain block YAML itself (yaml-subset.ts); tests turn it off to compare with js-yaml alone. */
let blockSubset = true;

/** Turns the block-subset reader on or off (tests); returns the previous setting. */
export function useBlockSubset(on: boolean): boolean {
  const was = blockSubset;
  blockSubset = on;
  return was;
}

/** The document's data as the `yaml` path would give it, or undefined when this path is not sure (then nothing is reported from here). */
export function fastYamlValue(text: string): { value: unknown; text: string } | undefined {
  // A document start marker alone on the first line is common and read alike; any other marker is left.
  if (leavesToYamlPackage(/^---\r?\n/.test(text) ? text.slice(text.indexOf('\n') + 1) : text) || hasLongLine(text)) return undefined;
  // Plain block YAML, as manifests are written, is read without js-yaml (yaml-subset.ts: the same data).
  if (blockSubset) {
    const plain = blockSubsetValue(text);
    if (plain !== undefined) return { value: plain, text };
  }
  let value: unknown;
  let copy: string | undefined;
  try {
    value = load(text, OPTIONS);
  } catch {
    // A syntax error, a refusal, a stack overflow or a NotSure: the yaml path reads it and says why.
    return undefined;
  } finally {
    copy = input;
    input = undefined;
  }
  if (value === null || value === undefined || !keysAgree(value)) return undefined;
  return { value, text: sharedText(text, copy) };
}
