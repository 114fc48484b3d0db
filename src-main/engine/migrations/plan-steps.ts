import { PHASE_RANK, type MigrationStep } from '../../common/contract-migrations';
import type { LedgerRow } from '../../common/ledger-row';
import { MinHeap } from '../min-heap';
import { every, type Sliced } from '../slices';
import type { MigrationFile } from './migration-file';

/**
 * The planner's two halves (SPEC §4), so a plan can be made again for another load order without
 * working out every step again (issue 16: a re-check that moved modules re-orders the plan it has)
 * and in slices (engine/slices.ts). resolvePlan works out each migration's status, wave and
 * reason and what it waits for within its wave: nothing of that reads the load order. orderPlan
 * sorts them for one load order. planMigrations (plan.ts) is the two in a row.
 */

export type { LedgerRow };

/** A migration file as the planner needs it: classified, with the checksum of its text. */
export interface PlannedFile extends MigrationFile {
  checksum: string;
}

export interface ResolveInput {
  files: readonly PlannedFile[];
  /** The ledger, or null when the database does not exist (everything is pending). */
  ledger: readonly LedgerRow[] | null;
  /** Migrations that cannot run, by id, with the reason (their blocking findings). */
  blocked: ReadonlyMap<string, string>;
}

interface Node {
  f: PlannedFile;
  /** Its place among the planned files (typed arrays in orderPlan are indexed by it). */
  index: number;
  wave: number;
  status: MigrationStep['status'];
  reason?: string;
  step?: MigrationStep;
}

/** Every migration's step, worked out; what orderPlan needs to sort them for a load order. Read-only once made. */
export interface ResolvedPlan {
  /** The nodes, one per planned file, in the files' order. */
  readonly count: number;
  /** Applied and drifted steps (wave 0), in the files' order. */
  readonly done: readonly Node[];
  /** Pending and blocked steps, in the files' order. */
  readonly open: readonly Node[];
  /** By node index: how many steps of its own wave a step waits for, and which steps wait for it. */
  readonly waits: Int32Array;
  readonly dependents: readonly (Node[] | undefined)[];
  /**
   * Whether an edge into a depends cycle was cut: the waves in a cycle then depend on the order the
   * files came in, so the resolution stands for that order only. Without, it stands for the same
   * files in any order of modules (each module's files in the same order).
   */
  readonly cut: boolean;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Edges of the order graph: each migration needs the previous one of its module and what it depends on. */
function* needs(files: readonly PlannedFile[], ids: ReadonlyMap<string, PlannedFile>, tick: () => boolean): Sliced<Map<PlannedFile, PlannedFile[]>> {
  const byModule = new Map<string, PlannedFile[]>();
  for (const f of files) {
    const list = byModule.get(f.module);
    if (list) list.push(f);
    else byModule.set(f.module, [f]);
    if (tick()) yield;
  }
  const out = new Map<PlannedFile, PlannedFile[]>();
  for (const list of byModule.values()) {
    list.sort((a, b) => a.name.sequence - b.name.sequence || cmp(a.file, b.file));
    list.forEach((f, i) => out.set(f, i > 0 ? [list[i - 1]] : []));
    if (tick()) yield;
  }
  for (const f of files) {
    for (const dep of f.headers.depends) {
      const target = ids.get(dep.value);
      if (target) out.get(f)?.push(target);
    }
    if (tick()) yield;
  }
  return out;
}

/**
 * Status, wave and reason of every migration. Pending migration m: wave(m) = max(rank(m), wave(previous
 * pending migration of its module), wave(each pending migration it depends on)); applied and drifted
 * ones are wave 0. A blocked step blocks every step that needs it. Edges into a cycle are cut.
 */
export function* resolvePlan(input: ResolveInput): Sliced<ResolvedPlan> {
  const tick = every(512);
  const ledger = new Map((input.ledger ?? []).map((r) => [r.id, r]));
  const ids = new Map<string, PlannedFile>();
  for (const f of input.files) {
    if (!ids.has(f.name.id)) ids.set(f.name.id, f);
    if (tick()) yield;
  }
  const graph = yield* needs(input.files, ids, tick);
  const nodes = new Map<PlannedFile, Node>();
  for (const f of input.files) {
    const row = ledger.get(f.name.id);
    const node: Node = { f, index: 0, wave: 0, status: 'pending' };
    if (row && f.unreadable === undefined) {
      node.status = row.checksum === f.checksum ? 'applied' : 'drifted';
      node.reason = node.status === 'applied' ? `applied ${row.appliedAt}` : `changed since it was applied ${row.appliedAt}`;
    }
    nodes.set(f, node);
    if (tick()) yield;
  }

  // Waves and blocking, in dependency order (iterative post-order).
  const done = new Set<PlannedFile>();
  const onPath = new Set<PlannedFile>();
  let cut = false;
  for (const start of input.files) {
    if (done.has(start)) continue;
    const stack: { f: PlannedFile; next: number }[] = [{ f: start, next: 0 }];
    onPath.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const edges = graph.get(top.f) ?? [];
      if (top.next < edges.length) {
        const target = edges[top.next++];
        if (!done.has(target) && !onPath.has(target)) {
          onPath.add(target);
          stack.push({ f: target, next: 0 });
        } else if (onPath.has(target)) cut = true;
        continue;
      }
      stack.pop();
      onPath.delete(top.f);
      done.add(top.f);
      resolve(nodes.get(top.f) as Node, edges, nodes, input.blocked);
      if (tick()) yield;
    }
  }

  const list = [...nodes.values()];
  const open: Node[] = [];
  const applied: Node[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    n.index = i;
    n.step = toStep(n);
    (n.status === 'pending' || n.status === 'blocked' ? open : applied).push(n);
    if (tick()) yield;
  }
  const waits = new Int32Array(list.length);
  const dependents: (Node[] | undefined)[] = new Array(list.length);
  // Within a wave a step waits for the pending steps it needs (blocked steps never run: among
  // themselves they keep plan order, or a cycle would hold its members back).
  for (const n of open) {
    for (const target of graph.get(n.f) ?? []) {
      const dep = nodes.get(target) as Node;
      if (dep === n || (dep.status !== 'pending' && dep.status !== 'blocked') || dep.wave !== n.wave || (dep.status === 'blocked' && n.status === 'blocked')) continue;
      waits[n.index]++;
      (dependents[dep.index] ??= []).push(n);
    }
    if (tick()) yield;
  }
  return { count: list.length, done: applied, open, waits, dependents, cut };
}

function resolve(node: Node, edges: readonly PlannedFile[], nodes: Map<PlannedFile, Node>, blocked: ReadonlyMap<string, string>): void {
  if (node.status === 'applied' || node.status === 'drifted') return;
  const f = node.f;
  let wave = PHASE_RANK[f.name.phase];
  let reason = blocked.get(f.name.id);
  for (const target of edges) {
    const dep = nodes.get(target) as Node;
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

function toStep(n: Node): MigrationStep {
  const { name, file, module } = n.f;
  const step: MigrationStep = { id: name.id, module, sequence: name.sequence, phase: name.phase, change: name.slug, wave: n.status === 'applied' || n.status === 'drifted' ? 0 : n.wave, file, status: n.status };
  if (n.reason !== undefined) step.reason = n.reason;
  return step;
}

/**
 * The steps of a resolved plan for one load order: applied and drifted ones first (by load order,
 * sequence, id), then by (wave, load order, sequence, id), except that within a wave a step always
 * follows the steps it waits for (a dependency on a module later in load order would otherwise run
 * second). The same step objects for every order: they are not to be changed.
 */
export function* orderPlan(plan: ResolvedPlan, order: readonly string[]): Sliced<MigrationStep[]> {
  const tick = every(1024);
  const loadIndex = new Map<string, number>();
  order.forEach((m, i) => loadIndex.set(m, i));
  const load = new Float64Array(plan.count);
  for (const n of plan.done) load[n.index] = loadIndex.get(n.f.module) ?? Number.MAX_SAFE_INTEGER;
  for (const n of plan.open) load[n.index] = loadIndex.get(n.f.module) ?? Number.MAX_SAFE_INTEGER;
  yield;
  const applied = [...plan.done].sort((a, b) => load[a.index] - load[b.index] || a.f.name.sequence - b.f.name.sequence || cmp(a.f.name.id, b.f.name.id));
  yield;
  const list = [...plan.open].sort((a, b) => a.wave - b.wave || load[a.index] - load[b.index] || a.f.name.sequence - b.f.name.sequence || cmp(a.f.name.id, b.f.name.id));
  yield;
  // Kahn's algorithm over same-wave edges, always taking the lowest-ranked ready step.
  const rank = new Int32Array(plan.count);
  list.forEach((n, i) => (rank[n.index] = i));
  const waiting = plan.waits.slice();
  const heap = new MinHeap<Node>((a, b) => rank[a.index] < rank[b.index]);
  for (const n of list) if (waiting[n.index] === 0) heap.push(n);
  const out: MigrationStep[] = applied.map((n) => n.step as MigrationStep);
  const emitted = new Uint8Array(plan.count);
  let lowest = 0;
  for (let left = list.length; left > 0; ) {
    let n = heap.pop();
    if (n === undefined) {
      // A cycle (already reported and blocked): release its lowest-ranked member.
      while (emitted[list[lowest].index]) lowest++;
      n = list[lowest];
    }
    if (emitted[n.index]) continue;
    emitted[n.index] = 1;
    left--;
    out.push(n.step as MigrationStep);
    for (const d of plan.dependents[n.index] ?? []) if (--waiting[d.index] === 0) heap.push(d);
    if (tick()) yield;
  }
  return out;
}
