import fs from 'node:fs';
import path from 'node:path';
import {
  PHASE_RANK,
  type MigrationDatabase,
  type MigrationPhase,
  type MigrationPlan,
  type MigrationStep,
  type SqlDialect,
} from '../common/contract-migrations';
import { compareDiagnostics, type Diagnostic, type WaivedDiagnostic } from '../common/diagnostic';
import { applyFileWaivers } from '../engine/migrations/file-waivers';
import { windowStatements } from '../engine/migrations/maintenance-window';
import { finding } from '../engine/migrations/finding';
import type { HeaderWaiver } from '../engine/migrations/migration-file';
import { checkMigrationSet, ledgerFindings, type LedgerRow, type PlannedFile } from '../engine/migrations/plan';
import { orderPlan, resolvePlan, type ResolvedPlan } from '../engine/migrations/plan-steps';
import { every, runToEnd, type Sliced } from '../engine/slices';
import { languageOfFile } from '../engine/migrations/tenant-queries';
import { isTableRule } from '../engine/tables/table-catalog';
import { PLATFORM_FILE } from '../engine/platform-file';
import type { Registry } from '../engine/registry';
import { applyWaivers } from '../engine/waivers';
import { DEFAULT_DEV_DB, LedgerError, readLedger, type LedgerEntry } from '../node/dev-database';
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
const setMemo = new WeakMap<CheckoutFiles, { version: number; key: SetKey; set: MigrationSet }>();

/** What the set depends on besides the files: the tenant column, the dialect, and each module's folders. */
interface SetKey {
  tenantColumn: string;
  dialect: string;
  /** Per module with migrations: name, migrations folder, scoped, module folder. */
  modules: [string, string, boolean, string][];
}

function sameKey(a: SetKey, b: SetKey): boolean {
  if (a.tenantColumn !== b.tenantColumn || a.dialect !== b.dialect || a.modules.length !== b.modules.length) return false;
  for (let i = 0; i < a.modules.length; i++) {
    const x = a.modules[i];
    const y = b.modules[i];
    if (x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2] || x[3] !== y[3]) return false;
  }
  return true;
}

/**
 * Reads and checks every migration (and, for scoped modules, their SQL sources). Classifying is
 * cached per file read, so only changed files are classified again. Unwatched file access (the CLI,
 * apply) lists folders and stat-checks files on every call, so apply runs what is on disk now; the
 * session's watched access reuses the whole set until its watcher reports a change. A module whose
 * part a scan worker already read (`ctx.migrationParts`, same key) is taken as read.
 */
export function readMigrationSet(ctx: AnalysisContext): MigrationSet {
  const shared = ctx.pass?.get(PASS_KEY) as MigrationSet | undefined;
  if (shared) return shared;
  const set = buildMigrationSet(ctx);
  ctx.pass?.set(PASS_KEY, set);
  return set;
}

/** Where one run of the analyses keeps the set it built (AnalysisContext.pass). */
const PASS_KEY = 'migration-set';

function buildMigrationSet(ctx: AnalysisContext): MigrationSet {
  const tenantColumn = ctx.registry.platform.tenantColumn;
  const dialect = ctx.registry.platform.dialect ?? 'sqlite';
  const mods = modulesWithMigrations(ctx.registry);
  const moduleDirs = mods.map((mod) => ctx.registry.byName.get(mod.module)?.dir ?? '');
  // Compared field by field (a string of every module's folders cost a 5,000-module check ~10 ms).
  const key: SetKey | null = ctx.files.watched ? { tenantColumn, dialect, modules: mods.map((m, i) => [m.module, m.dir, m.scoped, moduleDirs[i]]) } : null;
  const memo = key ? setMemo.get(ctx.files) : undefined;
  if (memo && key && sameKey(memo.key, key)) {
    // Reused when nothing the planner reads changed (an edited manifest, a README ...).
    const changed = ctx.files.changedSince(memo.version);
    if (changed && ![...new Set(changed)].some((p) => affectsSet(p, mods, ctx.registry))) {
      memo.version = ctx.files.version;
      return memo.set;
    }
  }
  const set: MigrationSet = { files: [], dirs: new Map(), diagnostics: [], waivers: new Map(), moduleOfFile: new Map() };
  for (let i = 0; i < mods.length; i++) {
    const mod = mods[i];
    set.dirs.set(mod.module, mod.dir);
    const part = ctx.migrationParts?.get(migrationPartKey(mod, moduleDirs[i], tenantColumn, dialect)) ?? scanModuleMigrations(ctx.files, mod, moduleDirs[i], tenantColumn, dialect);
    for (const f of part.files) set.files.push(f);
    for (const d of part.diagnostics) set.diagnostics.push(d);
    for (const [file, waivers] of part.waivers) set.waivers.set(file, waivers);
    for (const [file, module] of part.moduleOfFile) set.moduleOfFile.set(file, module);
  }
  for (const d of checkMigrationSet(set.files)) set.diagnostics.push(d);
  if (key) setMemo.set(ctx.files, { version: ctx.files.version, key, set });
  return set;
}

/** The target database: `--db` (absolute), the checkout's `.workbench/dev.sqlite`, or a PostgreSQL connection. */
export interface DatabaseChoice {
  /** The SQLite file ('' for PostgreSQL). */
  file: string;
  /** How messages name it (a PostgreSQL URL without its password). */
  display: string;
  /** A PostgreSQL target: its connection string, which only node/postgres-target.ts ever uses. */
  postgres?: { url: string };
}

export function dialectOf(db: DatabaseChoice): SqlDialect {
  return db.postgres ? 'postgres' : 'sqlite';
}

export function defaultDatabase(root: string): DatabaseChoice {
  return { file: path.join(root, DEFAULT_DEV_DB), display: DEFAULT_DEV_DB };
}

export function databaseInfo(db: DatabaseChoice, exists: boolean): MigrationDatabase {
  return db.postgres ? { path: db.display, exists, dialect: 'postgres' } : { path: db.display, exists };
}

/** The set as a target of `dialect` sees it: files whose `-- dialect:` header names another dialect are left out. */
export function forDialect(set: MigrationSet, dialect: SqlDialect): MigrationSet {
  // Worked out once per set and dialect: the same object each time, so a plan's parts are reused for it too (PlanParts).
  let seen = dialectSets.get(set);
  if (!seen) dialectSets.set(set, (seen = new Map()));
  let out = seen.get(dialect);
  if (!out) {
    out = set.files.some((f) => f.dialect !== undefined && f.dialect !== dialect) ? { ...set, files: set.files.filter((f) => f.dialect === undefined || f.dialect === dialect) } : set;
    seen.set(dialect, out);
  }
  return out;
}

const dialectSets = new WeakMap<MigrationSet, Map<SqlDialect, MigrationSet>>();

export interface LedgerState {
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

/** The ledger of the checkout's dev database (`.workbench/dev.sqlite`), as the migrations analysis reads it. */
export function checkoutLedger(root: string, files: CheckoutFiles): LedgerState {
  return readLedgerState(defaultDatabase(root), files);
}

/** The migrations analysis' findings with the ledger read already (a split scan's worker gets it from the main thread: sql-side.ts). */
export function migrationsFindings(ctx: AnalysisContext, ledger: LedgerState): Diagnostic[] {
  const db = defaultDatabase(ctx.root);
  const { kept, waived } = findings(forDialect(readMigrationSet(ctx), 'sqlite'), ledger, db);
  return [...kept, ...waived];
}

/** The Analysis `check`, the session and the editor's lint run: static rules, and the ledger rules when the dev database exists. */
export const migrationsAnalysis: Analysis = {
  id: 'migrations',
  run(ctx) {
    return migrationsFindings(ctx, checkoutLedger(ctx.root, ctx.files));
  },
  affectedBy(rel, registry) {
    return affectsSet(rel, modulesWithMigrations(registry), registry);
  },
};

/** Whether a changed path is one the migration set reads (`mods`: the registry's modules with migrations). */
function affectsSet(rel: string, mods: readonly ModuleMigrations[], registry: Registry): boolean {
  if (rel === DEFAULT_DEV_DB) return true;
  const sql = rel.toLowerCase().endsWith('.sql');
  const source = languageOfFile(rel) !== null;
  if (!sql && !source) return false;
  for (const mod of mods) {
    if (sql && rel.startsWith(`${mod.dir}/`)) return true;
    if (mod.scoped && source) {
      const dir = registry.byName.get(mod.module)?.dir;
      if (dir !== undefined && rel.startsWith(`${dir}/`)) return true;
    }
  }
  return false;
}

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
function* blockingReasons(set: MigrationSet, diagnostics: readonly Diagnostic[]): Sliced<Map<string, string>> {
  const tick = every(1024);
  const out = new Map<string, string>();
  for (const f of set.files) {
    if (f.unreadable !== undefined) out.set(f.name.id, `migration-unreadable: ${f.unreadable}`);
    else if (f.blockers.length > 0) out.set(f.name.id, `${f.blockers[0].rule} at line ${f.blockers[0].line}: ${f.blockers[0].message}`);
    if (tick()) yield;
  }
  const blocking = diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined && d.rule !== 'migration-checksum-drift');
  if (blocking.length === 0) return out;
  const idOf = new Map<string, string>();
  for (const f of set.files) {
    idOf.set(f.file, f.name.id);
    if (tick()) yield;
  }
  for (const d of blocking) {
    const id = idOf.get(d.file as string);
    if (id !== undefined && !out.has(id)) out.set(id, `${d.rule}${d.line !== undefined ? ` at line ${d.line}` : ''}: ${d.message}`);
  }
  return out;
}

/**
 * What a plan was made of besides the load order (issue 16), for the next plan of the same target
 * to take what is still valid of it: all of it while the migration set (the same object:
 * readMigrationSet keeps it while no file it reads changed), the ledger and the platform waivers
 * are the same; else the steps worked out (ResolvedPlan) while the set holds the same classified
 * files (a re-check that moved modules rebuilds the set around them), the ledger is the same and
 * the same steps are blocked. Then only the sorting is done again. Read-only once made.
 */
export interface PlanParts {
  set: MigrationSet;
  ledger: LedgerState;
  waivers: Registry['waivers'];
  diagnostics: Diagnostic[];
  blocked: Map<string, string>;
  resolved: ResolvedPlan;
  /** The plan of an empty database, resolved when a step is applied (the view's columns), made once. */
  empty?: ResolvedPlan;
}

/** `held` when its set, ledger and waivers are the ones given (the caller vouches for the ledger being the same state). */
function* planParts(ctx: AnalysisContext, set: MigrationSet, ledger: LedgerState, db: DatabaseChoice, held?: PlanParts | null): Sliced<PlanParts> {
  if (held && held.set === set && held.ledger === ledger && held.waivers === ctx.registry.waivers) return held;
  const { kept } = findings(set, ledger, db);
  yield;
  const diagnostics = withPlatformWaivers(kept, ctx.registry);
  yield;
  const blocked = yield* blockingReasons(set, diagnostics);
  const waivers = ctx.registry.waivers;
  if (held && held.ledger === ledger && !held.resolved.cut && sameBlocked(held.blocked, blocked) && sameFiles(held.set.files, set.files)) {
    return { set, ledger, waivers, diagnostics, blocked, resolved: held.resolved, empty: held.empty?.cut === false ? held.empty : undefined };
  }
  const resolved = yield* resolvePlan({ files: set.files, ledger: ledger.rows, blocked });
  // Each step's dialect and maintenance window, once per resolved plan (the steps are kept with it).
  yield;
  const byId = new Map(set.files.map((f) => [f.name.id, f]));
  yield;
  const tick = every(256);
  for (const n of [...resolved.done, ...resolved.open]) {
    const step = n.step as MigrationStep;
    const f = byId.get(step.id);
    if (f?.dialect) step.dialect = f.dialect;
    if (f && step.status !== 'applied' && step.status !== 'drifted') {
      const window = windowStatements(f, step.wave);
      if (window.length > 0) step.window = window;
    }
    if (tick()) yield;
  }
  return { set, ledger, waivers, diagnostics, blocked, resolved };
}

function sameBlocked(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, reason] of a) if (b.get(id) !== reason) return false;
  return true;
}

/** The same classified file objects, each module's in the same order (modules may come in another order). */
function sameFiles(a: readonly PlannedFile[], b: readonly PlannedFile[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const at = new Map<PlannedFile, number>();
  a.forEach((f, i) => at.set(f, i));
  if (at.size !== a.length) return false;
  const last = new Map<string, number>();
  for (const f of b) {
    const i = at.get(f);
    if (i === undefined || i < (last.get(f.module) ?? -1)) return false;
    last.set(f.module, i);
  }
  return true;
}

/** The plan for one target; `set` already seen by the target's dialect (forDialect). */
export function computePlan(ctx: AnalysisContext, set: MigrationSet, ledger: LedgerState, db: DatabaseChoice, phase?: MigrationPhase): MigrationPlan {
  return runToEnd(computePlanSliced(ctx, set, ledger, db, phase)).plan;
}

/** computePlan in slices (engine/slices.ts), taking what `held` can give (PlanParts). */
export function* computePlanSliced(ctx: AnalysisContext, set: MigrationSet, ledger: LedgerState, db: DatabaseChoice, phase?: MigrationPhase, held?: PlanParts | null): Sliced<{ plan: MigrationPlan; parts: PlanParts }> {
  const parts = yield* planParts(ctx, set, ledger, db, held);
  const steps = yield* orderPlan(parts.resolved, ctx.registry.order);
  return { plan: { steps: phase ? steps.filter((s) => s.wave === PHASE_RANK[phase]) : steps, diagnostics: parts.diagnostics }, parts };
}

/** `migrate plan`: the ordered steps with their status, and the findings; no writes. */
export function planCheckout(ctx: AnalysisContext, db: DatabaseChoice, phase?: MigrationPhase): PlanResult {
  return runToEnd(planCheckoutSliced(ctx, db, phase));
}

/**
 * planCheckout in slices. `held`: what a plan of the same SQLite target made while its ledger file
 * was as it is now (PlanMemo vouches for that): its ledger state is taken instead of read again.
 */
export function* planCheckoutSliced(ctx: AnalysisContext, db: DatabaseChoice, phase?: MigrationPhase, held?: PlanParts | null): Sliced<PlanResult & { parts: PlanParts }> {
  const set = forDialect(readMigrationSet(ctx), 'sqlite');
  const ledger = held?.ledger ?? readLedgerState(db, db.display === DEFAULT_DEV_DB ? ctx.files : null);
  if (ledger.error && db.display !== DEFAULT_DEV_DB) throw new LedgerError(ledger.error);
  const { plan, parts } = yield* computePlanSliced(ctx, set, ledger, db, phase, held);
  return { plan, database: databaseInfo(db, ledger.exists), set, parts };
}
