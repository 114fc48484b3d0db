import type { Tier } from '../../../../src-main/common/model';
import type { LayoutDirection } from '../../workers/layout-protocol';
import { groupRecord, type GroupAssignment, type GroupSummary } from './graph-groups';
import { NODE_HEIGHT, handles, nodeWidth, styleEdge, type GraphElements, type GraphIndex, type ModuleFlowEdge, type ModuleFlowNode } from './graph-model';

/** The graph with collapsed groups: one node per collapsed group, and edges to or from it merged and counted. */
export interface CollapsedGraph extends GraphElements {
  /** Drawn node id of every module drawn (itself, or its collapsed group). */
  unitOf: Map<string, string>;
  /** Collapsed groups drawn, by node id. */
  groups: Map<string, GroupSummary>;
  /** Counted edges left out because groups are linked to many others (only each group's strongest links are drawn). */
  hiddenWeak: number;
}

/** Above this many counted edges, each drawn node keeps only its strongest links. */
export const MAX_COUNTED_EDGES = 300;
const STRONGEST = 3;

/**
 * When collapsed groups all depend on each other, hundreds of counted edges make a hairball:
 * keep, for each node, its STRONGEST heaviest links each way (by count, then id).
 */
function strongest(counted: ModuleFlowEdge[]): Set<ModuleFlowEdge> {
  const keep = new Set<ModuleFlowEdge>();
  const byEnd = new Map<string, ModuleFlowEdge[]>();
  for (const e of counted) {
    for (const end of [`out:${e.source}`, `in:${e.target}`]) {
      const list = byEnd.get(end);
      if (list) list.push(e);
      else byEnd.set(end, [e]);
    }
  }
  for (const list of byEnd.values()) {
    list.sort((a, b) => b.data!.count! - a.data!.count! || (a.id < b.id ? -1 : 1));
    for (const e of list.slice(0, STRONGEST)) keep.add(e);
  }
  return keep;
}

/** Room for the count line: a group's box is a little wider than a module's of the same name. */
function groupWidth(label: string): number {
  return nodeWidth(label) + 24;
}

/**
 * Replaces the members of each collapsed group (not in `expanded`) by one node. Edges inside a
 * collapsed group disappear; edges of one kind between the same two drawn nodes merge into one
 * that carries the count. Edges between drawn modules stay the same objects (and ids).
 */
export function collapseGraph(graph: GraphElements, index: GraphIndex, assignment: GroupAssignment, expanded: ReadonlySet<string>, direction: LayoutDirection): CollapsedGraph {
  const unitOf = new Map<string, string>();
  const groups = new Map<string, GroupSummary>();
  const nodes: ModuleFlowNode[] = [];
  const groupNodes = new Map<string, ModuleFlowNode>();
  for (const node of graph.nodes) {
    const gid = assignment.groupOf.get(node.id);
    if (gid === undefined || expanded.has(gid)) {
      unitOf.set(node.id, node.id);
      nodes.push(node);
      continue;
    }
    unitOf.set(node.id, gid);
    let summary = groups.get(gid);
    if (!summary) {
      const group = assignment.groups.get(gid)!;
      const tiers: Record<Tier, number> = { core: 0, optional: 0, internal: 0 };
      summary = { id: gid, label: group.label, mode: assignment.mode, shown: [], total: group.members.length, tiers, errors: 0, warnings: 0, alerts: 0 };
      groups.set(gid, summary);
      const width = groupWidth(group.label);
      const placeholder: ModuleFlowNode = {
        id: gid,
        type: 'moduleGroup',
        position: { x: 0, y: 0 },
        width,
        height: NODE_HEIGHT,
        measured: { width, height: NODE_HEIGHT },
        handles: handles(width, direction),
        data: { module: node.data.module, problems: { errors: 0, warnings: 0, infos: 0 }, inCycle: false, direction, dimmed: false, match: false, focusRoot: false, group: summary },
      };
      groupNodes.set(gid, placeholder);
      nodes.push(placeholder);
    }
    const m = node.data.module;
    summary.shown.push(m.name);
    summary.tiers[m.tier]++;
    const p = index.problems.get(m.name);
    if (p) {
      summary.errors += p.errors;
      summary.warnings += p.warnings;
    }
    if (index.alerts.has(m.name)) summary.alerts++;
  }
  for (const [gid, node] of groupNodes) {
    const summary = groups.get(gid)!;
    const record = groupRecord(summary);
    node.data = { ...node.data, module: record, problems: { errors: summary.errors, warnings: summary.warnings, infos: 0 }, inCycle: false };
    node.ariaLabel = `Group ${summary.label}: ${summary.shown.length} modules${summary.alerts ? `, ${summary.alerts} with problems` : ''}, collapsed`;
  }

  const edges: ModuleFlowEdge[] = [];
  const merged = new Map<string, ModuleFlowEdge>();
  for (const edge of graph.edges) {
    const source = unitOf.get(edge.source);
    const target = unitOf.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    if (source === edge.source && target === edge.target) {
      edges.push(edge);
      continue;
    }
    const d = edge.data!;
    const id = `${d.kind}:${source}->${target}`;
    const existing = merged.get(id);
    if (existing) {
      const e = existing.data!;
      e.count! += 1;
      e.cycle ||= d.cycle;
      for (const l of d.labels) if (!e.labels.includes(l) && e.labels.length < 20) e.labels.push(l);
      if (e.sources.length < 20) e.sources.push(...d.sources.slice(0, 20 - e.sources.length));
      continue;
    }
    // Snapshot direction: `from` needs `to`, so `from` is the drawn target.
    merged.set(id, { id, type: 'routed', source, target, data: { kind: d.kind, from: target, to: source, labels: [...d.labels], cycle: d.cycle, sources: [...d.sources], count: 1 } });
  }
  const counted = [...merged.values()];
  const keep = counted.length > MAX_COUNTED_EDGES ? strongest(counted) : null;
  for (const edge of counted) {
    if (keep && !keep.has(edge)) continue;
    styleEdge(edge);
    edges.push(edge);
  }
  edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { nodes, edges, hiddenImplied: graph.hiddenImplied, unitOf, groups, hiddenWeak: keep ? counted.length - keep.size : 0 };
}
