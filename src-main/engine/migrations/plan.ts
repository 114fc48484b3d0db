import { PHASE_RANK, type MigrationPhase, type MigrationStep } from '../../common/contract-migrations';
import type { Diagnostic } from '../../common/diagnostic';
import { finding } from './finding';
import type { MigrationFile } from './migration-file';
import { MinHeap } from '../min-heap';
import { dependsCycles, idIndex, moduleSequences } from './set-order';

/** One row of the ledger table `workbench_migrations` (SPEC §4). */
export interface LedgerRow {
  id: string;
  module: string;
  sequence: number;
  phase: string;
  checksum: string;
  appliedAt: string;
  durationMs: number;
}

/** A migration file as the planner needs it: classified, with the checksum of its text. */
export interface PlannedFile extends MigrationFile {
  checksum: string;
}

const pad4 = (n: number) => String(n).padStart(4, '0');

function byModuleAndSequence(files: readonly MigrationFile[]): Map<string, MigrationFile[]> {
  const out = new Map<string, MigrationFile[]>();
  for (const f of files) {
    const list = out.get(f.module) ?? [];
    list.push(f);
    out.set(f.module, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.sequence - b.name.sequence || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return out;
}

/**
 * Findings about the set of migrations, independent of any database: sequence duplicates and
 * gaps per module, `-- depends:` headers naming no migration, and depends cycles.
 */
export function checkMigrationSet(files: readonly MigrationFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (f: MigrationFile, line = 1, column = 1) => ({ module: f.module, file: f.file, line, column });
  const sequences = moduleSequences(files);
  for (const [module, list] of sequences) {
    let previous = 0;
    let previousFile: MigrationFile | null = null;
    for (const i of list) {
      const f = files[i];
      const seq = f.name.sequence;
      if (previousFile && seq === previous) {
        const d = finding('migration-sequence-duplicate', `${f.name.id} has sequence ${pad4(seq)}, like ${previousFile.name.id}; two migrations of '${module}' cannot share a sequence (their order would be undefined): renumber this one after the last`, at(f));
        d.related = [{ message: 'the first migration with this sequence', module, file: previousFile.file, line: 1, column: 1 }];
        out.push(d);
        continue;
      }
      if (seq > previous + 1) {
        const missing = seq - previous - 1 === 1 ? pad4(previous + 1) : `${pad4(previous + 1)}-${pad4(seq - 1)}`;
        out.push(finding('migration-sequence-gap', `the migrations of '${module}' jump from ${previous === 0 ? 'the start' : pad4(previous)} to ${pad4(seq)} (${missing} missing): a deleted or renamed migration, or one that was never committed`, at(f)));
      }
      previous = seq;
      previousFile = f;
    }
  }

  const ids = idIndex(files);
  for (const f of files) {
    for (const dep of f.headers.depends) {
      if (ids.has(dep.value)) continue;
      const near = closest(dep.value, [...ids.keys()]);
      out.push(finding('migration-depends-unknown', `'-- depends: ${dep.value}' names no migration of this platform${near ? ` (did you mean ${near}?)` : ''}; a depends header names a migration id: the file name without .<phase>.sql`, at(f, dep.line, dep.column)));
    }
  }
  out.push(...dependsCycles(files, ids, sequences));
  return out;
}

/** The closest id by a simple edit distance, when it is close enough to be a typo. */
function closest(value: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (Math.abs(c.length - value.length) > 3) continue;
    const d = editDistance(value, c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= 3 ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Edges of the order graph: each migration needs the previous one of its module and what it depends on. */
function needs(files: readonly MigrationFile[], ids: ReadonlyMap<string, MigrationFile>): Map<MigrationFile, { target: MigrationFile; header?: { line: number; column: number } }[]> {
  const out = new Map<MigrationFile, { target: MigrationFile; header?: { line: number; column: number } }[]>();
  for (const list of byModuleAndSequence(files).values()) {
    list.forEach((f, i) => out.set(f, i > 0 ? [{ target: list[i - 1] }] : []));
  }
  for (const f of files) {
    for (const dep of f.headers.depends) {
      const target = ids.get(dep.value);
      if (target) out.get(f)?.push({ target, header: { line: dep.line, column: dep.column } });
    }
  }
  return out;
}

/**
 * Ledger findings (only when the target database exists): an applied migration whose text changed
 * (drift), a ledger row whose file is gone, a pending migration that sorts before an applied one
 * of its module. `dirs` maps each module to its migrations folder, to name a vanished file.
 */
export function ledgerFindings(files: readonly PlannedFile[], ledger: readonly LedgerRow[], dirs: ReadonlyMap<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map(files.map((f) => [f.name.id, f]));
  const applied = new Map(ledger.map((r) => [r.id, r]));
  for (const row of ledger) {
    const f = byId.get(row.id);
    if (!f) {
      const dir = dirs.get(row.module);
      const d = finding('migration-applied-missing', `${row.id} (${row.phase}) was applied on ${row.appliedAt}, but its file is gone; restore it, or recreate the database if the migration was abandoned`, { module: row.module });
      if (dir !== undefined) d.file = `${dir}/${row.id}.${row.phase}.sql`;
      out.push(d);
    } else if (f.checksum !== row.checksum && f.unreadable === undefined) {
      out.push(finding('migration-checksum-drift', `${row.id} changed after it was applied on ${row.appliedAt} (checksum ${row.checksum.slice(0, 12)}… then, ${f.checksum.slice(0, 12)}… now); restore the applied text and put the change in a new migration`, { module: f.module, file: f.file, line: 1, column: 1 }));
    }
  }
  const latestApplied = new Map<string, LedgerRow>();
  for (const row of ledger) {
    const cur = latestApplied.get(row.module);
    if (!cur || row.sequence > cur.sequence) latestApplied.set(row.module, row);
  }
  for (const f of files) {
    if (applied.has(f.name.id)) continue;
    const latest = latestApplied.get(f.module);
    if (latest && latest.sequence > f.name.sequence) {
      out.push(finding('migration-out-of-order', `${f.name.id} is pending, but ${latest.id}, a later migration of '${f.module}', was applied on ${latest.appliedAt}; applying it now would run it out of order: renumber it after ${pad4(latest.sequence)}`, { module: f.module, file: f.file, line: 1, column: 1 }));
    }
  }
  return out;
}

export interface PlanInput {
  /** Module load order. */
  order: readonly string[];
  files: readonly PlannedFile[];
  /** The ledger, or null when the database does not exist (everything is pending). */
  ledger: readonly LedgerRow[] | null;
  /** Migrations that cannot run, by id, with the reason (their blocking findings). */
  blocked: ReadonlyMap<string, string>;
}

interface Node {
  f: PlannedFile;
  wave: number;
  load: number;
  status: MigrationStep['status'];
  reason?: string;
}

/**
 * The plan (SPEC §4). Pending migration m: wave(m) = max(rank(m), wave(previous pending migration
 * of its module), wave(each pending migration it depends on)). Steps are sorted by (wave, module
 * load order, sequence), except that within a wave a migration always follows the migrations it
 * depends on (a dependency on a module later in load order would otherwise run second). Applied and
 * drifted steps come first, as wave 0. A blocked step blocks every step that needs it.
 */
export function planMigrations(input: PlanInput): MigrationStep[] {
  const loadIndex = new Map(input.order.map((m, i) => [m, i]));
  const ledger = new Map((input.ledger ?? []).map((r) => [r.id, r]));
  const ids = new Map<string, PlannedFile>();
  for (const f of input.files) if (!ids.has(f.name.id)) ids.set(f.name.id, f);
  const graph = needs(input.files, ids);
  const nodes = new Map<PlannedFile, Node>();
  for (const f of input.files) {
    const row = ledger.get(f.name.id);
    const node: Node = { f, wave: 0, load: loadIndex.get(f.module) ?? Number.MAX_SAFE_INTEGER, status: 'pending' };
    if (row && f.unreadable === undefined) {
      node.status = row.checksum === f.checksum ? 'applied' : 'drifted';
      node.reason = node.status === 'applied' ? `applied ${row.appliedAt}` : `changed since it was applied ${row.appliedAt}`;
    }
    nodes.set(f, node);
  }

  // Waves and blocking, in dependency order (iterative post-order; edges into a cycle are cut).
  const done = new Set<PlannedFile>();
  const onPath = new Set<PlannedFile>();
  for (const start of input.files) {
    if (done.has(start)) continue;
    const stack: { f: PlannedFile; next: number }[] = [{ f: start, next: 0 }];
    onPath.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const edges = graph.get(top.f) ?? [];
      if (top.next < edges.length) {
        const target = edges[top.next++].target as PlannedFile;
        if (!done.has(target) && !onPath.has(target)) {
          onPath.add(target);
          stack.push({ f: target, next: 0 });
        }
        continue;
      }
      stack.pop();
      onPath.delete(top.f);
      done.add(top.f);
      resolve(nodes.get(top.f) as Node, edges, nodes, input.blocked);
    }
  }

  const applied = [...nodes.values()].filter((n) => n.status === 'applied' || n.status === 'drifted');
  applied.sort((a, b) => a.load - b.load || a.f.name.sequence - b.f.name.sequence || cmp(a.f.name.id, b.f.name.id));
  const pending = orderWithinWaves([...nodes.values()].filter((n) => n.status === 'pending' || n.status === 'blocked'), graph, nodes);
  return [...applied, ...pending].map(toStep);
}

function resolve(node: Node, edges: readonly { target: MigrationFile }[], nodes: Map<PlannedFile, Node>, blocked: ReadonlyMap<string, string>): void {
  if (node.status === 'applied' || node.status === 'drifted') return;
  const f = node.f;
  let wave = PHASE_RANK[f.name.phase];
  let reason = blocked.get(f.name.id);
  for (const e of edges) {
    const dep = nodes.get(e.target as PlannedFile) as Node;
    if (dep === node) {
      reason ??= `${f.name.id} depends on itself`;
      continue;
    }
    if (dep.status === 'applied' || dep.status === 'drifted') continue;
    wave = Math.max(wave, dep.wave);
    if (dep.status === 'blocked' && reason === undefined) {
      reason = dep.f.module === f.module && dep.f.name.sequence <= f.name.sequence ? `an earlier migration of '${f.module}', ${dep.f.name.id}, is blocked` : `it depends on ${dep.f.name.id}, which is blocked`;
    }
  }
  node.wave = wave;
  if (reason !== undefined) {
    node.status = 'blocked';
    node.reason = reason;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts by (wave, load order, sequence, id), then lets a step wait, within its wave, for what it needs. */
function orderWithinWaves(list: Node[], graph: Map<MigrationFile, { target: MigrationFile }[]>, nodes: Map<PlannedFile, Node>): Node[] {
  const key = (a: Node, b: Node) => a.wave - b.wave || a.load - b.load || a.f.name.sequence - b.f.name.sequence || cmp(a.f.name.id, b.f.name.id);
  list.sort(key);
  const rank = new Map(list.map((n, i) => [n, i]));
  // Kahn's algorithm over same-wave edges, always taking the lowest-ranked ready step.
  const waitingOn = new Map<Node, number>();
  const dependents = new Map<Node, Node[]>();
  for (const n of list) {
    let count = 0;
    for (const e of graph.get(n.f) ?? []) {
      const dep = nodes.get(e.target as PlannedFile) as Node;
      // Blocked steps never run: among themselves they keep plan order (a cycle would otherwise hold its members back).
      if (dep === n || !rank.has(dep) || dep.wave !== n.wave || (dep.status === 'blocked' && n.status === 'blocked')) continue;
      count++;
      const ds = dependents.get(dep) ?? [];
      ds.push(n);
      dependents.set(dep, ds);
    }
    waitingOn.set(n, count);
  }
  const heap = new MinHeap<Node>((a, b) => (rank.get(a) as number) < (rank.get(b) as number));
  for (const n of list) if (waitingOn.get(n) === 0) heap.push(n);
  const out: Node[] = [];
  const emitted = new Set<Node>();
  while (out.length < list.length) {
    let n = heap.pop();
    if (n === undefined) {
      // A cycle (already reported and blocked): release its lowest-ranked member.
      n = list.find((x) => !emitted.has(x)) as Node;
    }
    if (emitted.has(n)) continue;
    emitted.add(n);
    out.push(n);
    for (const d of dependents.get(n) ?? []) {
      const left = (waitingOn.get(d) as number) - 1;
      waitingOn.set(d, left);
      if (left === 0) heap.push(d);
    }
  }
  return out;
}

function toStep(n: Node): MigrationStep {
  const { name, file, module } = n.f;
  const step: MigrationStep = { id: name.id, module, sequence: name.sequence, phase: name.phase, change: name.slug, wave: n.status === 'applied' || n.status === 'drifted' ? 0 : n.wave, file, status: n.status };
  if (n.reason !== undefined) step.reason = n.reason;
  return step;
}

/** The wave a `--phase` option selects. */
export function waveOfPhase(phase: MigrationPhase): number {
  return PHASE_RANK[phase];
}
