import type { Diagnostic } from '../../common/diagnostic';
import { finding } from './finding';
import type { MigrationFile } from './migration-file';

/**
 * The order graph of a migration set by file index (plan.ts's checkMigrationSet): each file needs
 * the previous one of its module, and what its `-- depends:` headers name. Built over indexes and
 * typed arrays rather than maps keyed by file objects: `check` walks 15,000 files of a 5,000-module
 * platform here, where the maps cost more than the walk (issue 16).
 */

const byFile = (a: MigrationFile, b: MigrationFile): number => a.name.sequence - b.name.sequence || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * Each module's files (indexes into `files`) by sequence, then path; modules in order of first
 * appearance. A list already in that order (the scan lists folders sorted) is not sorted again:
 * the stable sort would keep it as it is.
 */
export function moduleSequences(files: readonly MigrationFile[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < files.length; i++) {
    const list = out.get(files[i].module);
    if (list) list.push(i);
    else out.set(files[i].module, [i]);
  }
  const cmp = (a: number, b: number): number => byFile(files[a], files[b]);
  for (const list of out.values()) {
    for (let k = 1; k < list.length; k++) {
      if (cmp(list[k - 1], list[k]) > 0) {
        list.sort(cmp);
        break;
      }
    }
  }
  return out;
}

/** The first file of each migration id, by index, in file order. */
export function idIndex(files: readonly MigrationFile[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (let i = 0; i < files.length; i++) if (!ids.has(files[i].name.id)) ids.set(files[i].name.id, i);
  return ids;
}

/** Cycles through `-- depends:` headers (a migration that needs itself, directly or through others). */
export function dependsCycles(files: readonly MigrationFile[], ids: ReadonlyMap<string, number>, sequences: ReadonlyMap<string, readonly number[]>): Diagnostic[] {
  const n = files.length;
  // Edges of file i, in the order the planner's graph lists them: the previous file of its module
  // first, then each depends header that names a migration (with the header's position).
  const previous = new Int32Array(n).fill(-1);
  for (const list of sequences.values()) for (let k = 1; k < list.length; k++) previous[list[k]] = list[k - 1];
  const depends: ({ target: number; line: number; column: number }[] | undefined)[] = new Array(n);
  let anyDepends = false;
  for (let i = 0; i < n; i++) {
    for (const dep of files[i].headers.depends) {
      const target = ids.get(dep.value);
      if (target === undefined) continue;
      (depends[i] ??= []).push({ target, line: dep.line, column: dep.column });
      anyDepends = true;
    }
  }
  // Without a depends edge, every file only needs an earlier one of its module: no cycle.
  if (!anyDepends) return [];
  const edgeCount = (i: number): number => (previous[i] >= 0 ? 1 : 0) + (depends[i]?.length ?? 0);
  const edge = (i: number, e: number): { target: number; header?: { line: number; column: number } } => {
    if (previous[i] >= 0) {
      if (e === 0) return { target: previous[i] };
      e--;
    }
    const d = (depends[i] as { target: number; line: number; column: number }[])[e];
    return { target: d.target, header: { line: d.line, column: d.column } };
  };
  // 0: not seen, 1: on the current path, 2: done.
  const state = new Uint8Array(n);
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  // Iterative DFS; the stack is the path, so long chains do not overflow the call stack.
  const path: number[] = [];
  const next: number[] = [];
  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue;
    state[start] = 1;
    path.push(start);
    next.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top];
      if (next[top] >= edgeCount(node)) {
        state[node] = 2;
        path.pop();
        next.pop();
        continue;
      }
      const { target, header } = edge(node, next[top]++);
      const s = state[target];
      if (s === 0) {
        state[target] = 1;
        path.push(target);
        next.push(0);
      } else if (s === 1) {
        const cycle = path.slice(path.indexOf(target)).map((i) => files[i]);
        const key = cycle.map((f) => f.name.id).sort().join(' ');
        if (reported.has(key)) continue;
        reported.add(key);
        const spelt = [...cycle, files[target]].map((f) => f.name.id).join(' -> ');
        const at = header ?? { line: 1, column: 1 };
        const f = files[node];
        out.push(finding('migration-depends-cycle', `migrations wait for each other in a cycle: ${spelt} (each needs the next: a depends header, or the previous migration of its module); none of them can run`, { module: f.module, file: f.file, line: at.line, column: at.column }));
      }
    }
  }
  return out;
}
