import { describe, expect, it } from 'vitest';
import { findCycles, topologicalOrder } from './graph-order';

const names = ['audit', 'billing', 'core', 'orders', 'payments'];
const tier: Record<string, number> = { core: 0, audit: 0, billing: 1, orders: 1, payments: 1 };
const less = (a: number, b: number) => (tier[names[a]] !== tier[names[b]] ? tier[names[a]] < tier[names[b]] : names[a] < names[b]);
const id = (n: string) => names.indexOf(n);
const depsOf = (spec: Record<string, string[]>) => names.map((n) => (spec[n] ?? []).map(id));

describe('topologicalOrder', () => {
  it('puts dependencies first and breaks ties by tier, then name', () => {
    const deps = depsOf({ billing: ['payments', 'core'], orders: ['payments'], payments: ['core'], audit: ['core'] });
    expect(topologicalOrder(5, deps, less).map((i) => names[i])).toEqual(['core', 'audit', 'payments', 'billing', 'orders']);
  });

  it('is total even with cycles, and deterministic', () => {
    const deps = depsOf({ billing: ['orders'], orders: ['billing'], payments: ['core'] });
    const order = topologicalOrder(5, deps, less).map((i) => names[i]);
    expect(order).toEqual(['audit', 'core', 'payments', 'billing', 'orders']);
  });

  it('counts a dependency named twice (and a self-dependency) once', () => {
    // payments is ready once core is placed: a count of two for core would hold it (and billing) back as a cycle.
    const deps = depsOf({ billing: ['payments', 'core', 'payments'], payments: ['core', 'core', 'payments'], orders: ['orders'] });
    expect(topologicalOrder(5, deps, less).map((i) => names[i])).toEqual(['audit', 'core', 'orders', 'payments', 'billing']);
  });

  it('handles a 20,000-long chain without recursion', () => {
    const n = 20_000;
    const deps = Array.from({ length: n }, (_, i) => (i > 0 ? [i - 1] : []));
    const order = topologicalOrder(n, deps, (a, b) => b < a);
    expect(order[0]).toBe(0);
    expect(order[n - 1]).toBe(n - 1);
  });
});

describe('findCycles', () => {
  it('reports each cycle once as a closed path from its first module', () => {
    const deps = depsOf({ orders: ['payments'], payments: ['billing'], billing: ['orders'], audit: ['audit'] });
    expect(findCycles(5, deps, less).map((c) => c.map((i) => names[i]).join(' -> '))).toEqual(['audit -> audit', 'billing -> orders -> payments -> billing']);
  });

  it('finds no cycle in a DAG', () => {
    expect(findCycles(5, depsOf({ billing: ['core'], orders: ['billing', 'core'] }), less)).toEqual([]);
  });

  it('picks the shortest way back inside a larger component', () => {
    // billing -> orders -> billing is shorter than billing -> payments -> orders -> billing.
    const deps = depsOf({ billing: ['payments', 'orders'], payments: ['orders'], orders: ['billing'] });
    expect(findCycles(5, deps, less).map((c) => c.map((i) => names[i]))).toEqual([['billing', 'orders', 'billing']]);
  });
});
