import type { ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { EdgeRoute, LayoutDirection, LayoutPoint, LayoutPositions, LayoutRequest } from './layout-protocol';

/**
 * The layout itself, free of any worker plumbing so that it can be tested under Node:
 * - `toElkGraph` / `fromElkGraph`: the input and output of elkjs's 'layered' algorithm;
 * - `quickLayered`: a fast layered placement (longest-path layers, barycenter ordering) shown
 *   for big graphs while elkjs is still working.
 * Both are deterministic: the same request always gives the same positions.
 */

/** Graphs from this size on get cheaper elkjs settings (2,000 modules lay out in seconds, not tens). */
export const BIG_GRAPH = 400;

/** Room between layers: enough for the curves, more when edges carry labels. */
function layerGap(direction: LayoutDirection, labelled: boolean): number {
  if (direction === 'RIGHT') return labelled ? 130 : 72;
  return labelled ? 90 : 60;
}

export function elkOptions(direction: LayoutDirection, nodeCount: number, labelled: boolean): LayoutOptions {
  const right = direction === 'RIGHT';
  const options: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.randomSeed': '1',
    'elk.spacing.nodeNode': right ? '26' : '30',
    'elk.layered.spacing.nodeNodeBetweenLayers': String(layerGap(direction, labelled)),
    'elk.spacing.componentComponent': '56',
  };
  if (nodeCount >= BIG_GRAPH) {
    // Measured on 2,000 modules / 5,500 edges (about 3,900 without implied ones): orthogonal
    // routing with tight edge spacing takes 9-17 s and stays compact; splines and polylines take
    // longer and spread the layers several times wider. Not used: 'mergeEdges' (its hyperedge
    // merger recurses deeper than a worker's stack allows) and 'considerModelOrder' (never ended).
    options['elk.edgeRouting'] = 'ORTHOGONAL';
    options['elk.layered.thoroughness'] = '1';
    options['elk.spacing.edgeEdge'] = '3';
    options['elk.spacing.edgeNode'] = '8';
    options['elk.layered.spacing.edgeEdgeBetweenLayers'] = '2';
    options['elk.layered.spacing.edgeNodeBetweenLayers'] = '10';
  } else {
    options['elk.edgeRouting'] = 'SPLINES';
    options['elk.layered.nodePlacement.strategy'] = 'NETWORK_SIMPLEX';
  }
  return options;
}

/** Sorted copies, so that the input order of the caller never changes the result. */
function sorted(request: LayoutRequest): Pick<LayoutRequest, 'nodes' | 'edges'> {
  const ids = new Set(request.nodes.map((n) => n.id));
  const nodes = [...request.nodes].sort((a, b) => cmp(a.id, b.id));
  const edges = request.edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target).sort((a, b) => cmp(a.id, b.id));
  return { nodes, edges };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toElkGraph(request: LayoutRequest): ElkNode {
  const { nodes, edges } = sorted(request);
  return {
    id: '__root',
    layoutOptions: elkOptions(request.direction, nodes.length, request.labelled),
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    // Labels are not given to ELK: layered layout turns each into a dummy node, which for event
    // edges spanning several layers makes the picture several times wider. They go mid-route.
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}


export function fromElkGraph(result: ElkNode): LayoutPositions {
  const spline = result.layoutOptions?.['elk.edgeRouting'] === 'SPLINES';
  const positions: LayoutPositions['positions'] = {};
  let width = 0;
  let height = 0;
  for (const child of result.children ?? []) {
    const x = Math.round(child.x ?? 0);
    const y = Math.round(child.y ?? 0);
    positions[child.id] = { x, y };
    width = Math.max(width, x + (child.width ?? 0));
    height = Math.max(height, y + (child.height ?? 0));
  }
  const routes: Record<string, EdgeRoute> = {};
  for (const edge of result.edges ?? []) {
    const sections = 'sections' in edge ? edge.sections : undefined;
    if (!sections?.length) continue;
    const points: LayoutPoint[] = [];
    for (const s of sections) {
      for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
        const q = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
        const last = points[points.length - 1];
        // Splines keep every point (they are control points); polylines drop repeats.
        if (spline || !last || last.x !== q.x || last.y !== q.y) points.push(q);
      }
    }
    const route: EdgeRoute = { points };
    if (spline && sections.length === 1 && (points.length - 1) % 3 === 0) route.spline = true;
    routes[edge.id] = route;
  }
  return { positions, width, height, routes };
}

/**
 * A quick layered layout in O(sweeps * (V + E)): cycles broken by DFS, longest-path layering from
 * the sources, four barycenter sweeps to untangle, then nodes stacked along each layer.
 */
export function quickLayered(request: LayoutRequest): LayoutPositions {
  const { nodes, edges } = sorted(request);
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) out[index.get(e.source)!].push(index.get(e.target)!);

  // Break cycles: drop edges that close a cycle in an iterative DFS (deterministic: id order).
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const dag: number[][] = Array.from({ length: n }, () => []);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [u, i] = top;
      if (i < out[u].length) {
        top[1]++;
        const v = out[u][i];
        if (state[v] === 1) continue; // back edge
        dag[u].push(v);
        if (state[v] === 0) {
          state[v] = 1;
          stack.push([v, 0]);
        }
      } else {
        state[u] = 2;
        stack.pop();
      }
    }
  }

  // Longest path from the sources (Kahn order).
  const indeg = new Int32Array(n);
  for (let u = 0; u < n; u++) for (const v of dag[u]) indeg[v]++;
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let u = 0; u < n; u++) if (indeg[u] === 0) queue.push(u);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const v of dag[u]) {
      layer[v] = Math.max(layer[v], layer[u] + 1);
      if (--indeg[v] === 0) queue.push(v);
    }
  }
  const layerCount = n ? Math.max(...layer) + 1 : 0;
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let u = 0; u < n; u++) layers[layer[u]].push(u);

  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let u = 0; u < n; u++) for (const v of dag[u]) preds[v].push(u);
  const pos = new Float64Array(n);
  const renumber = (list: number[]) => list.forEach((u, i) => (pos[u] = i));
  layers.forEach(renumber);
  const sweep = (list: number[], neighbours: number[][]) => {
    const key = new Map<number, number>();
    for (const u of list) {
      const ns = neighbours[u];
      key.set(u, ns.length ? ns.reduce((s, v) => s + pos[v], 0) / ns.length : pos[u]);
    }
    list.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
    renumber(list);
  };
  for (let round = 0; round < 4; round++) {
    for (let l = 1; l < layerCount; l++) sweep(layers[l], preds);
    for (let l = layerCount - 2; l >= 0; l--) sweep(layers[l], dag);
  }

  const right = request.direction === 'RIGHT';
  const gapLayers = layerGap(request.direction, request.labelled);
  const gapNodes = right ? 26 : 30;
  const size = (u: number) => (right ? nodes[u].height : nodes[u].width);
  const depthOf = (u: number) => (right ? nodes[u].width : nodes[u].height);

  // Columns: a layer taller than `maxRun` nodes is split into several side by side, so that
  // thousands of modules in a few layers make a block, not a strip.
  const maxRun = Math.max(12, Math.ceil(Math.sqrt(n * 3)));
  const columns: { list: number[]; depth: number; gap: number }[] = [];
  for (const list of layers) {
    for (let i = 0; i < list.length; i += maxRun) {
      const chunk = list.slice(i, i + maxRun);
      columns.push({ list: chunk, depth: Math.max(...chunk.map(depthOf)), gap: i + maxRun < list.length ? gapNodes * 2 : gapLayers });
    }
  }
  const extent = (list: number[]) => list.reduce((sum, u) => sum + size(u) + gapNodes, 0) - gapNodes;
  const across = Math.max(0, ...columns.map((c) => extent(c.list)));
  const along = columns.reduce((sum, c) => sum + c.depth + c.gap, 0) - (columns.length ? columns[columns.length - 1].gap : 0);
  // Bands: a long chain of layers (collapsed groups that all depend on each other) wraps into rows
  // (or columns) so that the whole reads on one screen.
  const ratio = across > 0 ? along / across : 1;
  const bands = ratio > 3 ? Math.min(columns.length, Math.ceil(Math.sqrt(ratio / 1.6))) : 1;
  const perBand = Math.ceil(columns.length / bands);

  const positions: LayoutPositions['positions'] = {};
  let width = 0;
  let height = 0;
  for (let b = 0; b < bands; b++) {
    const bandColumns = columns.slice(b * perBand, (b + 1) * perBand);
    const bandAcross = Math.max(0, ...bandColumns.map((c) => extent(c.list)));
    const base = b * (across + gapLayers * 1.5);
    let at = 0;
    for (const column of bandColumns) {
      // Centred on the band's widest column.
      let offset = base + Math.round((bandAcross - extent(column.list)) / 2);
      for (const u of column.list) {
        const node = nodes[u];
        positions[node.id] = right ? { x: at, y: offset } : { x: offset, y: at };
        width = Math.max(width, positions[node.id].x + node.width);
        height = Math.max(height, positions[node.id].y + node.height);
        offset += size(u) + gapNodes;
      }
      at += column.depth + column.gap;
    }
  }
  return { positions, width, height };
}
