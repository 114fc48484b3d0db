import type { Diagnostic } from './diagnostic';

/**
 * The migration planner's part of the contract (SPEC §4, §7): what `mwb migrate` prints as JSON
 * and what the Migrations view draws.
 */
export type MigrationPhase = 'expand' | 'backfill' | 'contract' | 'maintenance';

export const MIGRATION_PHASES: readonly MigrationPhase[] = ['expand', 'backfill', 'contract', 'maintenance'];

/** Phase rank, which is also the wave a phase's migrations start in. */
export const PHASE_RANK: Record<MigrationPhase, number> = { expand: 1, backfill: 2, contract: 3, maintenance: 4 };

/** Waves that run only with an explicit maintenance window (`--yes`). */
export const CONFIRM_FROM_WAVE = 3;

/** The SQL dialects migrations are written in and run against: the embedded SQLite dev database, PostgreSQL. */
export type SqlDialect = 'sqlite' | 'postgres';

export const SQL_DIALECTS: readonly SqlDialect[] = ['sqlite', 'postgres'];

/** A statement that needs the maintenance window (`--yes`), and why. */
export interface WindowStatement {
  line: number;
  /** The statement's first line, shortened. */
  statement: string;
  why: string;
  /** It cannot run inside a transaction: it runs alone, outside one, with its ledger row written after it succeeded. */
  outsideTransaction?: boolean;
}

export type StepStatus = 'applied' | 'pending' | 'drifted' | 'blocked';

/** One migration in plan order: `migrate plan --format json` prints these (SPEC §7). */
export interface MigrationStep {
  /** The file name without `.<phase>.sql`, e.g. billing_0003_invoice_status. */
  id: string;
  module: string;
  sequence: number;
  phase: MigrationPhase;
  /** The slug that several phases of one change share. */
  change: string;
  /** 1-4 for pending and blocked steps (SPEC §4), 0 for steps the ledger records as applied. */
  wave: number;
  /** Checkout-relative path of the SQL file. */
  file: string;
  status: StepStatus;
  /** Why a step is blocked or drifted (or when it was applied). */
  reason?: string;
  /** `-- dialect:` header: the step runs on targets of that dialect only. */
  dialect?: SqlDialect;
  /**
   * Pending steps that need the maintenance window: every statement of a contract or maintenance
   * migration, and (any phase) a statement that cannot run inside a transaction.
   */
  window?: WindowStatement[];
}

export interface MigrationPlan {
  steps: MigrationStep[];
  /** The migration and tenancy findings (waivers applied), ledger findings included when the database exists. */
  diagnostics: Diagnostic[];
}

/** The target database of plan / preflight / apply. */
export interface MigrationDatabase {
  /** As given (checkout-relative for the default `.workbench/dev.sqlite`); a PostgreSQL URL without its password. */
  path: string;
  exists: boolean;
  /** Absent: sqlite. */
  dialect?: SqlDialect;
}

/** A migration target the Migrations view can pick: the dev SQLite database or a connection named in platform.yaml. */
export interface MigrationTargetChoice {
  /** `dev` for the SQLite dev database, else the connection's name in platform.yaml. */
  id: string;
  dialect: SqlDialect;
  /** What it is, never with a password: `.workbench/dev.sqlite`, `postgres from $SHOP_DATABASE_URL`. */
  label: string;
  /** Why it cannot be used now (its environment variable is not set ...). */
  unavailable?: string;
}

/** What the Migrations view shows: the plan, the database, and the modules in load order. */
export interface MigrationsView extends MigrationPlan {
  database: MigrationDatabase;
  order: string[];
  /**
   * For applied and drifted steps (wave 0 in the plan): the wave each has in the plan of an empty
   * database, so the timeline keeps drawing it in its wave after it is applied.
   */
  columns: Record<string, number>;
  /**
   * On a checkout an adapter read (Drupal): the ecosystem's own updates in its run order, the same
   * plan `mwb migrate plan` prints (then `steps` is empty). The workbench never runs them.
   */
  updates?: EcosystemUpdates;
  /** The targets the view can pick (the dev database first), and the one this plan is for (`dev` or a connection name). */
  targets?: MigrationTargetChoice[];
  target?: string;
}

/** One update an ecosystem runs on deploy (Drupal: hook_update_N or a post-update), where it is declared. */
export interface EcosystemUpdate {
  id: string;
  module: string;
  /** `update` or `post-update` for Drupal. */
  kind: string;
  number: number | null;
  summary?: string;
  file: string;
  line: number;
  column: number;
  /** Updates it waits for besides the previous one of its module (hook_update_dependencies). */
  after: string[];
}

export interface EcosystemUpdates {
  /** The adapter that read the checkout, e.g. `drupal`. */
  kind: string;
  /** How the ecosystem runs them, e.g. `drush updatedb`. */
  runWith: string;
  /** In run order. */
  steps: EcosystemUpdate[];
  /** Why preflight and apply are not offered ("its updates are PHP, ..."). */
  notRun: string;
  /** What orders a step after the ones in its `after` (Drupal: hook_update_dependencies; AppModule: depends_on). */
  afterNote?: string;
}

/** What happened to a step in preflight or apply. */
export type StepOutcome = 'ok' | 'applied' | 'failed' | 'skipped' | 'held' | 'blocked' | 'not-run';

export interface StepError {
  /** The database's own message. */
  message: string;
  file: string;
  /** Line and column of the statement that failed. */
  line: number;
  column: number;
}

export interface StepRun extends MigrationStep {
  outcome: StepOutcome;
  /** Why a step was skipped, held or blocked. */
  note?: string;
  error?: StepError;
  durationMs?: number;
}

export interface MigrationRun {
  command: 'preflight' | 'apply';
  database: MigrationDatabase;
  /** The selected steps, in plan order, with what happened to each. */
  steps: StepRun[];
  diagnostics: Diagnostic[];
  /** False when a step failed, was blocked or (preflight) was skipped because of one; steps held for --yes are no failure. */
  ok: boolean;
  /** Why apply stopped early: a failure, a blocked step, or a wave that needs --yes. */
  stopped?: string;
  /** Preflight --scratch-clone: the scratch database the steps ran in (dropped when the run ended). */
  scratch?: string;
}

export interface MigrationProgress {
  command: 'preflight' | 'apply';
  /** Steps finished so far, and how many are selected. */
  done: number;
  total: number;
  /** The step running now (absent once finished). */
  current?: string;
  last?: { id: string; outcome: StepOutcome };
}
