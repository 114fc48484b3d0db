import type { Diagnostic, DiagnosticSummary, OmittedFindings, WaivedDiagnostic } from './diagnostic';
import type { ModuleRecord, Tier } from './model';

/**
 * The pull-request check (SPEC §6): what the working tree changes against a base revision, as a
 * semantic diff of the platform, plus the PR rules' findings. `mwb pr-check --format json` prints
 * a PrCheckReport; the Changes view gets the same object through `changes.check`.
 */

export type ChangeKind = 'added' | 'removed' | 'changed';

/** A file of the checkout that differs between the base and the working tree. */
export interface FileChange {
  /** Checkout-relative with `/`. */
  path: string;
  status: 'added' | 'modified' | 'deleted';
}

export interface ModuleDiff {
  name: string;
  change: ChangeKind;
  /** Tier in the working tree, or at the base for a removed module. */
  tier: Tier;
  baseTier: Tier | null;
  headTier: Tier | null;
  baseVersion: string | null;
  headVersion: string | null;
  /** Module folder (the working tree's, or the base's for a removed module). */
  path: string;
  /** Changed files inside the module folder, sorted. */
  files: string[];
  manifestChanged: boolean;
  /** The base had a manifest in this folder that could not be read or parsed (why, with its line): the module is not new. */
  baseUnreadable?: string;
}

export type DiffCategory = 'version' | 'tier' | 'dependency' | 'capability' | 'permission' | 'route' | 'event' | 'migration';

/** One semantic change inside a module present on both sides. */
export interface DiffEntry {
  module: string;
  category: DiffCategory;
  change: ChangeKind;
  /** Dependency or capability name, permission id, `METHOD /path`, event name, migration file name. */
  subject: string;
  /** `required` / `optional` (dependency), `requires` / `provides` (capability), `publishes` / `subscribes` (event). */
  role?: string;
  before?: string;
  after?: string;
}

/** A dependency edge (snapshot direction: `from` needs `to`) that exists on one side only. */
export interface EdgeChange {
  from: string;
  to: string;
  kind: 'dependency' | 'optional';
  change: 'added' | 'removed';
}

export interface PlatformDiff {
  modules: ModuleDiff[];
  entries: DiffEntry[];
  edges: EdgeChange[];
  files: FileChange[];
  summary: { modulesAdded: number; modulesRemoved: number; modulesChanged: number; entries: number; files: number };
}

export interface BaseRevision {
  /** What was asked for (`--base`), or how the default was found (`merge-base HEAD main`). */
  rev: string;
  sha: string;
  subject: string;
  /** `explicit` for --base, else the merge base with this ref (`main`, `master`, `origin/HEAD`). */
  how: 'explicit' | 'merge-base';
  against?: string;
}

export interface HeadRevision {
  sha: string;
  /** The current branch; null when HEAD is detached. */
  branch: string | null;
  detached: boolean;
}

/** What `pr-check --format json` prints: the SPEC §7 diagnostics plus the diff. */
export interface PrCheckReport {
  checkout: string;
  base: BaseRevision;
  head: HeadRevision;
  diff: PlatformDiff;
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary & { waived: number };
  waived: WaivedDiagnostic[];
  /** Findings beyond the per-rule cap, counted by rule (the summary counts every finding). */
  omitted: OmittedFindings[];
}

/**
 * How far a pull-request check is: comparing the working tree with the base (`done` of `total`
 * files), then building and checking both platforms, with the files that differ already known.
 */
export interface PrCheckProgress {
  phase: 'compare' | 'check';
  done: number;
  total: number;
  files?: FileChange[];
}

/** The `changes.progress` event: a check's progress, for the base the view asked for ('' the default base). */
export interface ChangesProgress extends PrCheckProgress {
  checkout: string;
  base: string;
}

/** The Changes view's result: the report, and the removed modules as they were at the base (drawn as ghosts). */
export interface ChangesResult {
  report: PrCheckReport;
  removedModules: ModuleRecord[];
}

export interface GitBranch {
  name: string;
  sha: string;
  remote: boolean;
  current: boolean;
  /** Committer date of the tip, ISO 8601. */
  date: string;
}

export interface GitCommit {
  sha: string;
  subject: string;
  author: string;
  date: string;
}

/** What the base picker offers: branches, recent commits, and the default base (or why there is none). */
export interface GitRefs {
  head: HeadRevision;
  branches: GitBranch[];
  commits: GitCommit[];
  defaultBase: { ok: true; base: BaseRevision } | { ok: false; message: string };
}
