import fs from 'node:fs';
import { CONFIRM_FROM_WAVE, MIGRATION_PHASES, PHASE_RANK, type MigrationPhase, type MigrationProgress, type MigrationRun, type MigrationStep, type StepRun } from '../common/contract-migrations';
import type { MigrationFile } from '../engine/migrations/migration-file';
import { acquireApplyLock, LedgerError, MigrationTarget, type LedgerEntry, type RunOutcome, type StatementToRun } from '../node/dev-database';
import { ScratchClone } from '../node/postgres-scratch';
import { PostgresTarget } from '../node/postgres-target';
import type { AnalysisContext } from './analysis';
import { computePlan, databaseInfo, dialectOf, forDialect, readMigrationSet, type DatabaseChoice, type LedgerState } from './migrations';

/**
 * preflight and apply (SPEC §4) against either target: the SQLite dev database (a file lock, an
 * in-memory copy for preflight) or PostgreSQL (an advisory lock, a rolled-back transaction for
 * preflight, or with `scratchClone` a scratch database cloned from the target where the steps run
 * for real). The step loop is the same for both; only RunTarget differs.
 */

interface RunTarget {
  /** The ledger rows ([] without a ledger table). */
  ledger(): Promise<LedgerEntry[]>;
  /** Whether the database existed before the run (SQLite: the file). */
  existed: boolean;
  ensureLedger(): Promise<void>;
  /** A scratch clone: preflight runs the statements that cannot run in a transaction too, alone, as apply does. */
  scratch?: string;
  run(entry: Omit<LedgerEntry, 'durationMs'>, statements: readonly StatementToRun[], outside: boolean): Promise<RunOutcome>;
  close(): Promise<void>;
}

function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function sqliteTarget(db: DatabaseChoice, apply: boolean): RunTarget {
  const existed = fileExists(db.file);
  const lock = apply ? acquireApplyLock(db.file, db.display) : null;
  let target: MigrationTarget;
  try {
    target = apply ? MigrationTarget.openForApply(db.file) : MigrationTarget.scratchCopy(db.file);
  } catch (err) {
    lock?.release();
    throw err;
  }
  return {
    existed: apply || existed,
    ledger: async () => {
      try {
        return target.ledger();
      } catch (err) {
        throw err instanceof LedgerError ? new LedgerError(err.message.split(db.file).join(db.display)) : err;
      }
    },
    ensureLedger: async () => target.ensureLedger(),
    run: async (entry, statements) => target.run(entry, statements),
    close: async () => {
      target.close();
      lock?.release();
    },
  };
}

async function postgresTarget(url: string, display: string, apply: boolean, scratchClone: boolean): Promise<RunTarget> {
  if (scratchClone && !apply) {
    const clone = await ScratchClone.create(url, display);
    return {
      existed: true,
      scratch: clone.name,
      ledger: async () => (await clone.target.ledger()) ?? [],
      ensureLedger: () => clone.target.ensureLedger(),
      run: (entry, statements, outside) => clone.target.run(entry, statements, outside),
      close: () => clone.close(),
    };
  }
  const target = await PostgresTarget.connect(url, apply ? 'apply' : 'preflight', display);
  try {
    if (apply) await target.lock();
    else await target.beginScratch();
  } catch (err) {
    await target.close();
    throw err;
  }
  return {
    existed: true,
    ledger: async () => (await target.ledger()) ?? [],
    ensureLedger: () => target.ensureLedger(),
    run: (entry, statements, outside) => target.run(entry, statements, outside),
    close: () => target.close(),
  };
}

export interface RunOptions {
  command: 'preflight' | 'apply';
  phase?: MigrationPhase;
  /** The maintenance window: contract and maintenance waves run only with it. */
  yes?: boolean;
  /** PostgreSQL preflight on a scratch database cloned from the target (CREATE DATABASE ... TEMPLATE), dropped afterwards. */
  scratchClone?: boolean;
  /** ISO time for the ledger's applied_at (injected so tests can fix it). */
  now?: () => string;
}

function isPendingStep(s: MigrationStep): boolean {
  return s.status === 'pending' || s.status === 'blocked';
}

/**
 * Preflight or apply, one step at a time: yields progress after each step, returns the run. Apply
 * holds the database's lock for the whole run (LockedError otherwise).
 */
export async function* runMigrations(ctx: AnalysisContext, db: DatabaseChoice, options: RunOptions): AsyncGenerator<MigrationProgress, MigrationRun, void> {
  const set = forDialect(readMigrationSet(ctx), dialectOf(db));
  const byId = new Map(set.files.map((f) => [f.name.id, f]));
  const apply = options.command === 'apply';
  const target = db.postgres ? await postgresTarget(db.postgres.url, db.display, apply, options.scratchClone === true) : sqliteTarget(db, apply);
  try {
    const rows = await target.ledger();
    const ledger: LedgerState = { exists: target.existed, rows };
    const plan = computePlan(ctx, set, ledger, db);
    const selected = plan.steps.filter((s) => isPendingStep(s) && (!options.phase || s.wave === PHASE_RANK[options.phase]));
    const run: MigrationRun = { command: options.command, database: databaseInfo(db, ledger.exists), steps: [], diagnostics: plan.diagnostics, ok: true };
    if (target.scratch) run.scratch = target.scratch;
    // Progress counts what can run: without --yes the contract and maintenance waves are held.
    const total = apply && !options.yes ? selected.filter((s) => !needsWindow(s)).length : selected.length;
    const ledgerErrors = plan.diagnostics.filter((d) => d.severity === 'error' && (d.rule === 'migration-checksum-drift' || d.rule === 'migration-applied-missing' || d.rule === 'migration-ledger-unreadable'));
    if (apply && ledgerErrors.length > 0) {
      run.ok = false;
      run.stopped = `nothing applied: the ledger of ${db.display} does not match the checkout (${ledgerErrors.map((d) => d.rule).filter((r, i, a) => a.indexOf(r) === i).join(', ')}); fix or waive those findings first`;
      run.steps = selected.map((s) => ({ ...s, outcome: 'not-run' }));
      return run;
    }
    const earlier = options.phase ? pendingBefore(plan.steps, selected, byId) : [];
    if (earlier.length > 0) {
      run.ok = false;
      run.stopped = `nothing ${apply ? 'applied' : 'run'}: --phase ${options.phase} would run migrations before earlier ones of their module (or the ones they depend on), which are still pending: ${earlier.map((s) => `${s.id} (${s.phase}, wave ${s.wave})`).join(', ')}. Run them first (without --phase, or with the earlier phase)`;
      run.steps = selected.map((s) => ({ ...s, outcome: 'not-run', note: 'refused: earlier pending migrations must run first' }));
      return run;
    }
    await target.ensureLedger();
    const failed = new Set<string>();
    let stopped: string | undefined;
    for (let i = 0; i < selected.length; i++) {
      const step = selected[i];
      const out: StepRun = { ...step, outcome: 'ok' };
      const f = byId.get(step.id) as MigrationFile & { checksum: string };
      const waitsFor = [...f.headers.depends.map((d) => d.value), ...set.files.filter((x) => x.module === f.module && x.name.sequence < f.name.sequence).map((x) => x.name.id)].find((id) => failed.has(id));
      if (stopped) {
        out.outcome = stopped.startsWith('stopped before wave') ? 'held' : 'not-run';
        out.note = stopped;
      } else if (apply && !options.yes && needsWindow(step)) {
        stopped =
          step.wave >= CONFIRM_FROM_WAVE
            ? `stopped before wave ${step.wave} (${MIGRATION_PHASES[step.wave - 1]}): the contract and maintenance waves need --yes, confirming a maintenance window`
            : `stopped before wave ${step.wave} at ${step.id}: it cannot run inside a transaction (${step.window?.find((w) => w.outsideTransaction)?.statement ?? ''}), so it runs alone, only with --yes, confirming a maintenance window`;
        out.outcome = 'held';
        out.note = stopped;
      } else if (step.status === 'blocked') {
        out.outcome = 'blocked';
        out.note = step.reason;
        failed.add(step.id);
        if (apply) stopped = `stopped at ${step.id}: it is blocked (${step.reason})`;
      } else if (f.unreadable !== undefined || f.blockers.length > 0) {
        // The plan blocks these already; the runner never runs them whatever a waiver said.
        out.outcome = 'blocked';
        out.note = f.unreadable ?? `${f.blockers[0].rule} at line ${f.blockers[0].line}: ${f.blockers[0].message}`;
        failed.add(step.id);
        if (apply) stopped = `stopped at ${step.id}: it is blocked (${out.note})`;
      } else if (waitsFor !== undefined) {
        out.outcome = 'skipped';
        out.note = `not run: it needs ${waitsFor}, which did not run`;
        failed.add(step.id);
      } else {
        yield { command: options.command, done: i, total, current: step.id };
        const outside = f.statements.some((s) => s.outsideTransaction !== undefined);
        const result: RunOutcome =
          outside && !apply && !target.scratch
            ? { ok: true, durationMs: 0 }
            : await target.run(
                { id: f.name.id, module: f.module, sequence: f.name.sequence, phase: f.name.phase, checksum: f.checksum, appliedAt: (options.now ?? (() => new Date().toISOString()))() },
                f.statements.map(({ text, line, column }) => ({ text, line, column })),
                outside,
              );
        if (result.ok) {
          out.outcome = apply ? 'applied' : 'ok';
          out.durationMs = result.durationMs;
          if (outside && !apply && !target.scratch) out.note = 'not run by preflight: it cannot run inside the transaction preflight rolls back; apply runs it alone, with --yes';
        } else {
          out.outcome = 'failed';
          out.error = { message: result.message, file: f.file, line: result.line, column: result.column };
          failed.add(step.id);
          if (apply) stopped = `stopped at ${step.id}: ${f.file}:${result.line}: ${result.message}; ${result.rolledBack ? 'it was rolled back, nothing of it is applied' : outside ? 'it ran outside a transaction, so nothing rolled it back (a failed CONCURRENTLY build leaves an INVALID index: drop it before running the migration again); it has no ledger row' : 'it could not be rolled back: the database may hold part of it, with no ledger row; inspect it before going on'}`;
        }
      }
      if (out.outcome === 'failed' || out.outcome === 'blocked' || (apply && out.outcome === 'not-run')) run.ok = false;
      run.steps.push(out);
      yield { command: options.command, done: Math.min(i + 1, total), total, last: { id: step.id, outcome: out.outcome } };
    }
    if (!apply && run.steps.some((s) => s.outcome === 'skipped')) run.ok = false;
    if (stopped) run.stopped = stopped;
    return run;
  } finally {
    await target.close();
  }
}

/** Whether apply holds a step for --yes: a contract or maintenance wave, or a statement that cannot run in a transaction. */
function needsWindow(s: MigrationStep): boolean {
  return s.wave >= CONFIRM_FROM_WAVE || (s.window?.some((w) => w.outsideTransaction) ?? false);
}

/**
 * The pending migrations, outside the selected wave, that a selected step needs first: an earlier
 * migration of its module, or one it depends on. `--phase` refuses to run past them (SPEC §4:
 * within a module a migration never runs before a lower sequence).
 */
function pendingBefore(steps: readonly MigrationStep[], selected: readonly MigrationStep[], byId: ReadonlyMap<string, MigrationFile>): MigrationStep[] {
  const chosen = new Set(selected.map((s) => s.id));
  const needed = new Set<string>();
  for (const s of selected) {
    const f = byId.get(s.id);
    const depends = new Set(f?.headers.depends.map((d) => d.value) ?? []);
    for (const x of steps) {
      if (chosen.has(x.id) || !isPendingStep(x)) continue;
      if ((x.module === s.module && x.sequence < s.sequence) || depends.has(x.id)) needed.add(x.id);
    }
  }
  return steps.filter((x) => needed.has(x.id));
}

/** Drives a run to the end (the CLI, tests). */
export async function runToEnd(gen: AsyncGenerator<MigrationProgress, MigrationRun, void>, onProgress?: (p: MigrationProgress) => void): Promise<MigrationRun> {
  for (;;) {
    const next = await gen.next();
    if (next.done) return next.value;
    onProgress?.(next.value);
  }
}
