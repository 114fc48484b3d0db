/**
 * The Graph view's implied edges (src-renderer/src/views/graph/implied-edges.ts) against their
 * definition, checked by plain searches: on hand-made cases and on random graphs with cycles.
 */
import { describe, expect, it } from 'vitest';
import { impliedEdges } from '../src-renderer/src/views/graph/implied-edges';

type E = { from: string; to: string };

/** The definition, one breadth-first search per question: `a -> b` is implied when another successor `w` of `a` reaches `b`, and `w` is in a cycle with neither end, and `a -> b` is not in a cycle. */
function byDefinition(edges: readonly E[]): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...new Set([...(out.get(e.from) ?? []), e.to])]);
  const reaches = (u: string, v: string) => {
    const seen = new Set<string>();
    const queue = [...(out.get(u) ?? [])];
    while (queue.length) {
      const x = queue.shift()!;
      if (x === v) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      queue.push(...(out.get(x) ?? []));
    }
    return false;
  };
  const implied = new Set<string>();
  for (const [a, targets] of out)
    for (const b of targets) {
      if (reaches(b, a)) continue;
      if (targets.some((w) => w !== b && w !== a && reaches(w, b) && !reaches(w, a) && !reaches(b, w))) implied.add(`${a}->${b}`);
    }
  return implied;
}

function random(seed: number, n: number, m: number, back: number): E[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const edges: E[] = [];
  for (let i = 0; i < m; i++) {
    const a = Math.floor(next() * n);
    const b = Math.floor(next() * n);
    if (a === b) continue;
    // Mostly downhill (a DAG), a few edges uphill make cycles.
    const [from, to] = next() < back ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
    edges.push({ from: `m${from}`, to: `m${to}` });
  }
  return edges;
}

describe('implied edges', () => {
  it('drops a -> c for a -> b -> c and never cuts a cycle', () => {
    expect(impliedEdges([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }])).toEqual(new Set(['a->c']));
    expect(impliedEdges([{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'c' }, { from: 'c', to: 'b' }]).size).toBe(0);
    // Through a cycle b <-> d that neither end belongs to: a -> c is implied by a -> b -> d -> c.
    const through = [{ from: 'a', to: 'b' }, { from: 'b', to: 'd' }, { from: 'd', to: 'b' }, { from: 'd', to: 'c' }, { from: 'a', to: 'c' }];
    expect(impliedEdges(through)).toEqual(new Set(['a->c']));
    expect(impliedEdges([])).toEqual(new Set());
  });

  it('matches the definition on random graphs with and without cycles', () => {
    let total = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const n = 5 + (seed % 40);
      const edges = random(seed, n, n * (1 + (seed % 4)), seed % 3 === 0 ? 0 : 0.1);
      const expected = [...byDefinition(edges)].sort();
      total += expected.length;
      expect([...impliedEdges(edges)].sort()).toEqual(expected);
    }
    // The random graphs do exercise the rule.
    expect(total).toBeGreaterThan(100);
  });

  it('handles a chain deeper than the call stack would allow', () => {
    const chain = Array.from({ length: 12_000 }, (_, i) => ({ from: `m${i}`, to: `m${i + 1}` }));
    expect(impliedEdges([...chain, { from: 'm0', to: 'm2' }])).toEqual(new Set(['m0->m2']));
  });
});
