import { describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from './contract';
import { applySnapshotPatch, diffSnapshots, sameData } from './snapshot-patch';

/** A snapshot-shaped object: only the fields the patch code looks at need to be real. */
function snap(revision: number, fields: Partial<Record<keyof WorkbenchSnapshot, unknown>>): WorkbenchSnapshot {
  return { checkout: '/c', revision, stats: { kind: 'incremental', durationMs: 1, manifestsParsed: 1 }, ...fields } as unknown as WorkbenchSnapshot;
}

/** Through JSON both ways, as a wire does. */
function roundTrip(before: WorkbenchSnapshot, after: WorkbenchSnapshot): WorkbenchSnapshot | null {
  const patch = JSON.parse(JSON.stringify(diffSnapshots(before, after)));
  return applySnapshotPatch(JSON.parse(JSON.stringify(before)), patch);
}

describe('snapshot patches', () => {
  it('compares data as JSON writes it: keys in order, arrays item by item', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toBe(true);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
    expect(sameData({ a: null }, { a: undefined })).toBe(false);
    expect(sameData('1', 1)).toBe(false);
  });

  it('rebuilds the snapshot after items changed in place, inserted, removed, and lists grown or emptied', () => {
    const base = snap(1, { order: ['a', 'b', 'c', 'd'], diagnostics: [{ rule: 'x', line: 1 }, { rule: 'y', line: 2 }, { rule: 'z', line: 3 }], edges: [], summary: { errors: 1 } });
    const cases: Partial<Record<keyof WorkbenchSnapshot, unknown>>[] = [
      { diagnostics: [{ rule: 'x', line: 1 }, { rule: 'y', line: 7 }, { rule: 'z', line: 3 }] },
      { diagnostics: [{ rule: 'x', line: 1 }, { rule: 'new', line: 1 }, { rule: 'y', line: 2 }, { rule: 'z', line: 3 }] },
      { diagnostics: [{ rule: 'x', line: 1 }, { rule: 'z', line: 3 }] },
      { diagnostics: [], edges: [{ from: 'a', to: 'b' }] },
      { order: ['d', 'c', 'b', 'a'], summary: { errors: 2 } },
      { order: ['a', 'b', 'c', 'd', 'e', 'f'] },
    ];
    for (const fields of cases) {
      const after = snap(2, { ...base, ...fields, revision: 2 });
      expect(JSON.stringify(roundTrip(base, after)), JSON.stringify(fields)).toBe(JSON.stringify(after));
    }
  });

  it('leaves out what holds the same data, even as new objects, and sends one changed item of a long list alone', () => {
    const modules = Array.from({ length: 100 }, (_, i) => ({ name: `m${i}`, version: '1.0.0' }));
    const before = snap(1, { modules, platform: { name: 'p' } });
    const after = snap(2, { modules: modules.map((m, i) => (i === 40 ? { ...m, version: '1.0.1' } : { ...m })), platform: { name: 'p' } });
    const patch = diffSnapshots(before, after);
    expect(patch.set).toEqual({});
    expect(patch.lists).toEqual({ modules: [[40, 1, [{ name: 'm40', version: '1.0.1' }]]] });
  });

  it('sends a short list of large items as the changes inside them (a provided version in each profile view)', () => {
    const view = (profile: string, v: string) => ({ profile, provided: Array.from({ length: 50 }, (_, i) => ({ capability: `c${i}`, version: i === 30 ? v : '1.0.0', by: `m${i}` })), required: [{ capability: 'c1' }] });
    const before = snap(1, { capabilities: [view('default', '1.0.0'), view('full', '1.0.0')] });
    const after = snap(2, { capabilities: [view('default', '1.0.1'), view('full', '1.0.1')] });
    const patch = diffSnapshots(before, after);
    expect(patch.lists).toEqual({});
    expect(patch.items).toEqual({ capabilities: [0, 1].map((i) => [i, {}, { provided: [[30, 1, [{ capability: 'c30', version: '1.0.1', by: 'm30' }]]] }]) });
    expect(JSON.stringify(roundTrip(before, after))).toBe(JSON.stringify(after));
    // A field beside the list replaced whole, and one view unchanged.
    const other = snap(3, { capabilities: [{ ...view('default', '2.0.0'), required: [] }, view('full', '1.0.0')] });
    expect(JSON.stringify(roundTrip(before, other))).toBe(JSON.stringify(other));
    expect(diffSnapshots(before, other).items?.capabilities?.map(([i]) => i)).toEqual([0]);
  });

  it('sends an item inserted in a long list and items changed far from it as a few splices (a dependency edge added, the edited module\'s other edges moved)', () => {
    const edges = Array.from({ length: 1000 }, (_, i) => ({ from: `m${i % 97}`, to: `m${i % 89}`, at: { line: i } }));
    const after = [...edges.slice(0, 300), { from: 'm1', to: 'core', at: { line: 4 } }, ...edges.slice(300).map((e, i) => (i % 200 === 50 ? { ...e, at: { line: -i } } : e))];
    const before = snap(1, { edges });
    const next = snap(2, { edges: after });
    const patch = diffSnapshots(before, next);
    expect(patch.set).toEqual({});
    expect(patch.lists.edges?.reduce((n, [, , items]) => n + items.length, 0)).toBe(5);
    expect(JSON.stringify(roundTrip(before, next))).toBe(JSON.stringify(next));
  });

  it('after a long run of items changed in place, still finds an insertion further on', () => {
    const list = Array.from({ length: 400 }, (_, i) => ({ line: i }));
    const after = [...list.slice(0, 100).map((d) => ({ line: d.line + 1000 })), ...list.slice(100, 300), { line: -1 }, ...list.slice(300)];
    const patch = diffSnapshots(snap(1, { diagnostics: list }), snap(2, { diagnostics: after }));
    expect(patch.lists.diagnostics?.map(([start, removed, items]) => [start, removed, items.length])).toEqual([
      [0, 100, 100],
      [300, 0, 1],
    ]);
    expect(JSON.stringify(roundTrip(snap(1, { diagnostics: list }), snap(2, { diagnostics: after })))).toBe(JSON.stringify(snap(2, { diagnostics: after })));
  });

  it('rebuilds any list after random insertions, removals and changes', () => {
    let seed = 5;
    const pick = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0), seed % n);
    for (let round = 0; round < 300; round++) {
      const list = Array.from({ length: pick(60) }, () => ({ v: pick(6) }));
      const next = [...list];
      for (let k = pick(8); k > 0; k--) {
        const at = pick(next.length + 1);
        const op = pick(3);
        if (op === 0) next.splice(at, 0, { v: pick(6) });
        else if (op === 1) next.splice(at, 1 + pick(3));
        else if (at < next.length) next[at] = { v: 10 + pick(6) };
      }
      const before = snap(1, { diagnostics: list });
      const after = snap(2, { diagnostics: next });
      expect(JSON.stringify(roundTrip(before, after)), JSON.stringify([list, next])).toBe(JSON.stringify(after));
    }
  });

  it('does not apply to another revision than its base', () => {
    const before = snap(3, { order: ['a'] });
    const patch = diffSnapshots(before, snap(4, { order: ['b'] }));
    expect(applySnapshotPatch(snap(2, { order: ['a'] }), patch)).toBeNull();
  });
});
