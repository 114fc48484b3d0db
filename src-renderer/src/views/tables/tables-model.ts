import type { Edge, Node } from '@xyflow/react';
import type { TableInfo, TablesReport } from '../../../../src-main/common/contract-tables';
import { TIERS, type Tier } from '../../../../src-main/common/model';

/**
 * The Tables view's model, pure: the report's tables grouped in tier bands, by owning module, each
 * group open (its tables drawn) or collapsed (one box with counts); tiers can collapse too. Foreign
 * keys become edges between what is drawn (a table, or the collapsed group holding it), merged and
 * counted; an edge that crosses modules is marked. Positions are computed here (fixed sizes), so
 * nothing waits for measuring, and a big platform opens collapsed: it never draws thousands of
 * tables at once.
 */

export interface TablesOpenState {
  tiers: ReadonlySet<Tier>;
  modules: ReadonlySet<string>;
}

export interface ModuleTables {
  module: string;
  tier: Tier;
  tables: TableInfo[];
  /** Foreign keys of these tables into other modules' tables. */
  crossKeys: number;
}

export interface TableNodeData extends Record<string, unknown> {
  table: TableInfo;
  tenantColumn: string;
  match: boolean;
}
export interface ModuleNodeData extends Record<string, unknown> {
  group: ModuleTables;
  open: boolean;
  problems: number;
}
export interface TierNodeData extends Record<string, unknown> {
  tier: Tier;
  modules: number;
  tables: number;
}

export type TablesFlowNode = Node<TableNodeData, 'dbtable'> | Node<ModuleNodeData, 'dbmodule'> | Node<TierNodeData, 'dbtier'>;
export type TablesFlowEdge = Edge<{ count: number; cross: boolean }>;

export const TABLE_W = 220;
export const TABLE_H = 40;
const TABLE_GAP = 6;
const GROUP_W = TABLE_W + 20;
const GROUP_HEAD = 34;
const GROUP_COLLAPSED_H = 58;
const COLUMN_GAP = 24;
const ROW_GAP = 20;
const BAND_GAP = 48;
const BAND_HEAD = 32;
const TIER_W = 280;
const TIER_H = 80;
/** Up to this many tables everything opens; up to MODULES_OPEN modules the tiers open with modules collapsed. */
export const TABLES_OPEN = 200;
const MODULES_OPEN = 300;
/** "Open all modules" is offered up to this many tables (beyond, open tiers and modules one by one). */
export const OPEN_ALL_MAX = 1500;

/** Tables grouped by owner, modules in the report's order (load order), and the tiers in use. */
export function groupTables(report: TablesReport): ModuleTables[] {
  const byModule = new Map<string, ModuleTables>();
  const ownerOf = new Map(report.tables.map((t) => [t.key, t.owner]));
  for (const t of report.tables) {
    let g = byModule.get(t.owner);
    if (!g) byModule.set(t.owner, (g = { module: t.owner, tier: t.tier, tables: [], crossKeys: 0 }));
    g.tables.push(t);
    g.crossKeys += t.foreignKeys.filter((k) => (k.owner ?? ownerOf.get(k.to)) !== undefined && (k.owner ?? ownerOf.get(k.to)) !== t.owner).length;
  }
  return [...byModule.values()];
}

/** What opens first: everything for a small platform, module boxes for a middle one, tier boxes for a big one. */
export function initialOpenState(groups: readonly ModuleTables[]): TablesOpenState {
  const tables = groups.reduce((n, g) => n + g.tables.length, 0);
  const tiers = new Set(groups.map((g) => g.tier));
  if (tables <= TABLES_OPEN) return { tiers, modules: new Set(groups.map((g) => g.module)) };
  if (groups.length <= MODULES_OPEN) return { tiers, modules: new Set() };
  return { tiers: new Set(), modules: new Set() };
}

function groupHeight(g: ModuleTables, open: boolean): number {
  return open ? GROUP_HEAD + g.tables.length * (TABLE_H + TABLE_GAP) + 4 : GROUP_COLLAPSED_H;
}

/** The search: tables whose key contains the query (lower case). */
export function matchingTables(report: TablesReport, query: string): TableInfo[] {
  const q = query.trim().toLowerCase();
  return q ? report.tables.filter((t) => t.key.includes(q)) : [];
}

/** Nodes and edges for what is open, laid out in tier bands of module columns (shortest column first). */
export function buildTablesFlow(report: TablesReport, groups: readonly ModuleTables[], open: TablesOpenState, problemsByModule: ReadonlyMap<string, number>, query: string): { nodes: TablesFlowNode[]; edges: TablesFlowEdge[] } {
  const nodes: TablesFlowNode[] = [];
  const shownAs = new Map<string, string>(); // table key -> node id drawn for it
  const matches = new Set(matchingTables(report, query).map((t) => t.key));
  // Collapsed tiers side by side in a first row; the open ones as bands below it.
  let y = 0;
  let x = 0;
  for (const tier of TIERS) {
    const inTier = groups.filter((g) => g.tier === tier);
    if (inTier.length === 0 || open.tiers.has(tier)) continue;
    const id = `tier:${tier}`;
    nodes.push({ id, type: 'dbtier', position: { x, y: 0 }, width: TIER_W, height: TIER_H, data: { tier, modules: inTier.length, tables: inTier.reduce((n, g) => n + g.tables.length, 0) } });
    for (const g of inTier) for (const t of g.tables) shownAs.set(t.key, id);
    x += TIER_W + COLUMN_GAP * 4;
    y = TIER_H + BAND_GAP;
  }
  for (const tier of TIERS) {
    const inTier = groups.filter((g) => g.tier === tier);
    if (inTier.length === 0 || !open.tiers.has(tier)) continue;
    const columns = Math.max(1, Math.min(inTier.length, Math.ceil(Math.sqrt(inTier.length * 1.5))));
    const heights = new Array<number>(columns).fill(y + BAND_HEAD);
    for (const g of inTier) {
      const isOpen = open.modules.has(g.module);
      let col = 0;
      for (let c = 1; c < columns; c++) if (heights[c] < heights[col]) col = c;
      const x = col * (GROUP_W + COLUMN_GAP);
      const h = groupHeight(g, isOpen);
      const gid = `module:${g.module}`;
      const problems = problemsByModule.get(g.module) ?? 0;
      nodes.push({ id: gid, type: 'dbmodule', position: { x, y: heights[col] }, width: GROUP_W, height: h, zIndex: 0, data: { group: g, open: isOpen, problems } });
      if (isOpen) {
        g.tables.forEach((t, i) => {
          const id = `table:${t.key}`;
          shownAs.set(t.key, id);
          const data: TableNodeData = { table: t, tenantColumn: report.tenantColumn, match: matches.has(t.key) };
          nodes.push({ id, type: 'dbtable', position: { x: x + 10, y: heights[col] + GROUP_HEAD + i * (TABLE_H + TABLE_GAP) }, width: TABLE_W, height: TABLE_H, zIndex: 1, data });
        });
      } else for (const t of g.tables) shownAs.set(t.key, gid);
      heights[col] += h + ROW_GAP;
    }
    y = Math.max(...heights) + BAND_GAP;
  }
  return { nodes, edges: foreignKeyEdges(report, shownAs) };
}

function foreignKeyEdges(report: TablesReport, shownAs: ReadonlyMap<string, string>): TablesFlowEdge[] {
  const merged = new Map<string, TablesFlowEdge>();
  const ownerOf = new Map(report.tables.map((t) => [t.key, t.owner]));
  for (const t of report.tables) {
    const from = shownAs.get(t.key);
    for (const k of t.foreignKeys) {
      const to = shownAs.get(k.to);
      if (!from || !to || from === to) continue;
      // Into or out of a collapsed tier only from another collapsed tier: hundreds of module boxes
      // each pointing at one tier box say nothing the boxes' "cross-module FK" counts do not.
      if (from.startsWith('tier:') !== to.startsWith('tier:')) continue;
      const cross = (k.owner ?? ownerOf.get(k.to)) !== t.owner;
      const id = `fk:${from}->${to}`;
      const e = merged.get(id);
      if (e?.data) {
        e.data.count++;
        e.data.cross ||= cross;
      } else merged.set(id, { id, source: from, target: to, data: { count: 1, cross } });
    }
  }
  return [...merged.values()].map((e) => {
    const d = e.data as { count: number; cross: boolean };
    // Above the module boxes, below the tables (nodes draw after edges at the same level).
    return { ...e, className: d.cross ? 'fk-edge cross' : 'fk-edge', label: d.count > 1 ? String(d.count) : undefined, zIndex: 1 };
  });
}
