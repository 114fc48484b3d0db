import { useMemo, useRef } from 'react';
import type { EdgeRoute, LayoutPositions } from '../../workers/layout-protocol';
import type { GraphOverlay } from './graph-view';
import type { Tier } from '../../../../src-main/common/model';
import type { ModuleFlowEdge, ModuleFlowNode } from './graph-model';

export const ACCENT = '#0969da';

interface NodeMemo {
  base: ModuleFlowNode;
  x: number;
  y: number;
  dimmed: boolean;
  match: boolean;
  focusRoot: boolean;
  selected: boolean;
  diff: string | undefined;
  matches: number;
  node: ModuleFlowNode;
}

interface EdgeMemo {
  base: ModuleFlowEdge;
  className: string;
  route: EdgeRoute | undefined;
  /** Made when the edge is first drawn: an edge left out (far out, away from the view) costs no object. */
  edge: ModuleFlowEdge | null;
  /** Its index among the graph's edges. */
  order: number;
  /** Highlighted (touches the selection, or in the focus). */
  lit: boolean;
}

export interface ElementInputs {
  graph: { nodes: ModuleFlowNode[]; edges: ModuleFlowEdge[] };
  layout: LayoutPositions | null;
  searching: boolean;
  /** Drawn nodes that match the search (a collapsed group when a member does). */
  matchSet: ReadonlySet<string>;
  /** Collapsed group -> how many of its members match. */
  matchCounts?: ReadonlyMap<string, number>;
  /** Drawn nodes in the focus (a collapsed group when a member is). */
  focus: ReadonlySet<string> | null;
  selected: string | null;
  overlay: GraphOverlay | undefined;
  far: boolean;
  /**
   * On big graphs, the drawn nodes that may be elements now (those around the view, see
   * use-draw-budget.ts): only edges with both ends among them are drawn, besides the highlighted
   * ones, so that long edges crossing the screen by the hundred never make a pan slow. Null: every edge.
   */
  drawable?: ReadonlySet<string> | null;
}

/**
 * The React Flow elements: laid-out base nodes and edges plus their visual state (search, focus,
 * selection, a branch's changes), reusing unchanged objects so React Flow re-renders only what changed.
 */
export function useGraphNodes({ graph, layout, searching, matchSet, matchCounts, focus, selected, overlay }: Omit<ElementInputs, 'far' | 'drawable'>): ModuleFlowNode[] {
  const nodeMemo = useRef(new Map<string, NodeMemo>());
  const nodes = useMemo(() => {
    const previous = nodeMemo.current;
    const next = new Map<string, NodeMemo>();
    const list: ModuleFlowNode[] = [];
    if (layout) {
      for (const base of graph.nodes) {
        const p = layout.positions[base.id];
        if (!p) continue;
        const match = searching && matchSet.has(base.id);
        const dimmed = (searching && !match) || (focus !== null && !focus.has(base.id));
        const focusRoot = focus !== null && base.id === selected;
        const isSelected = base.id === selected;
        const diff = overlay?.modules[base.id];
        const matches = (searching && matchCounts?.get(base.id)) || 0;
        const old = previous.get(base.id);
        let entry: NodeMemo;
        if (old && old.base === base && old.x === p.x && old.y === p.y && old.dimmed === dimmed && old.match === match && old.focusRoot === focusRoot && old.selected === isSelected && old.diff === diff && old.matches === matches) {
          entry = old;
        } else {
          entry = {
            base,
            x: p.x,
            y: p.y,
            dimmed,
            match,
            focusRoot,
            selected: isSelected,
            diff,
            matches,
            node: { ...base, position: { x: p.x, y: p.y }, selected: isSelected, zIndex: isSelected || match ? 1 : 0, data: { ...base.data, dimmed, match, focusRoot, diff, matches } },
          };
        }
        next.set(base.id, entry);
        list.push(entry.node);
      }
    }
    nodeMemo.current = next;
    return list;
  }, [graph, layout, searching, matchSet, matchCounts, focus, selected, overlay]);
  return nodes;
}

/** The edges with their class and route (before choosing which are drawn), with each node's outgoing edges. */
interface StyledEdges {
  all: EdgeMemo[];
  /** Highlighted edges (touching the selection, in the focus): drawn at any zoom. */
  lit: EdgeMemo[];
  bySource: Map<string, EdgeMemo[]>;
}

/**
 * The edges drawn, each with its class and route, reusing unchanged objects; hidden ones left out.
 * Styling every edge depends on the graph, focus, selection and overlay only; which are drawn (far
 * out, the admitted nodes of a big graph, which change a few per frame) is picked from the
 * admitted nodes' own edges, so that admitting nodes never walks every edge of the graph again.
 */
export function useGraphEdges({ graph, layout, focus, selected, overlay, far, drawable }: Pick<ElementInputs, 'graph' | 'layout' | 'focus' | 'selected' | 'overlay' | 'far' | 'drawable'>): ModuleFlowEdge[] {
  const edgeMemo = useRef(new Map<string, EdgeMemo>());
  // Edge styles depend on the focus and the selection, not on the search (that dims all edges
  // with one class on the canvas), so typing never re-renders thousands of edges.
  const styled = useMemo<StyledEdges>(() => {
    const positions = layout?.positions ?? {};
    const previous = edgeMemo.current;
    const next = new Map<string, EdgeMemo>();
    const out: StyledEdges = { all: [], lit: [], bySource: new Map() };
    for (const base of graph.edges) {
      if (!positions[base.source] || !positions[base.target]) continue;
      let className = base.className ?? '';
      const diff = overlay?.edges[`${base.data!.kind}:${base.data!.from}->${base.data!.to}`];
      if (diff) className += ` diff-${diff}`;
      if (focus && (!focus.has(base.source) || !focus.has(base.target))) className += ' dimmed';
      else if (selected && (base.source === selected || base.target === selected)) className += ' touches-selected lit';
      else if (focus) className += ' lit';
      const lit = className.endsWith(' lit');
      const route = layout?.routes?.[base.id];
      const old = previous.get(base.id);
      const entry: EdgeMemo = old && old.base === base && old.className === className && old.route === route ? old : { base, className, route, edge: null, order: 0, lit };
      entry.order = out.all.length;
      next.set(base.id, entry);
      out.all.push(entry);
      if (lit) out.lit.push(entry);
      const from = out.bySource.get(base.source);
      if (from) from.push(entry);
      else out.bySource.set(base.source, [entry]);
    }
    edgeMemo.current = next;
    return out;
  }, [graph, focus, selected, layout, overlay]);

  return useMemo(() => {
    // Zoomed far out on a big graph only the highlighted edges are drawn at all; closer, only
    // those between nodes around the view. Left out rather than passed hidden: React Flow mounts a
    // wrapper (with a store subscription that recomputes its ends on every pan step) for each
    // hidden edge that crosses the view.
    let shown: EdgeMemo[];
    if (far) shown = styled.lit;
    else if (!drawable) shown = styled.all;
    else {
      shown = [...styled.lit];
      for (const id of drawable) for (const e of styled.bySource.get(id) ?? []) if (!e.lit && drawable.has(e.base.target)) shown.push(e);
      // In the graph's order, so that admitting nodes never reorders the edges already drawn.
      shown.sort((a, b) => a.order - b.order);
    }
    return shown.map((e) => (e.edge ??= decorateEdge(e.base, e.className, e.route)));
  }, [styled, far, drawable]);
}

function decorateEdge(base: ModuleFlowEdge, className: string, route: EdgeRoute | undefined): ModuleFlowEdge {
  const touches = className.includes('touches-selected') && base.data!.kind === 'dependency' && !base.data!.cycle;
  return {
    ...base,
    className,
    zIndex: touches ? 1 : 0,
    markerStart: touches && typeof base.markerStart === 'object' ? { ...base.markerStart, color: ACCENT } : base.markerStart,
    data: { ...base.data!, route },
  };
}

export const TIER_HEX: Record<Tier, string> = { core: '#1f6feb', optional: '#1a7f37', internal: '#8250df' };

/** The overview map's colour of a node: selection, search match, dimmed, alert, else its tier. */
export function minimapColour(node: ModuleFlowNode): string {
  const { module: m, inCycle, match, dimmed } = node.data;
  if (node.selected) return ACCENT;
  if (match) return '#d4a72c';
  if (dimmed) return '#d0d7de';
  return m.status !== 'ok' || inCycle ? '#cf222e' : TIER_HEX[m.tier];
}
