import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import type { ModuleRecord, Tier } from '../../../../src-main/common/model';

/**
 * Groups of modules for big graphs: a collapsed group is drawn as one node (with counts) and the
 * edges of its members are merged into counted edges. Pure: the view memoizes the results.
 *
 * - `package`: the ecosystem's own grouping (Drupal's `package:`), when the adapter gives one;
 * - `name`: the shared first word of names (`commerce_cart`, `commerce_order` -> commerce), or the
 *   last word when that groups more modules (`m0001-billing`, `m0002-billing` -> billing);
 * - `folder`: the module folder's parent (`core/modules` for Drupal core, without a trailing `/modules`);
 * - `tier`: core, optional, internal.
 */
export type GroupMode = 'none' | 'tier' | 'name' | 'folder' | 'package';
export const GROUP_MODES: readonly GroupMode[] = ['none', 'package', 'name', 'folder', 'tier'];

/** From this many modules on, the graph opens grouped (collapsed), not as thousands of boxes. */
export const GROUP_FROM = 300;
/** A grouping with more groups than this is no overview. */
const MAX_GROUPS = 200;

export interface ModuleGroup {
  id: string;
  label: string;
  /** Every member, in load order (whatever the filters draw). */
  members: string[];
}

export interface GroupAssignment {
  mode: GroupMode;
  groups: Map<string, ModuleGroup>;
  /** Module -> its group id; modules alone in their group are not grouped. */
  groupOf: Map<string, string>;
}

const WORD = /[-_.]+/;

function nameKey(name: string, side: 'first' | 'last'): string | null {
  const words = name.split(WORD).filter(Boolean);
  if (words.length < 2) return null;
  return side === 'first' ? words[0] : words[words.length - 1];
}

function folderKey(path: string): string | null {
  const i = path.lastIndexOf('/');
  if (i <= 0) return null;
  const parent = path.slice(0, i).replace(/\/modules$/, '');
  return parent || null;
}

/** Which end of the names groups more modules into groups of two or more (first on a tie). */
export function nameSide(modules: readonly ModuleRecord[]): 'first' | 'last' {
  const grouped = (side: 'first' | 'last') => {
    const sizes = new Map<string, number>();
    for (const m of modules) {
      const k = nameKey(m.name, side);
      if (k !== null) sizes.set(k, (sizes.get(k) ?? 0) + 1);
    }
    let n = 0;
    for (const size of sizes.values()) if (size >= 2) n += size;
    return n;
  };
  return grouped('last') > grouped('first') ? 'last' : 'first';
}

function keyOf(m: ModuleRecord, mode: GroupMode, side: 'first' | 'last'): string | null {
  switch (mode) {
    case 'none':
      return null;
    case 'tier':
      return m.tier;
    case 'package':
      return m.manifest.package ?? null;
    case 'name':
      return nameKey(m.name, side);
    case 'folder':
      return folderKey(m.path);
  }
}

export function groupId(mode: GroupMode, key: string): string {
  return `group:${mode}:${key}`;
}

const assignments = new WeakMap<WorkbenchSnapshot, Map<GroupMode, GroupAssignment>>();

/** The groups of `mode` over every module of the snapshot (in load order); computed once per snapshot and mode. */
export function assignGroups(snapshot: WorkbenchSnapshot, mode: GroupMode): GroupAssignment {
  let byMode = assignments.get(snapshot);
  if (!byMode) assignments.set(snapshot, (byMode = new Map()));
  let assignment = byMode.get(mode);
  if (!assignment) byMode.set(mode, (assignment = computeGroups(snapshot, mode)));
  return assignment;
}

function computeGroups(snapshot: WorkbenchSnapshot, mode: GroupMode): GroupAssignment {
  const groups = new Map<string, ModuleGroup>();
  const groupOf = new Map<string, string>();
  if (mode === 'none') return { mode, groups, groupOf };
  const side = mode === 'name' ? nameSide(snapshot.modules) : 'first';
  const rank = new Map(snapshot.order.map((n, i) => [n, i]));
  const modules = [...snapshot.modules].sort((a, b) => (rank.get(a.name) ?? Infinity) - (rank.get(b.name) ?? Infinity) || (a.name < b.name ? -1 : 1));
  const byKey = new Map<string, string[]>();
  for (const m of modules) {
    const key = keyOf(m, mode, side);
    if (key === null) continue;
    const list = byKey.get(key);
    if (list) list.push(m.name);
    else byKey.set(key, [m.name]);
  }
  for (const [key, members] of [...byKey].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (members.length < 2) continue;
    const id = groupId(mode, key);
    groups.set(id, { id, label: key, members });
    for (const name of members) groupOf.set(name, id);
  }
  return { mode, groups, groupOf };
}

/** How well a grouping summarizes: at least two groups, at most MAX_GROUPS, covering half the modules. */
function usable(a: GroupAssignment, total: number): boolean {
  return a.groups.size >= 2 && a.groups.size <= MAX_GROUPS && a.groupOf.size * 2 >= total;
}

/** The grouping a platform opens with: none when small, else the adapter's, the names', the folders' or the tiers'. */
export function defaultGroupMode(snapshot: WorkbenchSnapshot): GroupMode {
  const total = snapshot.modules.length;
  if (total < GROUP_FROM) return 'none';
  for (const mode of ['package', 'name', 'folder'] as const) if (usable(assignGroups(snapshot, mode), total)) return mode;
  return 'tier';
}

export interface GroupSummary {
  id: string;
  label: string;
  mode: GroupMode;
  /** Members drawn under the current filters. */
  shown: string[];
  total: number;
  tiers: Record<Tier, number>;
  errors: number;
  warnings: number;
  /** Members blocked, invalid or in a cycle. */
  alerts: number;
}

/** The synthetic module record a group node carries, so that exports, the minimap and the legend read it like a module. */
export function groupRecord(summary: GroupSummary): ModuleRecord {
  const tier = (['core', 'optional', 'internal'] as const).reduce((best, t) => (summary.tiers[t] > summary.tiers[best] ? t : best), 'optional' as Tier);
  const manifest: ModuleRecord['manifest'] = {
    name: summary.label,
    tier,
    description: `${summary.total} modules`,
    dependencies: [],
    optional_dependencies: [],
    requires: [],
    provides: [],
    permissions: [],
    routes: [],
    publishes: [],
    subscribes: [],
    tenancy: 'global',
    migrations: 'migrations',
    hooks: {},
    tasks: [],
    schedules: [],
    error_codes: [],
    message_catalogs: [],
  };
  return { name: summary.label, version: null, tier, path: '', status: summary.alerts > 0 ? 'blocked' : 'ok', manifestFile: '', manifest, blockedBy: [] };
}
