import type { Diagnostic } from './diagnostic';
import type { MigrationDatabase, MigrationStep, MigrationTargetChoice, EcosystemUpdates } from './contract-migrations';
import type { CatalogPermission, RoleGrantView } from './contract-permissions';

/**
 * Paged results for the views of large platforms (issue 16): the server keeps a whole result
 * (a migration plan, a permission catalog) under an id and the view asks for the window of rows it
 * shows, for the rows a search matches, and for the counts. No view parses a multi-megabyte message.
 */

/** A window of rows asked for by the result's id; `search` keeps only the rows it matches. */
export interface PageParams {
  id: string;
  offset: number;
  limit: number;
  search?: string;
}

/** Rows `offset .. offset + rows.length` of the `total` rows the search matches. */
export interface Page<T> {
  id: string;
  offset: number;
  total: number;
  rows: T[];
}

/** The largest window one request may ask for. */
export const MAX_PAGE_ROWS = 500;

/** The Migrations view's summary: everything but the steps, which come by module (MigrationModuleSteps pages). */
export interface MigrationsSummary {
  /** The id to ask for rows of this plan with (`migrations.rows`); it names one computed plan. */
  id: string;
  database: MigrationDatabase;
  targets?: MigrationTargetChoice[];
  target?: string;
  /** The migration and tenancy findings, as in MigrationsView. */
  diagnostics: Diagnostic[];
  /** Steps by status, and pending or blocked steps by wave (what the apply confirmation names). */
  counts: { total: number; applied: number; pending: number; drifted: number; blocked: number };
  waves: Record<number, number>;
  /** Modules with steps: the timeline's rows. */
  modules: number;
  /** A checkout an adapter read: its ecosystem's updates (then there are no steps). */
  updates?: EcosystemUpdates;
}

/** One timeline row: a module (load order) and its steps, with the columns of its applied steps. */
export interface MigrationModuleSteps {
  module: string;
  steps: MigrationStep[];
  columns: Record<string, number>;
}

/** The Permissions view's summary: counts and roles; the permissions come in pages (`permissions.rows`). */
export interface PermissionsSummary {
  id: string;
  checkout: string;
  rolesFile: string;
  /** Declared permissions, the modules declaring them, how many no role holds, and stale grants. */
  total: number;
  modules: number;
  ungranted: number;
  stale: number;
  /** The roles in file order, with their stale grants only (the matrix's stale list) and how many grants each has. */
  roles: RoleSummary[];
  diagnostics: Diagnostic[];
  rolesElsewhere?: string;
}

export interface RoleSummary {
  name: string;
  line: number;
  column: number;
  risk: string | null;
  description: string | null;
  grantCount: number;
  staleGrants: RoleGrantView[];
}

export type PermissionPage = Page<CatalogPermission>;
export type MigrationPage = Page<MigrationModuleSteps>;
