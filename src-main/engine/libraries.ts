import type * as LezerPython from '@lezer/python';
import type * as DiffArrays from 'diff/lib/diff/array.js';
import type * as FastXmlParser from 'fast-xml-parser';
import type * as Yaml from 'yaml';

/**
 * The parsing packages the engine and the adapters need only for some checkouts or some requests,
 * handed in by the host (service/libraries.ts) and loaded on first use (issue 16: start-up). A check
 * of a platform in the project's own format reads its YAML with js-yaml (yaml-fast.ts) and never
 * needs the `yaml` package, nor @lezer/python (Odoo manifests), fast-xml-parser (Odoo security
 * files) or jsdiff (roles edits); requiring them all at start cost about a quarter of a second.
 * The engine stays pure: it names the packages by type only and never resolves a module itself.
 */
export interface Libraries {
  yaml: typeof Yaml;
  python: typeof LezerPython;
  xml: typeof FastXmlParser;
  diff: typeof DiffArrays;
}

export type LibraryLoaders = { [K in keyof Libraries]: () => Libraries[K] };

let loaders: LibraryLoaders | null = null;
const loaded: Partial<Libraries> = {};

/** The host's loaders; called once, before anything is parsed. */
export function provideLibraries(given: LibraryLoaders): void {
  loaders = given;
}

/** A package, loaded the first time it is asked for. */
export function library<K extends keyof Libraries>(name: K): Libraries[K] {
  const have = loaded[name];
  if (have !== undefined) return have;
  if (!loaders) throw new Error(`the '${name}' parser was not provided: the host calls provideLibraries (service/libraries.ts) first`);
  const lib = loaders[name]();
  loaded[name] = lib;
  return lib;
}

/** The `yaml` package. */
export const yamlLib = (): typeof Yaml => library('yaml');
