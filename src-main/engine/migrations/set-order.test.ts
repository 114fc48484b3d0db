import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../common/diagnostic';
import { finding } from './finding';
import { analyzeMigrationFile, parseMigrationName, type MigrationFile } from './migration-file';
import { checkMigrationSet } from './plan';

/**
 * checkMigrationSet's order graph moved from maps keyed by file objects to indexes (set-order.ts,
 * issue 16). The findings must stay exactly what they were: the former cycle search is kept here
 * as the reference and both run over random sets (duplicates, gaps, files out of order, depends
 * headers naming known, unknown and cyclic ids).
 */

function mig(fileName: string, headers: string): MigrationFile {
  const module = fileName.slice(0, fileName.indexOf('_'));
  const r = parseMigrationName(fileName, module);
  if (!('name' in r)) throw new Error(r.problem);
  return analyzeMigrationFile({ module, file: `modules/${module}/migrations/${fileName}`, scoped: false, tenantColumn: 'tenant_id' }, r.name, `${headers}SELECT 1;\n`);
}

/** The cycle search as it was before set-order.ts (Map<MigrationFile, ...> graph, DFS over objects). */
function referenceCycles(files: readonly MigrationFile[]): Diagnostic[] {
  const lists = new Map<string, MigrationFile[]>();
  for (const f of files) lists.set(f.module, [...(lists.get(f.module) ?? []), f]);
  for (const list of lists.values()) list.sort((a, b) => a.name.sequence - b.name.sequence || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const ids = new Map<string, MigrationFile>();
  for (const f of files) if (!ids.has(f.name.id)) ids.set(f.name.id, f);
  const graph = new Map<MigrationFile, { target: MigrationFile; header?: { line: number; column: number } }[]>();
  for (const list of lists.values()) list.forEach((f, i) => graph.set(f, i > 0 ? [{ target: list[i - 1] }] : []));
  for (const f of files) for (const dep of f.headers.depends) if (ids.has(dep.value)) graph.get(f)?.push({ target: ids.get(dep.value) as MigrationFile, header: { line: dep.line, column: dep.column } });
  const state = new Map<MigrationFile, 1 | 2>();
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const start of files) {
    if (state.has(start)) continue;
    const path: MigrationFile[] = [start];
    const stack: { node: MigrationFile; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const edges = graph.get(top.node) ?? [];
      if (top.next >= edges.length) {
        state.set(top.node, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const edge = edges[top.next++];
      const s = state.get(edge.target);
      if (s === undefined) {
        state.set(edge.target, 1);
        stack.push({ node: edge.target, next: 0 });
        path.push(edge.target);
      } else if (s === 1) {
        const cycle = path.slice(path.indexOf(edge.target));
        const key = cycle.map((f) => f.name.id).sort().join(' ');
        if (reported.has(key)) continue;
        reported.add(key);
        const spelt = [...cycle, edge.target].map((f) => f.name.id).join(' -> ');
        const header = edge.header ?? { line: 1, column: 1 };
        out.push(finding('migration-depends-cycle', `migrations wait for each other in a cycle: ${spelt} (each needs the next: a depends header, or the previous migration of its module); none of them can run`, { module: top.node.module, file: top.node.file, line: header.line, column: header.column }));
      }
    }
  }
  return out;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSet(seed: number): MigrationFile[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const modules = ['a', 'b', 'c', 'd'].slice(0, 1 + Math.floor(rnd() * 4));
  const names: string[] = [];
  for (const m of modules) {
    const count = Math.floor(rnd() * 5);
    for (let i = 0; i < count; i++) names.push(`${m}_${String(1 + Math.floor(rnd() * 5)).padStart(4, '0')}_${pick(['x', 'y', 'z'])}.${pick(['expand', 'backfill', 'contract'])}.sql`);
  }
  const ids = names.map((n) => n.slice(0, n.indexOf('.')));
  const files = [...new Set(names)].map((n) => {
    const depends = Array.from({ length: Math.floor(rnd() * 3) }, () => `-- depends: ${rnd() < 0.8 && ids.length > 0 ? pick(ids) : 'a_0009_gone'}\n`);
    return mig(n, depends.join(''));
  });
  // Out of order now and then: the index lists must sort them as the maps did.
  if (rnd() < 0.5) files.reverse();
  return files;
}

describe('checkMigrationSet over indexes (set-order.ts)', () => {
  it('finds the depends cycles the former object graph found, in the same order, on 400 random sets', () => {
    let cycles = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const files = randomSet(seed);
      const found = checkMigrationSet(files).filter((d) => d.rule === 'migration-depends-cycle');
      expect(found, `seed ${seed}`).toEqual(referenceCycles(files));
      cycles += found.length;
    }
    // The generator does make cycles (the comparison is not over empty lists only).
    expect(cycles).toBeGreaterThan(50);
  });

  it('reports duplicates and gaps of files given out of order', () => {
    const files = [mig('a_0004_z.expand.sql', ''), mig('a_0001_y.expand.sql', ''), mig('a_0001_x.expand.sql', '')];
    expect(checkMigrationSet(files).map((d) => `${d.rule} ${d.file?.split('/').pop()}`)).toEqual(['migration-sequence-duplicate a_0001_y.expand.sql', 'migration-sequence-gap a_0004_z.expand.sql']);
  });
});
