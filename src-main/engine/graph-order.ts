import { MinHeap } from './min-heap';

/**
 * Graph algorithms over module indexes 0..n-1, where `deps[i]` lists the modules `i` needs
 * loaded first. Iterative throughout: deep dependency chains must not overflow the stack.
 */


/**
 * Deterministic topological order: among the modules whose dependencies are all loaded, the one
 * that sorts first by `less` (tier, then name) goes next. Modules caught in cycles are placed
 * after everything they can be, one at a time in the same tie order, so the order stays total.
 */
export function topologicalOrder(n: number, deps: readonly (readonly number[])[], less: (a: number, b: number) => boolean): number[] {
  const remaining = new Array<number>(n).fill(0);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (const d of deps[i].length > 1 ? new Set(deps[i]) : deps[i]) {
      if (d === i) continue;
      remaining[i]++;
      dependents[d].push(i);
    }
  }
  const ready = new MinHeap<number>(less);
  for (let i = 0; i < n; i++) if (remaining[i] === 0) ready.push(i);
  const placed = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  const place = (i: number): void => {
    placed[i] = true;
    order.push(i);
    for (const d of dependents[i]) if (!placed[d] && --remaining[d] === 0) ready.push(d);
  };
  while (order.length < n) {
    if (ready.size > 0) {
      const i = ready.pop() as number;
      if (!placed[i]) place(i);
      continue;
    }
    // Only cycles remain: break the tie-first unplaced module free.
    let pick = -1;
    for (let i = 0; i < n; i++) if (!placed[i] && (pick < 0 || less(i, pick))) pick = i;
    remaining[pick] = 0;
    place(pick);
  }
  return order;
}

/** Strongly connected components (Tarjan, iterative). */
export function stronglyConnected(n: number, deps: readonly (readonly number[])[]): number[][] {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, edge] = frame;
      if (edge < deps[v].length) {
        frame[1]++;
        const w = deps[v][edge];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * One cycle per strongly connected component (or self-dependency), as a closed path
 * `[a, b, c, a]` starting at the component's first module by `less`, shortest path back.
 */
export function findCycles(n: number, deps: readonly (readonly number[])[], less: (a: number, b: number) => boolean): number[][] {
  const cycles: number[][] = [];
  for (const component of stronglyConnected(n, deps)) {
    if (component.length === 1) {
      const v = component[0];
      if (deps[v].includes(v)) cycles.push([v, v]);
      continue;
    }
    const members = new Set(component);
    const start = component.reduce((a, b) => (less(b, a) ? b : a));
    // Breadth-first from start inside the component until an edge returns to start.
    const prev = new Map<number, number>();
    const queue = [start];
    let end = -1;
    for (let q = 0; q < queue.length && end < 0; q++) {
      const v = queue[q];
      const next = [...deps[v]].filter((w) => members.has(w)).sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
      for (const w of next) {
        if (w === start) {
          end = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = end; v !== start; v = prev.get(v) as number) path.splice(1, 0, v);
    path.push(start);
    cycles.push(path);
  }
  return cycles;
}
