import type { WorkbenchSnapshot } from '../common/contract';
import type { Diagnostic } from '../common/diagnostic';
import type { BlockReason, GraphEdge } from '../common/model';
import type { ParsedManifest } from '../engine/manifest';
import type { ParsedPlatform } from '../engine/platform';
import type { ProfileResolution } from '../engine/profile-resolution';
import { withPartsOf, type Registry } from '../engine/registry';
import { updateRegistry } from '../engine/registry-update';

/**
 * Reusing what a re-check ran before (issue 16). After edits to manifests alone (no other file
 * changed since), each part of the check whose inputs the edits left as they were keeps its
 * previous result instead of running over every module again. Each part names what it reads of a
 * manifest (a slice, compared as JSON between the previous run's manifest and the new one) and of
 * the registry as a whole (load order, waivers, the platform; root block reasons for resolutions;
 * the dependency graph as each analysis follows it: GRAPH_READS); any difference, a manifest added
 * or removed, runs it. Dependency lists are left out of the slices: resolution reads them only to
 * block a module (dependsOnLoadable), the analyses through the graph. Findings are placed through the
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
  /** Files edited since by moves alone (position-edit.ts), whose findings here sit where they were before (movedRun). */
  stale?: ReadonlySet<string>;
}

/** What the next run may take from the previous one: a resolution by profile, an analysis' findings by id. */
export interface Reuse {
  resolution(profile: string): ProfileResolution | undefined;
  analysis(id: string): Diagnostic[] | undefined;
}

export const NO_REUSE: Reuse = { resolution: () => undefined, analysis: () => undefined };

const identity = (m: ParsedManifest): unknown[] => [m.dir, m.file, m.folder, m.name, m.named, m.invalid];

/**
 * What profile resolution reads of a manifest (`at`: the list items' indexes its findings are placed
 * by), but its dependency lists: resolution reads the strict ones only to block a module whose
 * dependency cannot load, which dependsOnLoadable settles for the edited modules.
 */
const resolutionSlice = (m: ParsedManifest): unknown => {
  const { tier, min_core_version, requires, provides } = m.manifest;
  const { dependencies: _d, optional_dependencies: _o, ...at } = m.at;
  return [identity(m), tier, min_core_version, requires, provides, at];
};

/**
 * What the permission findings read of a manifest (engine/permissions/declarations.ts and
 * permission-rules.ts): a permission's id, risk and default roles, never its description (the
 * catalog shows it, computed from the registry on request). The dependency lists they read through
 * each module's closure (GRAPH_READS).
 */
const permissionsSlice = (m: ParsedManifest): unknown => {
  const { permissions, routes } = m.manifest;
  const read = permissions.map(({ description: _d, ...p }) => p);
  return [identity(m), read, routes, m.rawIndex.permissions, m.rawIndex.routes];
};

/**
 * The other analyses (declared paths, notes, migrations, tables) read no description, version,
 * permission, route or capability of a manifest, and no dependency list but through the graph
 * (GRAPH_READS): everything else counts. (A version reaches them only through the registry's order,
 * compared as a whole.)
 */
const otherSlice = (m: ParsedManifest): unknown => {
  const { description: _d, version: _n, permissions: _p, routes: _r, requires: _q, provides: _v, dependencies: _s, optional_dependencies: _o, ...read } = m.manifest;
  const { permissions: _ip, routes: _ir, ...index } = m.rawIndex;
  return [identity(m), read, index];
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
  // A registry of its own (its order a list of its own: service/position-edit.ts keys its per-run caches by it).
  return withPartsOf(before, { ...before, manifests: list, byName, order: [...before.order] });
}

/**
 * The registry of `manifests` made from the run before's (engine/registry-update.ts) when only
 * manifests changed since and the edits changed, of what the registry reads, only dependency
 * lists. Null: build it.
 */
export function registryUpdated(previous: CheckRun, platform: ParsedPlatform, discovery: readonly Diagnostic[], manifests: readonly ParsedManifest[], exists: (rel: string) => boolean): Registry | null {
  if (previous.platform !== platform || previous.discovery !== discovery) return null;
  return updateRegistry(previous.registry, { platform, manifests, discoveryDiagnostics: discovery, exists });
}

/** The modules `name` reaches through `next` (itself only on a cycle). */
function reach(name: string, next: (n: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...next(name)];
  while (stack.length > 0) {
    const n = stack.pop() as string;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const d of next(n)) stack.push(d);
  }
  return seen;
}

/** Strict dependency edges by module (what the tables analysis' dependsOn follows: the registry draws one for each strict dependency on a module present). */
function strictEdges(registry: Registry): (n: string) => readonly string[] {
  return (n) => registry.byName.get(n)?.at.dependencies.filter((d) => registry.byName.has(d.name)).map((d) => d.name) ?? [];
}

/** Every dependency name a module's manifest lists, strict and optional, present or not (the permission rules' dependencyClosure). */
function declaredEdges(registry: Registry): (n: string) => readonly string[] {
  return (n) => {
    const m = registry.byName.get(n);
    return m ? [...m.manifest.dependencies, ...m.manifest.optional_dependencies].map((d) => d.name) : [];
  };
}

/**
 * How an analysis reads the dependency graph, when it does: through which edges it follows a
 * module's dependencies transitively (and only that, as sets). When each edited module reaches the
 * same modules as before, every module does (a path from any module either stays on unedited
 * edges, the same, or reaches an edited module, whose reach is the same), and so the analysis sees
 * the same graph. The analyses not listed here and not in GRAPHLESS are kept only with the same edges.
 */
const GRAPH_READS: Record<string, (registry: Registry) => (n: string) => readonly string[]> = { tables: strictEdges, permissions: declaredEdges };
/** The analyses that read no dependency edge (only the load order, compared whole). */
const GRAPHLESS = new Set(['declared-paths', 'notes', 'migrations']);

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Whether each edited module reaches the same modules through `edges` in both registries. */
function sameReach(before: Registry, after: Registry, edited: readonly string[], edges: (registry: Registry) => (n: string) => readonly string[]): boolean {
  const a = edges(before);
  const b = edges(after);
  return edited.every((name) => sameSet(reach(name, a), reach(name, b)));
}

/**
 * Whether the edited modules' dependency lists cannot change `resolution`: every module each one
 * depends on strictly, before and after, could load there. Resolution reads a module's strict
 * dependencies only to block it when one cannot load; one that can load at the end could all along
 * (a module once blocked stays so), so the edited module's dependencies blocked it at no step, and
 * each step went as before.
 */
function dependsOnLoadable(resolution: ProfileResolution, pairs: readonly (readonly [ParsedManifest, ParsedManifest])[]): boolean {
  const loads = (name: string): boolean => resolution.modules.get(name)?.status === 'ok';
  return pairs.every(([a, b]) => a.manifest.dependencies.every((d) => loads(d.name)) && b.manifest.dependencies.every((d) => loads(d.name)));
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
  const sameBase = sameOrder(before.order, registry.order) && json(before.platform) === json(registry.platform) && json(before.waivers) === json(registry.waivers);
  if (!sameBase) return NO_REUSE;
  // Findings in an edited manifest, or one moved since they were made, are not kept: they may sit elsewhere now.
  const edited = new Set([...pairs.map(([, m]) => m.file), ...(previous.stale ?? [])]);
  const resolutions = sameBlocks(before.rootBlocks, registry.rootBlocks) && sameSlice(pairs, resolutionSlice);
  // The edited modules that take part in the graph (a duplicate's manifest is read by no analysis' graph).
  const inGraph = pairs.filter(([a, b]) => before.byName.get(a.name) === a || registry.byName.get(b.name) === b);
  const linksChanged = inGraph.some(([a, b]) => json([a.manifest.dependencies, a.manifest.optional_dependencies]) !== json([b.manifest.dependencies, b.manifest.optional_dependencies]));
  const sameGraph = (id: string): boolean => {
    if (GRAPHLESS.has(id)) return true;
    const edges = GRAPH_READS[id];
    if (!edges) return sameEdges(before.edges, registry.edges);
    return !linksChanged || sameReach(before, registry, inGraph.map(([, m]) => m.name), edges);
  };
  const analyses = new Map<string, boolean>();
  return {
    resolution: (profile) => {
      const found = previous.resolutions.get(profile);
      return resolutions && found && (!linksChanged || dependsOnLoadable(found, inGraph)) && !locatedIn(found.diagnostics, edited) ? found : undefined;
    },
    analysis: (id) => {
      const found = previous.analyses.get(id);
      if (!found) return undefined;
      let ok = analyses.get(id);
      if (ok === undefined) {
        ok = sameSlice(pairs, ANALYSIS_SLICES[id] ?? otherSlice) && !locatedIn(found, edited) && sameGraph(id);
        analyses.set(id, ok);
      }
      return ok ? found : undefined;
    },
  };
}

/**
 * The run after edits that moved positions or changed record-only values (position-edit.ts, no
 * check run): `registry` and `snapshot` are what movedOnly made from the run's. Its registry (with
 * the parts the next update reads), the profiles' provided lists (their versions) as the snapshot
 * now lists them; the findings of the edited files are marked as left where they were (`stale`):
 * the next re-check keeps none of them. Without this, the next re-check compared with the run
 * before the moves and found their edits (a version, a provided version) to re-run.
 */
export function movedRun(previous: CheckRun, registry: Registry, snapshot: WorkbenchSnapshot): CheckRun {
  const was = new Set(previous.registry.manifests);
  const moved = registry.manifests.filter((m) => !was.has(m)).map((m) => m.file);
  const resolutions = new Map<string, ProfileResolution>();
  for (const [name, r] of previous.resolutions) {
    const view = snapshot.capabilities.find((c) => c.profile === name);
    resolutions.set(name, view ? { ...r, provided: view.provided } : r);
  }
  return { ...previous, registry: withPartsOf(previous.registry, registry, moved), resolutions, stale: new Set([...(previous.stale ?? []), ...moved]) };
}
