import { createRequire } from 'node:module';
import type * as LezerPython from '@lezer/python';
import type * as DiffArrays from 'diff/lib/diff/array.js';
import type * as FastXmlParser from 'fast-xml-parser';
import type * as Yaml from 'yaml';

/**
 * The parsing packages a `check` of the project's own format never needs (engine/libraries.ts),
 * required on first use rather than when the bundle loads: same pattern as pg (lazy-pg.ts).
 */
const load = (name: string): unknown => createRequire(__filename)(name);

export const lazyLibraries = {
  yaml: () => load('yaml') as typeof Yaml,
  python: () => load('@lezer/python') as typeof LezerPython,
  xml: () => load('fast-xml-parser') as typeof FastXmlParser,
  diff: () => load('diff/lib/diff/array.js') as typeof DiffArrays,
};
