import type { WorkbenchSnapshot } from '../common/contract';
import type { Diagnostic } from '../common/diagnostic';
import type { GraphEdge } from '../common/model';
import { edgeSource } from '../engine/edge-sources';
import type { ParsedManifest } from '../engine/manifest';
import type { Registry } from '../engine/registry';
import { satisfies } from '../engine/refs';
import { blockOffsets } from '../engine/yaml-block-locator';
import { indexAhead, replaceDiagnostics, replaceEdges } from './file-index';
import { LineIndex, type Position } from '../engine/yaml-source';

/**
 * Edits that move a manifest's text without changing what the checks read (a comment, blank lines,
 * a re-indented block, a new description, a version every dependent's range still accepts) cannot
 * change a finding, an edge, a status or the load order: only where things sit in that file, and
 * that module's record. For those the session moves the positions of the snapshot it has instead
 * of re-running the registry and the analyses (issue 16). The rule is exact: both texts must be
 * plain block YAML (engine/yaml-block-locator.ts) with the same shape (every key and scalar as
 * written, in order; the scalar values of `description` and `version` aside) and give the same
 * parsed manifest apart from those two values; a changed version must leave every dependency range
 * on the module as it was (satisfied) and not be core's; every position in that file must be the
 * start of a node, which then sits at that same node in the new text. Anything else (a position
 * that is no node's, an empty value, a flow collection entered) answers null, and the session
 * re-checks as usual. test/session-incremental.test.ts compares the result with a full scan.
 */

export interface ManifestEdit {
  before: ParsedManifest;
  beforeText: string;
  after: ParsedManifest;
  afterText: string;
}

type Move = (p: Position) => Position | null;

/** Top-level values no check reads beyond the module's own record (a version: see versionKept). */
const RECORD_ONLY = new Set(['description', 'version']);

/** What the registry and the analyses read of a parsed manifest, positions and the record-only values left out. */
function meaning(m: ParsedManifest): string {
  const diagnostics = m.diagnostics.map(({ line: _l, column: _c, related, ...rest }) => ({ ...rest, related: related?.map(({ line: _rl, column: _rc, ...r }) => r) }));
  const { description: _d, version: _v, ...read } = m.manifest;
  return JSON.stringify([m.dir, m.file, m.folder, m.name, m.named, m.invalid, read, m.at, m.rawIndex, diagnostics]);
}

/**
 * Whether a module's new version changes nothing the registry says: the registry reads a version
 * for core's (the platform's core version) and for the dependency ranges on it, whose findings and
 * block reasons quote it. So: not core, a valid manifest, and every range on it satisfied before
 * and after (unsatisfied either time, the finding or its message changes).
 */
function versionKept(edit: ManifestEdit, registry: Registry): boolean {
  const before = edit.before.manifest.version;
  const after = edit.after.manifest.version;
  if (before === after) return true;
  if (edit.before.invalid || edit.after.invalid || before === undefined || after === undefined) return false;
  // A duplicate's version is its record's alone; the name's owner is read by its dependents.
  if (registry.byName.get(edit.before.name) !== edit.before) return true;
  if (edit.before.name === 'core') return false;
  return (rangesOn(registry).get(edit.before.name) ?? []).every((range) => satisfies(before, range) && satisfies(after, range));
}

/**
 * The dependency ranges (strict and optional) on each module, per registry run: keyed by its load
 * order, which the registries made by moving positions keep (they change no dependency).
 */
const ranges = new WeakMap<readonly string[], Map<string, string[]>>();

function rangesOn(registry: Registry): Map<string, string[]> {
  let on = ranges.get(registry.order);
  if (!on) {
    on = new Map();
    for (const m of registry.byName.values()) {
      for (const list of [m.at.dependencies, m.at.optional_dependencies]) {
        for (const dep of list) if (dep.range !== undefined) (on.get(dep.name) ?? on.set(dep.name, []).get(dep.name))?.push(dep.range);
      }
    }
    ranges.set(registry.order, on);
  }
  return on;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Where each node of `before` sits in `after`, or null when the edit is not a move only. */
function moveOf(edit: ManifestEdit): Move | null {
  if (edit.before.file !== edit.after.file || meaning(edit.before) !== meaning(edit.after)) return null;
  const from = blockOffsets(edit.beforeText);
  const to = blockOffsets(edit.afterText);
  const shape = from?.shape(RECORD_ONLY);
  if (!from || !to || shape === undefined || shape !== to.shape(RECORD_ONLY)) return null;
  const starts = lineStarts(edit.beforeText);
  const lines = new LineIndex(edit.afterText);
  return (p) => {
    const start = starts[p.line - 1];
    if (start === undefined) return null;
    const nodes = from.nodesAt(start + p.column - 1);
    const moved = new Set(nodes.map((n) => to.at(n.path, n.part)));
    const [offset] = moved;
    if (moved.size !== 1 || offset === undefined) return null;
    const q = lines.linePos(offset);
    return { line: q.line, column: q.col };
  };
}

class NotAMove extends Error {}

function moveDiagnostic<D extends Diagnostic>(d: D, moves: ReadonlyMap<string, Move>): D {
  // A related location without a file, or a waiver written in a moved file: not worth the doubt.
  if (d.file !== undefined && moves.has(d.file) && d.related?.some((r) => r.file === undefined && r.line !== undefined)) throw new NotAMove();
  const waiver = (d as { waiver?: { file: string } }).waiver;
  if (waiver && moves.has(waiver.file)) throw new NotAMove();
  const own = d.file !== undefined && d.line !== undefined ? moves.get(d.file) : undefined;
  const related = d.related?.some((r) => moves.has(r.file ?? '') && r.line !== undefined);
  if (!own && !related) return d;
  const at = (file: string | undefined, line: number | undefined, column: number | undefined): Position | undefined => {
    const move = file !== undefined && line !== undefined ? moves.get(file) : undefined;
    if (!move) return undefined;
    const p = move({ line: line as number, column: column ?? 1 });
    if (!p) throw new NotAMove();
    return p;
  };
  const out: D = { ...d };
  const p = at(d.file, d.line, d.column);
  if (p) {
    out.line = p.line;
    if (d.column !== undefined) out.column = p.column;
  }
  if (d.related) {
    out.related = d.related.map((r) => {
      const q = at(r.file, r.line, r.column);
      return q ? { ...r, line: q.line, ...(r.column !== undefined ? { column: q.column } : {}) } : r;
    });
  }
  return out;
}

/**
 * The snapshot and registry after edits that only move text or change record-only values, from
 * the current ones; null when an edit is more than that (then the caller re-checks).
 */
export function movedOnly(edits: readonly ManifestEdit[], snapshot: WorkbenchSnapshot, registry: Registry): { snapshot: WorkbenchSnapshot; registry: Registry } | null {
  const moves = new Map<string, Move>();
  for (const edit of edits) {
    if (!versionKept(edit, registry)) return null;
    const move = moveOf(edit);
    if (!move) return null;
    moves.set(edit.after.file, move);
  }
  const replaced = new Map(edits.map((e) => [e.before, e.after]));
  const byFile = new Map(edits.map((e) => [e.after.file, e.after]));
  try {
    const files = [...moves.keys()];
    const move = <D extends Diagnostic>(d: D) => moveDiagnostic(d, moves);
    const diagnostics = replaceDiagnostics(snapshot.diagnostics, files, move);
    const waived = replaceDiagnostics(snapshot.waived, files, move);
    const registryDiagnostics = replaceDiagnostics(registry.diagnostics, files, move);
    const edges = replaceEdges(snapshot.edges, files, (e): GraphEdge => {
      if (!e.at) return e;
      const { at: _old, ...base } = e;
      const at = edgeSource(base, byFile.get(e.at.file));
      return at ? { ...base, at } : base;
    });
    const modules = snapshot.modules.map((r) => {
      const m = byFile.get(r.manifestFile);
      return m ? { ...r, version: m.manifest.version ?? null, manifest: m.manifest } : r;
    });
    const manifests = registry.manifests.map((m) => replaced.get(m) ?? m);
    const byName = new Map(registry.byName);
    for (const [before, after] of replaced) if (byName.get(before.name) === before) byName.set(after.name, after);
    return {
      snapshot: { ...snapshot, modules, edges, diagnostics, waived },
      registry: { ...registry, manifests, byName, diagnostics: registryDiagnostics },
    };
  } catch (err) {
    if (err instanceof NotAMove) return null;
    throw err;
  }
}

/**
 * Does ahead what the first move after a re-check that ran the checks would do: index the
 * snapshot's findings and edges by file and the dependency ranges by module.
 */
export function prepareMoves(snapshot: WorkbenchSnapshot, registry: Registry): void {
  indexAhead([snapshot.diagnostics, snapshot.waived, registry.diagnostics], snapshot.edges);
  rangesOn(registry);
}
