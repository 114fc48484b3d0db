import type { Diagnostic } from '../common/diagnostic';
import { TIER_RANK, type BlockReason, type GraphEdge, type PlatformInfo } from '../common/model';
import { findCycles, topologicalOrder } from './graph-order';
import type { ParsedManifest } from './manifest';
import type { ParsedPlatform, Waiver } from './platform';
import semver from 'semver';
import { checkEvents, checkModuleContents, checkProviderConflicts, moduleLinks, moduleTargets, staysInside, type LinkContext, type ModuleLinks, type ModuleTargets } from './registry-checks';
import { diag, nameList, relatedAt } from './registry-findings';

export { nameList, staysInside };

/** Everything the registry needs, already read: the engine does no I/O of its own. */
export interface RegistryInput {
  platform: ParsedPlatform;
  manifests: readonly ParsedManifest[];
  /** Problems met while discovering modules (unreadable folders, symlink loops). */
  discoveryDiagnostics?: readonly Diagnostic[];
  /** Whether a checkout-relative file exists (message catalogs). */
  exists(path: string): boolean;
  /**
   * Called once the load order is known, before the checks that read it (events, providers,
   * contents): the graph then holds every module, the order and the dependency edges (other edges
   * come later, so `edges` is read now, not kept). A split `check` sends its worker what the SQL
   * side reads from it right away (service/load-checkout.ts).
   */
  onOrder?(graph: RegistryGraph): void;
}

/** The registry as it is when its load order is known (RegistryInput.onOrder). */
export type RegistryGraph = Pick<Registry, 'platform' | 'byName' | 'order' | 'edges'>;

/** The profile-independent part: the graph, the load order, and the findings that do not depend on a profile. */
export interface Registry {
  platform: PlatformInfo;
  manifests: ParsedManifest[];
  /** Modules that take part in the graph, by name. */
  byName: Map<string, ParsedManifest>;
  /** Load order of the graph's modules. */
  order: string[];
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
  /** Reasons a module cannot load whatever the profile (missing dependency, cycle, core version ...). */
  /** Every reason of its own a module cannot load (invalid manifest, missing dependency, version gate, cycle...). */
  rootBlocks: Map<string, BlockReason[]>;
  waivers: Waiver[];
}

/** Orders manifests folder by folder, so `modules/billing` comes before `modules/billing-v2`. */
function sortByPath(list: readonly ParsedManifest[]): ParsedManifest[] {
  const keyed = list.map((m) => ({ m, parts: m.dir.split('/') }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.parts.length, b.parts.length); i++) {
      if (a.parts[i] !== b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
    }
    return a.parts.length - b.parts.length;
  });
  return keyed.map((k) => k.m);
}

/**
 * What a registry was put together from, kept (per registry) for the next build after an edit of
 * dependency lists alone (registry-update.ts): each module's links, the load order as indexes, the
 * cycles, and the findings of the checks that read the order.
 */
export interface RegistryParts {
  names: string[];
  links: ModuleLinks[];
  orderIds: number[];
  cycles: number[][];
  events: { diagnostics: Diagnostic[]; edges: GraphEdge[] };
  providers: Diagnostic[];
  contents: Diagnostic[];
  /** Files whose findings here are placed as before an edit that moved them (withPartsOf). */
  stale?: ReadonlySet<string>;
}

const partsOf = new WeakMap<Registry, RegistryParts>();

export function registryParts(registry: Registry): RegistryParts | undefined {
  return partsOf.get(registry);
}

/**
 * `copy` (`from` with edited manifests none of whose changes the registry reads) keeps `from`'s
 * parts for the next update; `moved`: files whose findings the copy has at new positions (the
 * parts' are where they were: the update computes again what they hold in those files).
 */
export function withPartsOf<R extends Registry>(from: Registry, copy: R, moved: readonly string[] = []): R {
  const parts = partsOf.get(from);
  if (parts) partsOf.set(copy, moved.length === 0 ? parts : { ...parts, stale: new Set([...(parts.stale ?? []), ...moved]) });
  return copy;
}

/**
 * What a new build may take from the one before, decided by registry-update.ts. `links(i, name)`:
 * module i's links, or undefined to check them again; `order(links)`: the load order kept (no
 * cycle), or null to derive it again; `keep(part, findings)`: whether findings of an order-reading
 * check may be kept (the order is the same list).
 */
export interface RegistryReuse {
  parts: RegistryParts;
  links(i: number, name: string): ModuleLinks | undefined;
  order(links: readonly ModuleLinks[]): number[] | null;
  keep(findings: readonly Diagnostic[]): boolean;
}

export function buildRegistry(input: RegistryInput): Registry {
  return composeRegistry(input, sortByPath(input.manifests), null) as Registry;
}

/** The registry of `manifests` (sorted by path); null when `reuse` is given and the modules' names are not those of its parts. */
export function composeRegistry(input: RegistryInput, manifests: ParsedManifest[], reuse: RegistryReuse | null): Registry | null {
  const { platform } = input;
  const diagnostics: Diagnostic[] = [...platform.diagnostics, ...(input.discoveryDiagnostics ?? [])];
  for (const m of manifests) {
    for (const d of m.diagnostics) diagnostics.push(m.named ? { ...d, module: m.name } : d);
  }

  // Names: the first manifest (by path) to claim a name owns it.
  const byName = new Map<string, ParsedManifest>();
  for (const m of manifests) {
    if (!m.named) continue;
    const owner = byName.get(m.name);
    if (owner) {
      m.invalid = true;
      diagnostics.push(diag(m, 'module-duplicate', 'error', ['name'], `module '${m.name}' is already declared by ${owner.file}`, [relatedAt(owner, ['name'], 'first declared here')]));
    } else byName.set(m.name, m);
    // True of a duplicate too: folder 'invoicing' claiming 'billing' is both.
    if (m.name !== m.folder) {
      diagnostics.push(diag(m, 'module-name-mismatch', 'warning', ['name'], `module '${m.name}' lives in folder '${m.folder}'; name the folder after the module`));
    }
  }

  const info: PlatformInfo = { ...platform.info };
  const core = byName.get('core');
  info.coreVersion = platform.declaredCoreVersion ?? core?.manifest.version ?? null;

  // Manifests that give no usable name still own their folder name for dependents' messages.
  const brokenByFolder = new Map<string, ParsedManifest>();
  for (const m of manifests) if (!m.named && !byName.has(m.folder)) brokenByFolder.set(m.folder, m);

  const names = [...byName.keys()];
  if (reuse && (names.length !== reuse.parts.names.length || names.some((n, i) => n !== reuse.parts.names[i]))) return null;
  const idOf = new Map(names.map((n, i) => [n, i]));
  // Parsed once, not once per module that names a min_core_version.
  const ctx: LinkContext = { byName, idOf, brokenByFolder, info, coreValid: info.coreVersion !== null && semver.valid(info.coreVersion) !== null };
  // A fresh registry works out its load order from what the dependency lists point at, and the
  // dependency checks after it (and after onOrder): `check`'s worker waits for that order.
  const reused = reuse ? names.map((name, i) => reuse.links(i, name) ?? moduleLinks(name, byName.get(name) as ParsedManifest, ctx)) : null;
  const targets: readonly ModuleTargets[] = reused ?? names.map((name) => moduleTargets(name, byName.get(name) as ParsedManifest, ctx));

  const deps = targets.map((l) => l.deps);
  const tierOf = names.map((n) => TIER_RANK[(byName.get(n) as ParsedManifest).manifest.tier]);
  const less = (a: number, b: number): boolean => (tierOf[a] !== tierOf[b] ? tierOf[a] < tierOf[b] : names[a] < names[b]);
  const kept = reuse && reused ? reuse.order(reused) : null;
  const orderIds = kept ?? topologicalOrder(names.length, deps, less);
  const order = orderIds.map((i) => names[i]);
  input.onOrder?.({ platform: info, byName, order, edges: targets.flatMap((l) => l.edges) });
  const links = reused ?? names.map((name, i) => moduleLinks(name, byName.get(name) as ParsedManifest, ctx, targets[i]));

  const rootBlocks = new Map<string, BlockReason[]>();
  const block = (name: string, reason: string): void => {
    const list = rootBlocks.get(name) ?? [];
    if (!list.some((r) => r.reason === reason)) list.push({ reason });
    rootBlocks.set(name, list);
  };
  const edges: GraphEdge[] = [];
  for (let i = 0; i < names.length; i++) {
    const own = links[i];
    for (const reason of own.blocks) block(names[i], reason);
    for (const e of own.edges) edges.push(e);
    for (const d of own.diagnostics) diagnostics.push(d);
  }

  const cycles = kept ? [] : findCycles(names.length, deps, less);

  for (const cycle of cycles) {
    const path = cycle.map((i) => names[i]);
    const first = byName.get(path[0]) as ParsedManifest;
    const next = path[1];
    const entry = [...first.at.dependencies, ...first.at.optional_dependencies].find((d) => d.name === next);
    const key = first.at.dependencies.some((d) => d.name === next) ? 'dependencies' : 'optional_dependencies';
    const related = path.slice(1, -1).map((n) => {
      const m = byName.get(n) as ParsedManifest;
      return relatedAt(m, ['name'], `${n} is part of the cycle`);
    });
    diagnostics.push(diag(first, 'dependency-cycle', 'error', entry ? [key, entry.index] : ['name'], `dependency cycle: ${path.join(' -> ')}`, related));
    for (const n of new Set(path)) block(n, `is part of the dependency cycle ${path.join(' -> ')}`);
  }

  // The checks that read the load order run again when it changed (or a finding of theirs is in an edited manifest).
  const sameOrder = kept !== null;
  const before = reuse?.parts;
  const events = sameOrder && before && reuse.keep(before.events.diagnostics) ? before.events : checkEvents(byName, order);
  const providers = sameOrder && before && reuse.keep(before.providers) ? before.providers : checkProviderConflicts(byName, order);
  const contents = before && reuse.keep(before.contents) ? before.contents : checkModuleContents(byName, manifests, input.exists);
  for (const d of events.diagnostics) diagnostics.push(d);
  for (const e of events.edges) edges.push(e);
  for (const d of providers) diagnostics.push(d);
  for (const d of contents) diagnostics.push(d);

  const registry: Registry = { platform: info, manifests, byName, order, edges, diagnostics, rootBlocks, waivers: platform.waivers };
  partsOf.set(registry, { names, links, orderIds, cycles, events, providers, contents });
  return registry;
}
