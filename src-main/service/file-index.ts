import type { Diagnostic } from '../common/diagnostic';
import type { GraphEdge } from '../common/model';

/**
 * Which items of a snapshot list (findings, edges) name a file, by file: an edit that moves the
 * text of one manifest (position-edit.ts) visits the few items located in it instead of all of
 * them (tens of thousands at 5,000 modules, issue 16). Built once per list; a list made from
 * another by replacing items in place (same length, same order, same files) takes its index over.
 */
const indexes = new WeakMap<readonly unknown[], Map<string, number[]>>();

function build<T>(list: readonly T[], files: (item: T, add: (file: string | undefined) => void) => void): Map<string, number[]> {
  const index = new Map<string, number[]>();
  list.forEach((item, i) => {
    files(item, (file) => {
      if (file === undefined) return;
      const at = index.get(file);
      if (!at) index.set(file, [i]);
      else if (at[at.length - 1] !== i) at.push(i);
    });
  });
  return index;
}

/** Every file a finding is located in: its own, its related locations', its waiver's. */
function diagnosticFiles(d: Diagnostic, add: (file: string | undefined) => void): void {
  add(d.file);
  if (d.related) for (const r of d.related) add(r.file);
  add((d as { waiver?: { file?: string } }).waiver?.file);
}

function edgeFiles(e: GraphEdge, add: (file: string | undefined) => void): void {
  add(e.at?.file);
}

function indexOf<T>(list: readonly T[], files: (item: T, add: (file: string | undefined) => void) => void): Map<string, number[]> {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = build(list, files)));
  return index;
}

/**
 * `list` with the items that name one of `files` replaced by `replace` (the same list when there
 * are none). A finding without a file in a related location is visited with its own file.
 */
function replaceIn<T>(list: readonly T[], files: Iterable<string>, which: (item: T, add: (file: string | undefined) => void) => void, replace: (item: T) => T): readonly T[] {
  const index = indexOf(list, which);
  const visit = new Set<number>();
  for (const f of files) for (const i of index.get(f) ?? []) visit.add(i);
  if (visit.size === 0) return list;
  const out = list.slice();
  for (const i of visit) out[i] = replace(list[i]);
  indexes.set(out, index);
  return out;
}

/** Builds the indexes ahead (the session does, when it is idle after a re-check that ran the checks). */
export function indexAhead(diagnostics: readonly (readonly Diagnostic[])[], edges: readonly GraphEdge[]): void {
  for (const list of diagnostics) indexOf(list, diagnosticFiles);
  indexOf(edges, edgeFiles);
}

export function replaceDiagnostics<D extends Diagnostic>(list: readonly D[], files: Iterable<string>, replace: (d: D) => D): D[] {
  return replaceIn(list, files, diagnosticFiles, replace) as D[];
}

export function replaceEdges(list: readonly GraphEdge[], files: Iterable<string>, replace: (e: GraphEdge) => GraphEdge): GraphEdge[] {
  return replaceIn(list, files, edgeFiles, replace) as GraphEdge[];
}
