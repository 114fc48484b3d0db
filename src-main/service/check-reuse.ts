import type { Diagnostic } from '../common/diagnostic';
import type { BlockReason, GraphEdge } from '../common/model';
import type { ParsedManifest } from '../engine/manifest';
import type { ParsedPlatform } from '../engine/platform';
import type { ProfileResolution } from '../engine/profile-resolution';
import type { Registry } from '../engine/registry';

/**
 * Reusing what a re-check ran before (issue 16). After edits to manifests alone (no other file
 * changed since), each part of the check whose inputs the edits left as they were keeps its
 * previous result instead of running over every module again. Each part names what it reads of a
 * manifest (a slice, compared as JSON between the previous run's manifest and the new one) and of
 * the registry as a whole (load order, graph edges, root block reasons, waivers, the platform);
 * any difference, a manifest added or removed, runs it. Findings are placed through the
 * manifest's text (its locator), which a slice does not hold: a previous result is reused only when
 * none of its findings is located (or related, or waived) in an edited manifest; then the same
 * inputs give the same findings, all in files that did not change. The registry itself is kept
 * the same way (registryFrom) when the edits changed nothing it reads (a route's permission, a
 * permission's risk). test/session-incremental.test.ts compares each path with a full scan.
 */

/** What a check run computed, kept by the session for the next re-check. */
export interface CheckRun {
  registry: Registry;
  /** What the registry was built from besides the manifests (the same objects while no other file changed). */
  platform: ParsedPlatform;
  discovery: readonly Diagnostic[];
  resolutions: Map<string, ProfileResolution>;
  analyses: Map<string, Diagnostic[]>;
}

/** What the next run may take from the previous one: a resolution by profile, an analysis' findings by id. */
export interface Reuse {
  resolution(profile: string): ProfileResolution | undefined;
  analysis(id: string): Diagnostic[] | undefined;
}

export const NO_REUSE: Reuse = { resolution: () => undefined, analysis: () => undefined };

const identity = (m: ParsedManifest): unknown[] => [m.dir, m.file, m.folder, m.name, m.named, m.invalid];

/** What profile resolution reads of a manifest (`at`: the list items' indexes its findings are placed by). */
const resolutionSlice = (m: ParsedManifest): unknown => {
  const { tier, min_core_version, dependencies, optional_dependencies, requires, provides } = m.manifest;
  return [identity(m), tier, min_core_version, dependencies, optional_dependencies, requires, provides, m.at];
};

/**
 * What the permission findings read of a manifest (engine/permissions/declarations.ts and
 * permission-rules.ts): a permission's id, risk and default roles, never its description (the
 * catalog shows it, computed from the registry on request).
 */
const permissionsSlice = (m: ParsedManifest): unknown => {
  const { permissions, routes, dependencies, optional_dependencies } = m.manifest;
  const read = permissions.map(({ description: _d, ...p }) => p);
  return [identity(m), read, routes, dependencies, optional_dependencies, m.rawIndex.permissions, m.rawIndex.routes];
};

/**
 * The other analyses (declared paths, notes, migrations, tables) read no description, version,
 * permission, route or capability of a manifest: everything else counts. (A version reaches them
 * only through the registry: its order, edges and root blocks, compared as a whole.)
 */
const otherSlice = (m: ParsedManifest): unknown => {
  const { description: _d, version: _n, permissions: _p, routes: _r, requires: _q, provides: _v, ...read } = m.manifest;
  const { permissions: _ip, routes: _ir, ...index } = m.rawIndex;
  return [identity(m), read, m.at.dependencies, m.at.optional_dependencies, index];
};

/**
 * What the registry reads of a manifest (engine/registry.ts): everything but its description,
 * permissions and routes, with its parse findings (the registry lists them).
 */
const registrySlice = (m: ParsedManifest): unknown => {
  const { description: _d, permissions: _p, routes: _r, ...read } = m.manifest;
  const { permissions: _ip, routes: _ir, ...index } = m.rawIndex;
  return [identity(m), read, m.at, index, m.diagnostics];
};

const ANALYSIS_SLICES: Record<string, (m: ParsedManifest) => unknown> = { permissions: permissionsSlice };

const json = (v: unknown): string => JSON.stringify(v);

function sameSlice(pairs: readonly (readonly [ParsedManifest, ParsedManifest])[], slice: (m: ParsedManifest) => unknown): boolean {
  return pairs.every(([a, b]) => json(slice(a)) === json(slice(b)));
}

/** Graph edges compared field by field (the registry's carry no source position yet). */
function sameEdges(a: readonly GraphEdge[], b: readonly GraphEdge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.from !== y.from || x.to !== y.to || x.kind !== y.kind || x.label !== y.label || (x.at !== y.at && json(x.at) !== json(y.at))) return false;
  }
  return true;
}

/** Root block reasons by module, compared reason by reason. */
function sameBlocks(a: ReadonlyMap<string, readonly BlockReason[]>, b: ReadonlyMap<string, readonly BlockReason[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, reasons] of a) {
    const other = b.get(name);
    if (!other || other.length !== reasons.length || reasons.some((r, i) => r.reason !== other[i].reason || r.via !== other[i].via)) return false;
  }
  return true;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((n, i) => n === b[i]));
}

/** Findings placed in (or related to, or waived in) one of `files`. */
function locatedIn(diagnostics: readonly Diagnostic[], files: ReadonlySet<string>): boolean {
  return diagnostics.some((d) => (d.file !== undefined && files.has(d.file)) || d.related?.some((r) => r.file !== undefined && files.has(r.file)) || files.has((d as { waiver?: { file: string } }).waiver?.file ?? ''));
}

/**
 * The registry of `manifests` taken from the run before, when only manifests changed since and
 * none of the edited ones changed what the registry reads (a route's permission, a permission's
 * risk, a description): the same graph, order and findings, none of which is placed in (or related
 * to) an edited manifest, with the edited manifests in place of the old ones. Null: build it.
 */
export function registryFrom(previous: CheckRun, platform: ParsedPlatform, discovery: readonly Diagnostic[], manifests: readonly ParsedManifest[]): Registry | null {
  const before = previous.registry;
  if (previous.platform !== platform || previous.discovery !== discovery || before.manifests.length !== manifests.length) return null;
  const byFile = new Map(manifests.map((m) => [m.file, m]));
  if (byFile.size !== manifests.length) return null;
  const pairs: (readonly [ParsedManifest, ParsedManifest])[] = [];
  const list: ParsedManifest[] = [];
  for (const old of before.manifests) {
    const m = byFile.get(old.file);
    if (!m) return null;
    if (m !== old) pairs.push([old, m]);
    list.push(m);
  }
  if (!sameSlice(pairs, registrySlice) || locatedIn(before.diagnostics, new Set(pairs.map(([, m]) => m.file)))) return null;
  const byName = new Map(before.byName);
  for (const [old, m] of pairs) if (byName.get(old.name) === old) byName.set(m.name, m);
  // A registry of its own (its order a list of its own: the session tells a rebuilt registry by it).
  return { ...before, manifests: list, byName, order: [...before.order] };
}

/**
 * What `registry` (just built) may take from `previous`, given that only manifests changed since
 * `previous` ran. The edited manifests are those the two registries hold as different objects.
 */
export function reuseFrom(previous: CheckRun, registry: Registry): Reuse {
  const before = previous.registry;
  if (before.manifests.length !== registry.manifests.length) return NO_REUSE;
  const byFile = new Map(before.manifests.map((m) => [m.file, m]));
  const pairs: (readonly [ParsedManifest, ParsedManifest])[] = [];
  for (const m of registry.manifests) {
    const old = byFile.get(m.file);
    if (!old) return NO_REUSE;
    if (old !== m) pairs.push([old, m]);
  }
  // The registry's own reading of the whole (the platform quotes core's version).
  const sameBase = sameOrder(before.order, registry.order) && sameBlocks(before.rootBlocks, registry.rootBlocks) && json(before.platform) === json(registry.platform);
  if (!sameBase) return NO_REUSE;
  const edited = new Set(pairs.map(([, m]) => m.file));
  const resolutions = sameSlice(pairs, resolutionSlice);
  const wholeGraph = sameEdges(before.edges, registry.edges) && json(before.waivers) === json(registry.waivers);
  const analyses = new Map<string, boolean>();
  return {
    resolution: (profile) => {
      const found = previous.resolutions.get(profile);
      return resolutions && found && !locatedIn(found.diagnostics, edited) ? found : undefined;
    },
    analysis: (id) => {
      const found = previous.analyses.get(id);
      if (!found || !wholeGraph) return undefined;
      let ok = analyses.get(id);
      if (ok === undefined) {
        ok = sameSlice(pairs, ANALYSIS_SLICES[id] ?? otherSlice) && !locatedIn(found, edited);
        analyses.set(id, ok);
      }
      return ok ? found : undefined;
    },
  };
}
