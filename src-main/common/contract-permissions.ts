import type { Diagnostic } from './diagnostic';

/**
 * The permission reconciler's data, shared by the engine, the CLI's JSON and the Permissions view
 * (SPEC §5). Paths are checkout-relative with `/`; lines and columns are 1-based.
 */

export interface PermissionRouteRef {
  module: string;
  method: string;
  path: string;
  file: string;
  line: number;
  column: number;
}

/** A role holding a permission: through the grant equal to it (direct) or a wildcard grant. */
export interface PermissionHolder {
  role: string;
  grant: string;
  direct: boolean;
}

export interface CatalogPermission {
  id: string;
  module: string;
  description: string | null;
  risk: string | null;
  /** A broad scope: a `*` segment. */
  wildcard: boolean;
  defaultRoles: string[];
  file: string;
  line: number;
  column: number;
  /** Routes that require it, in module load order. */
  routes: PermissionRouteRef[];
  /** Roles that grant it, in roles-file order. */
  grantedBy: PermissionHolder[];
}

export interface RoleGrantView {
  id: string;
  line: number;
  column: number;
  wildcard: boolean;
  /** How many declared permissions it covers; 0 means stale (role-grant-unknown). */
  covers: number;
}

export interface RoleView {
  name: string;
  line: number;
  column: number;
  risk: string | null;
  description: string | null;
  grants: RoleGrantView[];
}

/** `mwb permissions catalog --format json`, and what the view draws its table and matrix from. */
export interface PermissionCatalog {
  checkout: string;
  rolesFile: string;
  /** Every declared permission (first declaration of each id), sorted by id. */
  permissions: CatalogPermission[];
  roles: RoleView[];
  /** Problems of the roles file itself (unreadable, not YAML, wrong shape). */
  diagnostics: Diagnostic[];
  /**
   * Set when the ecosystem keeps its roles outside the checkout (an AppModule platform's role
   * templates live in its database): who holds a permission is then unknown, never "ungranted".
   */
  rolesElsewhere?: string;
}

export interface RoleReconcile {
  role: string;
  /** Desired grants (default_roles) that no grant of the role covers yet. */
  add: string[];
  /** Grants of the role that cover no declared permission. */
  stale: string[];
}

/** SPEC §7: `permissions reconcile --format json`. */
export interface ReconcilePlan {
  /** Existing roles in file order, then roles to create, by name. */
  roles: RoleReconcile[];
  /** Whether anything is to add or stale: a dry run exits 1 when true. */
  required: boolean;
}

export type DiffLine =
  | { kind: 'same' | 'remove'; text: string; oldLine: number; newLine?: number }
  | { kind: 'add'; text: string; newLine: number }
  /** Unchanged lines left out between hunks. */
  | { kind: 'gap'; count: number };

/** What reconcile would write (or why it cannot), for the CLI's dry run and the view's preview. */
export interface ReconcilePreview {
  rolesFile: string;
  plan: ReconcilePlan;
  removeStale: boolean;
  /** Roles to create (no such key in the roles file yet). */
  created: string[];
  /** The change to the roles file as diff lines with context; empty when nothing would change. */
  diff: DiffLine[];
  /** sha256 of the roles file on disk (null when it does not exist): the base for applying. */
  baseVersion: string | null;
  /** Whether `apply` can write: false when the roles file is unreadable, not YAML or of the wrong shape. */
  canApply: boolean;
  /** Why `apply` cannot write, in a sentence; null when it can. */
  problem: string | null;
  /** Problems of the roles file that prevent writing it. */
  diagnostics: Diagnostic[];
}

export type ReconcileApplyResult =
  /** Written; `plan` is what remains afterwards (stale grants kept without removeStale). */
  | { status: 'applied'; version: string; written: string; plan: ReconcilePlan }
  | { status: 'unchanged'; plan: ReconcilePlan }
  /** The roles file changed on disk since the preview: nothing written. */
  | { status: 'conflict'; message: string }
  /** The roles file cannot be written safely (its diagnostics say why): nothing written. */
  | { status: 'refused'; message: string; diagnostics: Diagnostic[] };

export type CodegenLanguage = 'ts' | 'go' | 'python';
export const CODEGEN_LANGUAGES: readonly CodegenLanguage[] = ['ts', 'go', 'python'];
