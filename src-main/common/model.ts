import type { Diagnostic, DiagnosticSummary, WaivedDiagnostic, OmittedFindings } from './diagnostic';

export type Tier = 'core' | 'optional' | 'internal';
export const TIERS: readonly Tier[] = ['core', 'optional', 'internal'];
export const TIER_RANK: Record<Tier, number> = { core: 0, optional: 1, internal: 2 };

export type ModuleStatus = 'ok' | 'blocked' | 'invalid';

/** `name` or `name <range>` in dependencies / optional_dependencies. */
export interface DependencyRef {
  name: string;
  range?: string;
}

/** `cap` or `cap <range>` (requires) / `cap` or `cap <version>` (provides, profiles). */
export interface CapabilityRef {
  name: string;
  /** A semver range for a requirement, a version for a provision. */
  version?: string;
}

export interface PermissionDecl {
  id: string;
  description?: string;
  risk?: string;
  default_roles?: string[];
}

export interface RouteDecl {
  method: string;
  path: string;
  permission?: string;
  permissions?: string[];
  public?: boolean;
  tenant_scoped?: boolean;
}

export interface ModuleManifest {
  name: string;
  version?: string;
  tier: Tier;
  description?: string;
  min_core_version?: string;
  dependencies: DependencyRef[];
  optional_dependencies: DependencyRef[];
  requires: CapabilityRef[];
  provides: CapabilityRef[];
  permissions: PermissionDecl[];
  routes: RouteDecl[];
  publishes: string[];
  subscribes: string[];
  tenancy: 'scoped' | 'global';
  migrations: string;
  hooks: Record<string, string>;
  tasks: { name: string; handler: string }[];
  schedules: { task: string; cron: string }[];
  error_codes: { code: string; message: string }[];
  message_catalogs: string[];
  config?: { schema?: unknown; defaults?: unknown };
  /** The ecosystem's own grouping of modules (Drupal's `package:` in the .info.yml), set by adapters that have one; the graph groups by it. */
  package?: string;
}

/** Why a module cannot load in the active profile; `via` names the module the reason passes through. */
export interface BlockReason {
  reason: string;
  via?: string;
}

export interface ModuleSummary {
  name: string;
  version: string | null;
  tier: Tier;
  /** Module folder, checkout-relative. */
  path: string;
  status: ModuleStatus;
}

export interface ModuleRecord extends ModuleSummary {
  /** Manifest file, checkout-relative. */
  manifestFile: string;
  manifest: ModuleManifest;
  /** Chain of reasons, first the direct one, last the root cause. Empty unless blocked. */
  blockedBy: BlockReason[];
}

export type EdgeKind = 'dependency' | 'optional' | 'capability' | 'event';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Capability or event name for those kinds. */
  label?: string;
  /** The manifest entry of `from` that makes this edge: its file and position, and the entry as written (`inventory >= 2.0.0`). */
  at?: EdgeSource;
}

export interface EdgeSource {
  file: string;
  line: number;
  column: number;
  text: string;
}

export interface ProfileInfo {
  name: string;
  capabilities: CapabilityRef[];
}

/** platform.yaml `tables.naming`: how a module's tables are told apart (a name prefix, a schema, or not checked). */
export type TableNaming = 'prefix' | 'schema' | 'none';
export const TABLE_NAMINGS: readonly TableNaming[] = ['prefix', 'schema', 'none'];

/** platform.yaml `tables`: the data-isolation rules' settings. */
export interface TablesPolicy {
  naming: TableNaming;
  /** Tables of core-tier modules that other modules may read (lower case, `name` or `schema.name`). */
  shared: string[];
}

export interface PlatformInfo {
  name: string;
  coreVersion: string | null;
  profiles: ProfileInfo[];
  defaultProfile: string;
  moduleGlobs: string[];
  rolesFile: string;
  notesDir: string;
  tenantColumn: string;
  /** platform.yaml database.dialect: the SQL dialect of the migrations (absent: sqlite). */
  dialect?: 'sqlite' | 'postgres';
  /** platform.yaml database.connections: named PostgreSQL targets, each read from an environment variable. */
  connections?: { name: string; env: string }[];
  tables: TablesPolicy;
  /** The adapter that read the checkout (src-main/adapters), when not the native format. */
  kind?: string;
}

/** What `check --format json` prints (SPEC §7), plus the waived findings. */
export interface CheckReport {
  checkout: string;
  profile: string;
  modules: ModuleSummary[];
  order: string[];
  diagnostics: Diagnostic[];
  summary: DiagnosticSummary & { waived: number };
  waived: WaivedDiagnostic[];
  /** Rules with more findings than the per-rule cap, and how many were not listed. */
  omitted: OmittedFindings[];
}
