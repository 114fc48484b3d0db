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
 * a re-indented block, a new description, a permission's description, an error code's message, a
 * task's or hook's handler, a version every dependent's range still accepts, a provided
 * capability's version every range required of it still accepts)
 * cannot change a finding, an edge, a status or the load order: only where things sit in that file,
 * that module's record and the versions the profiles list as provided. For those the session
 * moves the positions of the snapshot it has instead of re-running the registry and the analyses
 * (issue 16). The rule is exact: both texts must be plain block YAML (engine/yaml-block-locator.ts)
 * with the same shape (every key and scalar as written, in order; the record-only scalars below
 * aside) and give the same parsed manifest apart from those values; a changed version must leave
 * every dependency range on the module as it was (satisfied) and not be core's, a changed provided
 * version every range required of that capability (see providedKept); every position in that
 * file must be the start of a node, which then sits at that same node in the new text. Anything
 * else (a position that is no node's, an empty value, a flow collection entered) answers null, and
 * the session re-checks as usual. test/session-incremental.test.ts compares the result with a full scan.
 */

export interface ManifestEdit {
  before: ParsedManifest;
  beforeText: string;
  after: ParsedManifest;
  afterText: string;
}

type Move = (p: Position) => Position | null;

/**
 * Values no check reads beyond the module's own record, as shape paths (yaml-block-locator.ts): a
 * description, a permission's description (the permission catalog, computed on request from the
 * registry, shows it; no rule reads it: check-reuse.ts permissionsSlice), an error code's message
 * and a task's handler (the registry reads codes and task names), a lifecycle hook's handler, a
 * version (see versionKept) and a provided capability's version (see providedKept; its name is
 * compared parsed). Whether each is there, and of the type the parse keeps, is compared parsed.
 */
const HOOKS = ['on_startup', 'on_shutdown', 'on_enable', 'on_disable', 'health_check'];
const RECORD_ONLY = new Set(['description', 'version', 'permissions * description', 'capabilities provides *', 'error_codes * message', 'tasks * handler', ...HOOKS.map((h) => `hooks ${h}`)]);

/** What the registry and the analyses read of a parsed manifest, positions and the record-only values left out. */
function meaning(m: ParsedManifest): string {
  const diagnostics = m.diagnostics.map(({ line: _l, column: _c, related, ...rest }) => ({ ...rest, related: related?.map(({ line: _rl, column: _rc, ...r }) => r) }));
  const { description: _d, version: _v, permissions, provides, error_codes, tasks, hooks, ...read } = m.manifest;
  const unread = [permissions.map(({ description: _pd, ...p }) => p), provides.map((c) => c.name), error_codes.map((e) => e.code), tasks.map((t) => t.name), Object.keys(hooks)];
  const at = { ...m.at, provides: m.at.provides.map(({ version: _pv, ...c }) => c) };
  return JSON.stringify([m.dir, m.file, m.folder, m.name, m.named, m.invalid, read, unread, at, m.rawIndex, diagnostics]);
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
 * Whether a module's provided capabilities at new versions change nothing a profile's resolution
 * says beyond the versions it lists as provided: profile resolution matches each requirement's
 * range against the providers' versions (engine/profile-resolution.ts, block-causes.ts), and only a
 * mismatch's message quotes them. So: a valid manifest, both versions given, and every range
 * required of that capability accepting both (then this provider matches every requirement of it
 * before and after, no requirement of it mismatches, and every match list stays the same).
 */
function providedKept(edit: ManifestEdit, registry: Registry): boolean {
  const before = edit.before.manifest.provides;
  const after = edit.after.manifest.provides;
  if (before.every((c, i) => c.version === after[i]?.version)) return true;
  // (A duplicate of another module's name is invalid: the registry marks it so.)
  if (edit.before.invalid || edit.after.invalid) return false;
  const on = requiredRanges(registry);
  return before.every((c, i) => {
    const old = c.version;
    const now = after[i]?.version;
    if (old === now) return true;
    if (old === undefined || now === undefined) return false;
    return (on.get(c.name) ?? []).every((range) => satisfies(old, range) && satisfies(now, range));
  });
}

/** The ranges each capability is required at, per registry run (keyed as `ranges` below). */
const required = new WeakMap<readonly string[], Map<string, string[]>>();

function requiredRanges(registry: Registry): Map<string, string[]> {
  let on = required.get(registry.order);
  if (!on) {
    on = new Map();
    for (const m of registry.byName.values()) {
      for (const req of m.manifest.requires) if (req.version !== undefined) (on.get(req.name) ?? on.set(req.name, []).get(req.name))?.push(req.version);
    }
    required.set(registry.order, on);
  }
  return on;
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
    if (!versionKept(edit, registry) || !providedKept(edit, registry)) return null;
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
    const capabilities = providedVersions(snapshot.capabilities, edits, registry);
    const manifests = registry.manifests.map((m) => replaced.get(m) ?? m);
    const byName = new Map(registry.byName);
    for (const [before, after] of replaced) if (byName.get(before.name) === before) byName.set(after.name, after);
    return {
      snapshot: { ...snapshot, modules, edges, diagnostics, waived, capabilities },
      registry: { ...registry, manifests, byName, diagnostics: registryDiagnostics },
    };
  } catch (err) {
    if (err instanceof NotAMove) return null;
    throw err;
  }
}

/**
 * The profiles' capability views with the provided versions of the edited modules (each profile
 * lists a module's provisions in its manifest's order: engine/profile-resolution.ts); the same
 * views when no provided version changed.
 */
function providedVersions(views: WorkbenchSnapshot['capabilities'], edits: readonly ManifestEdit[], registry: Registry): WorkbenchSnapshot['capabilities'] {
  const changed = new Map<string, ParsedManifest>();
  for (const e of edits) {
    if (registry.byName.get(e.before.name) !== e.before) continue;
    if (e.before.manifest.provides.some((c, i) => c.version !== e.after.manifest.provides[i]?.version)) changed.set(e.before.name, e.after);
  }
  if (changed.size === 0) return views;
  return views.map((view) => {
    const seen = new Map<string, number>();
    const provided = view.provided.map((p) => {
      const m = changed.get(p.by);
      if (!m) return p;
      const k = seen.get(p.by) ?? 0;
      seen.set(p.by, k + 1);
      return { ...p, version: m.manifest.provides[k]?.version ?? null };
    });
    return { ...view, provided };
  });
}

/**
 * Does ahead what the first move after a re-check that ran the checks would do: index the
 * snapshot's findings and edges by file and the dependency ranges by module.
 */
export function prepareMoves(snapshot: WorkbenchSnapshot, registry: Registry): void {
  indexAhead([snapshot.diagnostics, snapshot.waived, registry.diagnostics], snapshot.edges);
  rangesOn(registry);
  requiredRanges(registry);
}
