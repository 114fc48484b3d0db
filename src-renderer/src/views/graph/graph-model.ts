import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import type { EdgeKind, EdgeSource, ModuleRecord, Tier } from '../../../../src-main/common/model';
import { impliedEdges } from './implied-edges';
import type { GroupSummary } from './graph-groups';
import type { EdgeRoute, LayoutDirection, LayoutRequest } from '../../workers/layout-protocol';

/**
 * Pure functions from a snapshot to what the Graph view draws. No React, no DOM: the view
 * memoizes their results, and the e2e test file checks them directly.
 *
 * Edge direction: the snapshot's edges point from the module that needs something to the one
 * that offers it (`billing -> payments`). On screen and for the layout they run the other way,
 * upstream to downstream (`payments -> billing`), so that layered layout puts what is needed
 * first (left or top) and the foundation (`core`) starts the picture; the arrowhead sits at the
 * upstream end and reads "depends on", like the Mermaid and DOT exports.
 */

export const NODE_HEIGHT = 60;
const MIN_WIDTH = 172;
const MAX_WIDTH = 280;

/** Node width from the name only, so that a new diagnostic never moves the layout. */
export function nodeWidth(name: string): number {
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.round(name.length * 8.2 + 64)));
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export type FocusMode = 'upstream' | 'downstream' | 'both';

export interface DependentRef {
  name: string;
  kind: 'dependency' | 'optional';
}

/** Lookups over one snapshot, computed once per snapshot. */
export interface GraphIndex {
  byName: Map<string, ModuleRecord>;
  problems: Map<string, ProblemCounts>;
  /** Each dependency cycle as a closed path (`a, b, a`). */
  cycles: string[][];
  cycleMembers: Set<string>;
  /** `from->to` keys (snapshot direction) of the dependency edges that close a cycle. */
  cycleEdges: Set<string>;
  /** Module -> what it depends on (dependency + optional edges). */
  upstream: Map<string, string[]>;
  /** Module -> what depends on it (dependency + optional edges). */
  downstream: Map<string, DependentRef[]>;
  /** Modules to outline in red: blocked, invalid or in a cycle. */
  alerts: Set<string>;
  /** Load order position, for stable listings. */
  order: Map<string, number>;
}

/** `dependency cycle: a -> b -> a` -> `['a', 'b', 'a']`; null for other messages. */
export function parseCycle(message: string): string[] | null {
  const m = /dependency cycle:\s*(.+)$/.exec(message);
  if (!m) return null;
  const names = m[1].split('->').map((s) => s.trim()).filter(Boolean);
  return names.length >= 2 ? names : null;
}

export function indexSnapshot(snapshot: WorkbenchSnapshot): GraphIndex {
  const byName = new Map(snapshot.modules.map((m) => [m.name, m]));
  const problems = new Map<string, ProblemCounts>();
  const cycles: string[][] = [];
  for (const d of snapshot.diagnostics) {
    if (d.rule === 'dependency-cycle') {
      const cycle = parseCycle(d.message);
      if (cycle) cycles.push(cycle);
    }
    if (!d.module) continue;
    let counts = problems.get(d.module);
    if (!counts) problems.set(d.module, (counts = { errors: 0, warnings: 0, infos: 0 }));
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  const cycleMembers = new Set(cycles.flat());
  const cycleEdges = new Set<string>();
  for (const cycle of cycles) for (let i = 0; i + 1 < cycle.length; i++) cycleEdges.add(`${cycle[i]}->${cycle[i + 1]}`);

  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, DependentRef[]>();
  for (const e of snapshot.edges) {
    if (e.kind !== 'dependency' && e.kind !== 'optional') continue;
    if (!byName.has(e.from) || !byName.has(e.to)) continue;
    push(upstream, e.from, e.to);
    push(downstream, e.to, { name: e.from, kind: e.kind });
  }
  const alerts = new Set(cycleMembers);
  for (const m of snapshot.modules) if (m.status !== 'ok') alerts.add(m.name);
  const order = new Map(snapshot.order.map((name, i) => [name, i]));
  return { byName, problems, cycles, cycleMembers, cycleEdges, upstream, downstream, alerts, order };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Everything reachable from `start` (excluded) over `next`. */
export function reachable(start: string, next: (name: string) => readonly string[] | undefined): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const name = stack.pop()!;
    for (const n of next(name) ?? []) {
      if (n !== start && !seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

export function upstreamOf(index: GraphIndex, name: string): Set<string> {
  return reachable(name, (n) => index.upstream.get(n));
}

export function downstreamOf(index: GraphIndex, name: string): Set<string> {
  return reachable(name, (n) => index.downstream.get(n)?.map((d) => d.name));
}

/** The modules a focus shows: the root plus its upstream, downstream or both. */
export function focusSet(index: GraphIndex, root: string, mode: FocusMode): Set<string> {
  const set = new Set<string>([root]);
  if (mode !== 'downstream') for (const n of upstreamOf(index, root)) set.add(n);
  if (mode !== 'upstream') for (const n of downstreamOf(index, root)) set.add(n);
  return set;
}

/** Case-insensitive name search; exact match first, then prefix, then substring, each by name. */
export function searchModules(names: Iterable<string>, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: [number, string][] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const at = lower.indexOf(q);
    if (at < 0) continue;
    hits.push([lower === q ? 0 : at === 0 ? 1 : 2, name]);
  }
  return hits.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map((h) => h[1]);
}

// ---------------------------------------------------------------------------------------------
// React Flow elements

export interface ModuleNodeData extends Record<string, unknown> {
  module: ModuleRecord;
  problems: ProblemCounts;
  inCycle: boolean;
  direction: LayoutDirection;
  /** Visual state, set by the view after layout. */
  dimmed: boolean;
  match: boolean;
  focusRoot: boolean;
  /** Set by an overlay (the Changes view): what the change does to this module. */
  diff?: 'added' | 'removed' | 'changed';
  /** Set on a collapsed group's node (type `moduleGroup`): its members and counts; `module` is then a stand-in record. */
  group?: GroupSummary;
  /** Members of a collapsed group that match the search. */
  matches?: number;
}

export type ModuleFlowNode = Node<ModuleNodeData, 'module' | 'moduleGroup'>;

export interface ModuleEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  /** Snapshot direction: `from` needs `to`. */
  from: string;
  to: string;
  /** Event or capability names (edges of one kind between two modules are merged). */
  labels: string[];
  cycle: boolean;
  /** The manifest entries that make this edge (one per merged label). */
  sources: EdgeSource[];
  /** The route elkjs chose, set by the view once the layout is known. */
  route?: EdgeRoute;
  /** On an edge to or from a collapsed group: how many module edges it stands for. */
  count?: number;
}

export type ModuleFlowEdge = Edge<ModuleEdgeData>;

export interface GraphOptions {
  tiers: Record<Tier, boolean>;
  showEvents: boolean;
  showCapabilities: boolean;
  direction: LayoutDirection;
  /** When set, only these modules are drawn (focus mode "hide others"). */
  only: ReadonlySet<string> | null;
  /** Leave out dependency edges implied by a longer path (`a -> c` when `a -> b -> c`). */
  hideImplied?: boolean;
}

export interface GraphElements {
  nodes: ModuleFlowNode[];
  edges: ModuleFlowEdge[];
  /** Dependency edges left out because a longer path implies them (hideImplied). */
  hiddenImplied?: number;
}

export const EDGE_COLOURS: Record<EdgeKind | 'cycle', string> = {
  dependency: '#6e7781',
  optional: '#8c959f',
  event: '#0969da',
  capability: '#bf8700',
  cycle: '#cf222e',
};

const NO_PROBLEMS: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };

/** Handle positions given up front, so edges to nodes never rendered (off screen) still draw. */
export function handles(width: number, direction: LayoutDirection): NonNullable<Node['handles']> {
  if (direction === 'RIGHT') {
    return [
      { type: 'target', position: Position.Left, x: 0, y: NODE_HEIGHT / 2, width: 1, height: 1 },
      { type: 'source', position: Position.Right, x: width - 1, y: NODE_HEIGHT / 2, width: 1, height: 1 },
    ];
  }
  return [
    { type: 'target', position: Position.Top, x: width / 2, y: 0, width: 1, height: 1 },
    { type: 'source', position: Position.Bottom, x: width / 2, y: NODE_HEIGHT - 1, width: 1, height: 1 },
  ];
}

export function edgeLabel(labels: string[]): string | undefined {
  if (labels.length === 0) return undefined;
  return labels.length === 1 ? labels[0] : `${labels[0]} +${labels.length - 1}`;
}

/**
 * The snapshot as React Flow nodes and edges, every position at zero (the worker places them).
 * Modules of hidden tiers, and edges touching them, are left out; event and capability edges
 * only when their toggle is on. Edges of one kind between the same two modules are merged.
 */
export function buildGraph(snapshot: WorkbenchSnapshot, index: GraphIndex, options: GraphOptions): GraphElements {
  const visible = new Set<string>();
  const nodes: ModuleFlowNode[] = [];
  for (const m of snapshot.modules) {
    if (!options.tiers[m.tier] || (options.only && !options.only.has(m.name)) || visible.has(m.name)) continue;
    visible.add(m.name);
    const width = nodeWidth(m.name);
    nodes.push({
      id: m.name,
      type: 'module',
      position: { x: 0, y: 0 },
      width,
      height: NODE_HEIGHT,
      measured: { width, height: NODE_HEIGHT },
      handles: handles(width, options.direction),
      ariaLabel: `${m.name} ${m.version ?? ''}, ${m.tier}${m.status !== 'ok' ? `, ${m.status}` : ''}${index.cycleMembers.has(m.name) ? ', in a dependency cycle' : ''}`,
      data: {
        module: m,
        problems: index.problems.get(m.name) ?? NO_PROBLEMS,
        inCycle: index.cycleMembers.has(m.name),
        direction: options.direction,
        dimmed: false,
        match: false,
        focusRoot: false,
      },
    });
  }

  const structural = snapshot.edges.filter((e) => (e.kind === 'dependency' || e.kind === 'optional') && visible.has(e.from) && visible.has(e.to) && e.from !== e.to);
  const implied = options.hideImplied ? impliedEdges(structural) : null;
  const merged = new Map<string, ModuleFlowEdge>();
  let hiddenImplied = 0;
  for (const e of snapshot.edges) {
    if (e.kind === 'event' && !options.showEvents) continue;
    if (e.kind === 'capability' && !options.showCapabilities) continue;
    if (!visible.has(e.from) || !visible.has(e.to) || e.from === e.to) continue;
    if (implied && (e.kind === 'dependency' || e.kind === 'optional') && implied.has(`${e.from}->${e.to}`)) {
      hiddenImplied++;
      continue;
    }
    const id = `${e.kind}:${e.to}->${e.from}`;
    const existing = merged.get(id);
    if (existing) {
      if (e.label && !existing.data!.labels.includes(e.label)) existing.data!.labels.push(e.label);
      if (e.at) existing.data!.sources.push(e.at);
      continue;
    }
    const cycle = (e.kind === 'dependency' || e.kind === 'optional') && index.cycleEdges.has(`${e.from}->${e.to}`);
    merged.set(id, {
      id,
      type: 'routed',
      source: e.to,
      target: e.from,
      data: { kind: e.kind, from: e.from, to: e.to, labels: e.label ? [e.label] : [], cycle, sources: e.at ? [e.at] : [] },
    });
  }
  const edges = [...merged.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const edge of edges) styleEdge(edge);
  return { nodes, edges, hiddenImplied };
}

/** Class, arrowhead, label and description of an edge from its data (labels sorted in place). */
export function styleEdge(edge: ModuleFlowEdge): void {
  const d = edge.data!;
  d.labels.sort();
  const colour = d.cycle ? EDGE_COLOURS.cycle : EDGE_COLOURS[d.kind];
  const counted = (d.count ?? 1) > 1;
  edge.className = `mwb-edge kind-${d.kind}${d.cycle ? ' cycle' : ''}${d.count !== undefined ? ' aggregated' : ''}`;
  edge.markerStart = { type: MarkerType.ArrowClosed, color: colour, width: 14, height: 14 };
  edge.label = counted ? `×${d.count}` : edgeLabel(d.labels);
  edge.focusable = false;
  edge.selectable = false;
  edge.ariaLabel = counted ? `${d.count} ${d.kind} edges: ${d.from} to ${d.to}` : describeEdge(d);
  // Wider for more module edges, so a group's main links read at a glance.
  if (counted) edge.style = { strokeWidth: Math.min(6, 1 + Math.log2(d.count!)) };
}

export function describeEdge(d: ModuleEdgeData): string {
  switch (d.kind) {
    case 'dependency':
      return `${d.from} depends on ${d.to}`;
    case 'optional':
      return `${d.from} optionally depends on ${d.to}`;
    case 'event':
      return `${d.from} subscribes to ${d.labels.join(', ')} from ${d.to}`;
    case 'capability':
      return `${d.from} requires ${d.labels.join(', ')} from ${d.to}`;
  }
}

/** What decides the layout: the drawn modules (and their sizes), edges and direction. */
export function layoutKey(graph: GraphElements, direction: LayoutDirection, labelled: boolean): string {
  const parts: string[] = [direction, labelled ? 'L' : '-'];
  for (const n of graph.nodes) parts.push(`${n.id}:${n.width}`);
  parts.push('|');
  for (const e of graph.edges) parts.push(e.id);
  return parts.join('\n');
}

export function layoutRequest(graph: GraphElements, id: number, direction: LayoutDirection, labelled: boolean): LayoutRequest {
  return {
    type: 'layout',
    id,
    direction,
    labelled,
    nodes: graph.nodes.map((n) => ({ id: n.id, width: n.width!, height: n.height! })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/**
 * Keyboard navigation: the nearest node in the direction of an arrow key, from node centres.
 * Nodes well off the axis cost more, so Right moves along the row rather than diagonally.
 */
export function nearestInDirection(
  centres: ReadonlyMap<string, { x: number; y: number }>,
  from: string,
  key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
): string | null {
  const origin = centres.get(from);
  if (!origin) return null;
  let best: string | null = null;
  let bestCost = Infinity;
  for (const [id, c] of centres) {
    if (id === from) continue;
    const dx = c.x - origin.x;
    const dy = c.y - origin.y;
    const along = key === 'ArrowRight' ? dx : key === 'ArrowLeft' ? -dx : key === 'ArrowDown' ? dy : -dy;
    const across = key === 'ArrowRight' || key === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) continue;
    const cost = along + across * 2.5;
    if (cost < bestCost || (cost === bestCost && best !== null && id < best)) {
      best = id;
      bestCost = cost;
    }
  }
  return best;
}

/** The box around nodes' positions and sizes, or null for no nodes (the bitmaps' extent). */
export function nodeBounds(nodes: readonly ModuleFlowNode[]): { x0: number; y0: number; w: number; h: number } | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return Number.isFinite(x0) ? { x0, y0, w: x1 - x0, h: y1 - y0 } : null;
}
