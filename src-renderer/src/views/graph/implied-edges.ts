/**
 * `from->to` keys of the edges implied by a longer path over the same edges: `a -> c` when
 * `a -> b -> c`. Edges inside a cycle stay; a witness must lie strictly between the two ends (not
 * in a cycle with either), so that dropping edges never cuts a path.
 *
 * Reachability is computed once over the strongly connected components (a DAG), as bitsets filled
 * from the sinks up (each component ORs in its successors'), instead of one search per module:
 * on 5,000 modules that took about a second of the Graph view's first render; this takes
 * milliseconds. Two modules in one component reach each other; otherwise `u` reaches `v` exactly
 * when `v`'s component is in the reach set of `u`'s.
 */
export function impliedEdges(edges: readonly { from: string; to: string }[]): Set<string> {
  const ids = new Map<string, number>();
  const id = (name: string) => {
    let i = ids.get(name);
    if (i === undefined) ids.set(name, (i = ids.size));
    return i;
  };
  const pairs = edges.map((e) => [id(e.from), id(e.to)] as const);
  const n = ids.size;
  const out: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<number>();
  for (const [a, b] of pairs) {
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    out[a].push(b);
  }
  const { comp, count } = components(out);
  const reach = componentReach(out, comp, count);
  const words = Math.ceil(count / 32);
  /** Component `cu` reaches component `cv` (distinct components). */
  const reaches = (cu: number, cv: number) => (reach[cu * words + (cv >>> 5)] & (1 << (cv & 31))) !== 0;
  const names = [...ids.keys()];
  const implied = new Set<string>();
  for (let a = 0; a < n; a++) {
    const ca = comp[a];
    for (const b of out[a]) {
      const cb = comp[b];
      if (ca === cb) continue;
      for (const w of out[a]) {
        const cw = comp[w];
        if (w !== b && cw !== ca && cw !== cb && reaches(cw, cb)) {
          implied.add(`${names[a]}->${names[b]}`);
          break;
        }
      }
    }
  }
  return implied;
}

/**
 * Strongly connected components (Tarjan's algorithm without recursion, so deep chains cannot
 * overflow the stack). Components are numbered in the order they complete: sinks first.
 */
function components(out: readonly number[][]): { comp: Int32Array; count: number } {
  const n = out.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const frames: [node: number, next: number][] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frames.push([root, 0]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const u = frame[0];
      if (frame[1] < out[u].length) {
        const v = out[u][frame[1]++];
        if (index[v] === -1) {
          index[v] = low[v] = counter++;
          stack.push(v);
          onStack[v] = 1;
          frames.push([v, 0]);
        } else if (onStack[v]) {
          low[u] = Math.min(low[u], index[v]);
        }
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1][0];
        low[parent] = Math.min(low[parent], low[u]);
      }
      if (low[u] === index[u]) {
        let v: number;
        do {
          v = stack.pop()!;
          onStack[v] = 0;
          comp[v] = count;
        } while (v !== u);
        count++;
      }
    }
  }
  return { comp, count };
}

/** For each component, the bitset of the other components it reaches (one row of `words` words per component). */
function componentReach(out: readonly number[][], comp: Int32Array, count: number): Uint32Array {
  const words = Math.ceil(count / 32);
  const reach = new Uint32Array(Math.max(1, count * words));
  const members: number[][] = Array.from({ length: count }, () => []);
  for (let u = 0; u < comp.length; u++) members[comp[u]].push(u);
  // Sinks complete first in Tarjan's order, so every successor component is done before its predecessors.
  for (let c = 0; c < count; c++) {
    const row = c * words;
    for (const u of members[c]) {
      for (const v of out[u]) {
        const d = comp[v];
        if (d === c) continue;
        reach[row + (d >>> 5)] |= 1 << (d & 31);
        const from = d * words;
        for (let k = 0; k < words; k++) reach[row + k] |= reach[from + k];
      }
    }
  }
  return reach;
}
