import { PHASE_RANK, type MigrationPhase, type MigrationStep } from '../../common/contract-migrations';
import type { Diagnostic } from '../../common/diagnostic';
import { finding } from './finding';
import type { MigrationFile } from './migration-file';
import { runToEnd, type Sliced } from '../slices';
import { orderPlan, resolvePlan, type LedgerRow, type PlannedFile, type ResolveInput } from './plan-steps';
import { dependsCycles, idIndex, moduleSequences } from './set-order';

export type { LedgerRow, PlannedFile } from './plan-steps';

const pad4 = (n: number) => String(n).padStart(4, '0');

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

export interface PlanInput extends ResolveInput {
  /** Module load order. */
  order: readonly string[];
}

/**
 * The plan (SPEC §4): each migration's status and wave (resolvePlan), sorted for the load order
 * (orderPlan): applied and drifted steps first, as wave 0, then by (wave, module load order,
 * sequence), a step following within its wave the steps it depends on.
 */
export function planMigrations(input: PlanInput): MigrationStep[] {
  return runToEnd(planMigrationsSliced(input));
}

/** planMigrations in slices (engine/slices.ts). */
export function* planMigrationsSliced(input: PlanInput): Sliced<MigrationStep[]> {
  return yield* orderPlan(yield* resolvePlan(input), input.order);
}

/** The wave a `--phase` option selects. */
export function waveOfPhase(phase: MigrationPhase): number {
  return PHASE_RANK[phase];
}
