import fs from 'node:fs';
import path from 'node:path';
import {
  CONFIRM_FROM_WAVE,
  MIGRATION_PHASES,
  PHASE_RANK,
  type MigrationDatabase,
  type MigrationPhase,
  type MigrationPlan,
  type MigrationProgress,
  type MigrationRun,
  type MigrationStep,
  type StepRun,
} from '../common/contract-migrations';
import { compareDiagnostics, type Diagnostic, type WaivedDiagnostic } from '../common/diagnostic';
import { applyFileWaivers } from '../engine/migrations/file-waivers';
import { finding } from '../engine/migrations/finding';
import type { HeaderWaiver, MigrationFile } from '../engine/migrations/migration-file';
import { checkMigrationSet, ledgerFindings, planMigrations, type LedgerRow, type PlannedFile } from '../engine/migrations/plan';
import { languageOfFile } from '../engine/migrations/tenant-queries';
import { isTableRule } from '../engine/tables/table-catalog';
import { PLATFORM_FILE } from '../engine/platform';
import type { Registry } from '../engine/registry';
import { applyWaivers } from '../engine/waivers';
import { acquireApplyLock, DEFAULT_DEV_DB, LedgerError, MigrationTarget, readLedger, type LedgerEntry } from '../node/dev-database';
import type { Analysis, AnalysisContext } from './analysis';
import type { CheckoutFiles } from './checkout-reader';
import { migrationPartKey, modulesWithMigrations, scanModuleMigrations, type ModuleMigrations } from './migration-scan';

/**
 * The migration planner over a checkout (SPEC §4): reads each module's migrations folder and the
 * SQL of tenancy-scoped modules through the analysis context, checks them (engine/migrations), and
 * plans, preflights and applies them against the dev database (node/dev-database). `check` (as an
 * Analysis), `mwb migrate` and the Migrations view all run this code.
 */

/** Every migration file of the checkout, classified, and the findings that need no database. */
export interface MigrationSet {
  files: PlannedFile[];
  /** Module -> checkout-relative migrations folder. */
  dirs: Map<string, string>;
  /** Findings before any waiver, ledger findings excluded. */
  diagnostics: Diagnostic[];
  waivers: Map<string, HeaderWaiver[]>;
  moduleOfFile: Map<string, string>;
}

/** With a watched CheckoutFiles nothing changed unless it was invalidated: the whole set is reused. */
const setMemo = new WeakMap<CheckoutFiles, { version: number; key: string; set: MigrationSet }>();

/**
 * Reads and checks every migration (and, for scoped modules, their SQL sources). Classifying is
 * cached per file read, so only changed files are classified again. Unwatched file access (the CLI,
 * apply) lists folders and stat-checks files on every call, so apply runs what is on disk now; the
 * session's watched access reuses the whole set until its watcher reports a change. A module whose
 * part a scan worker already read (`ctx.migrationParts`, same key) is taken as read.
 */
export function readMigrationSet(ctx: AnalysisContext): MigrationSet {
  const tenantColumn = ctx.registry.platform.tenantColumn;
  const mods = modulesWithMigrations(ctx.registry);
  const moduleDir = (mod: ModuleMigrations) => ctx.registry.byName.get(mod.module)?.dir ?? '';
  const key = ctx.files.watched ? `${tenantColumn}\n${mods.map((m) => `${m.module}\t${m.dir}\t${m.scoped}\t${moduleDir(m)}`).join('\n')}` : '';
  const memo = ctx.files.watched ? setMemo.get(ctx.files) : undefined;
  if (memo && memo.key === key) {
    // Reused when nothing the planner reads changed (an edited manifest, a README ...).
    const changed = ctx.files.changedSince(memo.version);
    if (changed && !changed.some((p) => migrationsAnalysis.affectedBy(p, ctx.registry))) {
      memo.version = ctx.files.version;
      return memo.set;
    }
  }
  const set: MigrationSet = { files: [], dirs: new Map(), diagnostics: [], waivers: new Map(), moduleOfFile: new Map() };
  for (const mod of mods) {
    set.dirs.set(mod.module, mod.dir);
    const part = ctx.migrationParts?.get(migrationPartKey(mod, moduleDir(mod), tenantColumn)) ?? scanModuleMigrations(ctx.files, mod, moduleDir(mod), tenantColumn);
    for (const f of part.files) set.files.push(f);
    for (const d of part.diagnostics) set.diagnostics.push(d);
    for (const [file, waivers] of part.waivers) set.waivers.set(file, waivers);
    for (const [file, module] of part.moduleOfFile) set.moduleOfFile.set(file, module);
  }
  set.diagnostics.push(...checkMigrationSet(set.files));
  if (ctx.files.watched) setMemo.set(ctx.files, { version: ctx.files.version, key, set });
  return set;
}

/** The target database: `--db` (absolute) or the checkout's `.workbench/dev.sqlite`. */
export interface DatabaseChoice {
  file: string;
  /** How messages name it. */
  display: string;
}

export function defaultDatabase(root: string): DatabaseChoice {
  return { file: path.join(root, DEFAULT_DEV_DB), display: DEFAULT_DEV_DB };
}

export function databaseInfo(db: DatabaseChoice, exists: boolean): MigrationDatabase {
  return { path: db.display, exists };
}

interface LedgerState {
  exists: boolean;
  rows: LedgerEntry[] | null;
  error?: string;
}

function readLedgerState(db: DatabaseChoice, files: CheckoutFiles | null): LedgerState {
  const exists = files && db.display === DEFAULT_DEV_DB ? files.exists(DEFAULT_DEV_DB) : fileExists(db.file);
  if (!exists) return { exists: false, rows: null };
  try {
    return { exists: true, rows: readLedger(db.file) };
  } catch (err) {
    if (err instanceof LedgerError) return { exists: true, rows: null, error: err.message.split(db.file).join(db.display) };
    throw err;
  }
}

function fileExists(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Every migration finding for one target database, `-- waiver:` headers applied: the kept ones,
 * and the waived ones carrying their waiver.
 */
function findings(set: MigrationSet, ledger: LedgerState, db: DatabaseChoice): { kept: Diagnostic[]; waived: WaivedDiagnostic[] } {
  const all = [...set.diagnostics];
  if (ledger.error) all.push(finding('migration-ledger-unreadable', ledger.error, { file: db.display.startsWith('/') ? undefined : db.display }));
  if (ledger.rows) all.push(...ledgerFindings(set.files, ledger.rows as LedgerRow[], set.dirs));
  // `-- waiver:` headers for table-* rules are the tables analysis' to match (service/tables-analysis.ts).
  return applyFileWaivers(all, withoutTableWaivers(set.waivers), set.moduleOfFile);
}

function withoutTableWaivers(waivers: ReadonlyMap<string, HeaderWaiver[]>): Map<string, HeaderWaiver[]> {
  return new Map([...waivers].map(([file, list]) => [file, list.filter((w) => !isTableRule(w.rule))]));
}

/** The Analysis `check`, the session and the editor's lint run: static rules, and the ledger rules when the dev database exists. */
export const migrationsAnalysis: Analysis = {
  id: 'migrations',
  run(ctx) {
    const set = readMigrationSet(ctx);
    const db = defaultDatabase(ctx.root);
    const { kept, waived } = findings(set, readLedgerState(db, ctx.files), db);
    return [...kept, ...waived];
  },
  affectedBy(rel, registry) {
    if (rel === DEFAULT_DEV_DB) return true;
    for (const mod of modulesWithMigrations(registry)) {
      if (rel.startsWith(`${mod.dir}/`) && rel.toLowerCase().endsWith('.sql')) return true;
      if (mod.scoped) {
        const dir = registry.byName.get(mod.module)?.dir;
        if (dir !== undefined && rel.startsWith(`${dir}/`) && languageOfFile(rel) !== null) return true;
      }
    }
    return false;
  },
};

// -----------------------------------------------------------------------------------------------
// plan / preflight / apply

export interface PlanResult {
  plan: MigrationPlan;
  database: MigrationDatabase;
  set: MigrationSet;
}

/** Platform waivers too (a plan is not a full check: stale platform waivers are check's business). */
function withPlatformWaivers(kept: Diagnostic[], registry: Registry): Diagnostic[] {
  const { kept: out } = applyWaivers(kept, registry.waivers);
  return out.filter((d) => !(d.rule === 'waiver-stale' && d.file === PLATFORM_FILE)).sort(compareDiagnostics);
}

/**
 * Why each migration cannot run: what the runner never runs in it and an unreadable file (whatever
 * a waiver says), else its first blocking finding (an error on its file).
 */
function blockingReasons(set: MigrationSet, diagnostics: readonly Diagnostic[]): Map<string, string> {
  const idOf = new Map(set.files.map((f) => [f.file, f.name.id]));
  const out = new Map<string, string>();
  for (const f of set.files) {
    if (f.unreadable !== undefined) out.set(f.name.id, `migration-unreadable: ${f.unreadable}`);
    else if (f.blockers.length > 0) out.set(f.name.id, `${f.blockers[0].rule} at line ${f.blockers[0].line}: ${f.blockers[0].message}`);
  }
  for (const d of diagnostics) {
    if (d.severity !== 'error' || d.file === undefined || d.rule === 'migration-checksum-drift') continue;
    const id = idOf.get(d.file);
    if (id !== undefined && !out.has(id)) out.set(id, `${d.rule}${d.line !== undefined ? ` at line ${d.line}` : ''}: ${d.message}`);
  }
  return out;
}

function computePlan(ctx: AnalysisContext, set: MigrationSet, ledger: LedgerState, db: DatabaseChoice, phase?: MigrationPhase): MigrationPlan {
  const { kept } = findings(set, ledger, db);
  const diagnostics = withPlatformWaivers(kept, ctx.registry);
  const steps = planMigrations({ order: ctx.registry.order, files: set.files, ledger: ledger.rows, blocked: blockingReasons(set, diagnostics) });
  return { steps: phase ? steps.filter((s) => s.wave === PHASE_RANK[phase]) : steps, diagnostics };
}

/** `migrate plan`: the ordered steps with their status, and the findings; no writes. */
export function planCheckout(ctx: AnalysisContext, db: DatabaseChoice, phase?: MigrationPhase): PlanResult {
  const set = readMigrationSet(ctx);
  const ledger = readLedgerState(db, db.display === DEFAULT_DEV_DB ? ctx.files : null);
  if (ledger.error && db.display !== DEFAULT_DEV_DB) throw new LedgerError(ledger.error);
  return { plan: computePlan(ctx, set, ledger, db, phase), database: databaseInfo(db, ledger.exists), set };
}

export interface RunOptions {
  command: 'preflight' | 'apply';
  phase?: MigrationPhase;
  /** The maintenance window: contract and maintenance waves run only with it. */
  yes?: boolean;
  /** ISO time for the ledger's applied_at (injected so tests can fix it). */
  now?: () => string;
}

function isPendingStep(s: MigrationStep): boolean {
  return s.status === 'pending' || s.status === 'blocked';
}

/**
 * Preflight or apply, one step at a time: yields progress after each step, returns the run. The
 * CLI drives it synchronously; the service yields to the event loop between steps so progress
 * reaches the UI. Apply holds the database's lock for the whole run (LockedError otherwise).
 */
export function* runMigrations(ctx: AnalysisContext, db: DatabaseChoice, options: RunOptions): Generator<MigrationProgress, MigrationRun, void> {
  const set = readMigrationSet(ctx);
  const byId = new Map(set.files.map((f) => [f.name.id, f]));
  const apply = options.command === 'apply';
  const lock = apply ? acquireApplyLock(db.file, db.display) : null;
  let target: MigrationTarget | null = null;
  try {
    target = apply ? MigrationTarget.openForApply(db.file) : MigrationTarget.scratchCopy(db.file);
    let rows: LedgerEntry[];
    try {
      rows = target.ledger();
    } catch (err) {
      throw err instanceof LedgerError ? new LedgerError(err.message.split(db.file).join(db.display)) : err;
    }
    const ledger: LedgerState = { exists: apply || fileExists(db.file), rows };
    const plan = computePlan(ctx, set, ledger, db);
    const selected = plan.steps.filter((s) => isPendingStep(s) && (!options.phase || s.wave === PHASE_RANK[options.phase]));
    const run: MigrationRun = { command: options.command, database: databaseInfo(db, ledger.exists), steps: [], diagnostics: plan.diagnostics, ok: true };
    // Progress counts what can run: without --yes the contract and maintenance waves are held.
    const total = apply && !options.yes ? selected.filter((s) => s.wave < CONFIRM_FROM_WAVE).length : selected.length;
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
    target.ensureLedger();
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
      } else if (apply && !options.yes && step.wave >= CONFIRM_FROM_WAVE) {
        stopped = `stopped before wave ${step.wave} (${MIGRATION_PHASES[step.wave - 1]}): the contract and maintenance waves need --yes, confirming a maintenance window`;
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
        const result = target.run(
          { id: f.name.id, module: f.module, sequence: f.name.sequence, phase: f.name.phase, checksum: f.checksum, appliedAt: (options.now ?? (() => new Date().toISOString()))() },
          f.statements.map(({ text, line, column }) => ({ text, line, column })),
        );
        if (result.ok) {
          out.outcome = apply ? 'applied' : 'ok';
          out.durationMs = result.durationMs;
        } else {
          out.outcome = 'failed';
          out.error = { message: result.message, file: f.file, line: result.line, column: result.column };
          failed.add(step.id);
          if (apply) stopped = `stopped at ${step.id}: ${f.file}:${result.line}: ${result.message}; ${result.rolledBack ? 'it was rolled back, nothing of it is applied' : 'it could not be rolled back: the database may hold part of it, with no ledger row; inspect it before going on'}`;
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
    target?.close();
    lock?.release();
  }
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

/** Drives a run to the end synchronously (the CLI). */
export function runToEnd(gen: Generator<MigrationProgress, MigrationRun, void>, onProgress?: (p: MigrationProgress) => void): MigrationRun {
  for (;;) {
    const next = gen.next();
    if (next.done) return next.value;
    onProgress?.(next.value);
  }
}
