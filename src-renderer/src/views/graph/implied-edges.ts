/**
 * `from->to` keys of the edges implied by a longer path over the same edges: `a -> c` when
 * `a -> b -> c`. One bitset reachability pass per module: fine for thousands of modules.
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
  for (const [a, b] of pairs) if (!out[a].includes(b)) out[a].push(b);
  const words = Math.ceil(n / 32);
  const reach: (Uint32Array | undefined)[] = new Array(n);
  const reachOf = (start: number): Uint32Array => {
    let bits = reach[start];
    if (bits) return bits;
    bits = new Uint32Array(words);
    const stack = [...out[start]];
    for (const v of stack) bits[v >>> 5] |= 1 << (v & 31);
    while (stack.length) {
      const u = stack.pop()!;
      for (const v of out[u]) {
        if (bits[v >>> 5] & (1 << (v & 31))) continue;
        bits[v >>> 5] |= 1 << (v & 31);
        stack.push(v);
      }
    }
    reach[start] = bits;
    return bits;
  };
  const names = [...ids.keys()];
  const implied = new Set<string>();
  const reaches = (u: number, v: number) => (reachOf(u)[v >>> 5] & (1 << (v & 31))) !== 0;
  for (let a = 0; a < n; a++) {
    for (const b of out[a]) {
      // Edges inside a cycle stay; a witness must lie strictly between the two (not in a cycle
      // with either end), so that dropping edges never cuts a path.
      if (reaches(b, a)) continue;
      for (const w of out[a]) {
        if (w !== b && w !== a && reaches(w, b) && !reaches(w, a) && !reaches(b, w)) {
          implied.add(`${names[a]}->${names[b]}`);
          break;
        }
      }
    }
  }
  return implied;
}
