import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/checkout';

/** Relative imports (type-only ones included) of every .ts/.tsx file under `dir`, as repo-relative paths. */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(abs, 'utf8');
        const targets: string[] = [];
        for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
          const base = path.resolve(path.dirname(abs), m[1]);
          const file = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f));
          if (file) targets.push(path.relative(REPO, file));
        }
        graph.set(path.relative(REPO, abs), targets);
      }
    }
  };
  walk(path.join(REPO, dir));
  return graph;
}

/** Every file from which `start` is reachable again: the members of its import cycles. */
function cycleThrough(graph: Map<string, string[]>, start: string): string[] {
  const reach = new Set<string>();
  const stack = [...(graph.get(start) ?? [])];
  while (stack.length) {
    const f = stack.pop()!;
    if (reach.has(f)) continue;
    reach.add(f);
    stack.push(...(graph.get(f) ?? []));
  }
  return [...reach].filter((f) => f !== start && (graph.get(f) ?? []).includes(start));
}

describe('import structure', () => {
  it('service/analyses.ts lists the analyses; none of them imports it back (the Analysis type lives in analysis.ts)', () => {
    const graph = importGraph('src-main');
    const analyses = 'src-main/service/analyses.ts';
    expect(graph.get(analyses)).toEqual(expect.arrayContaining(['src-main/service/declared-paths.ts', 'src-main/service/migrations.ts']));
    expect(cycleThrough(graph, analyses)).toEqual([]);
  });
});
