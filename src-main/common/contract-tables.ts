import type { Diagnostic } from './diagnostic';
import type { TableNaming, Tier } from './model';

/**
 * Data isolation (`mwb tables`, the Tables view): which module owns each table (the one whose
 * migration creates it), its columns and foreign keys as the migrations say, and its tenant column.
 */

export interface TableForeignKey {
  columns: string[];
  /** The referenced table's key (`name` or `schema.name`). */
  to: string;
  toColumns: string[];
  /** The module owning the referenced table; null when no migration creates it. */
  owner: string | null;
  /** Where the foreign key is declared. */
  file: string;
  line: number;
}

export interface TableInfo {
  /** `name`, or `schema.name` outside the default schema. */
  key: string;
  schema: string | null;
  name: string;
  owner: string;
  tier: Tier;
  /** The statement that created it (under its first name). */
  file: string;
  line: number;
  column: number;
  /** Earlier names, oldest first, when its module renamed it. */
  renamedFrom: string[];
  /** Column names as the migrations leave them; null when a CREATE TABLE ... AS SELECT made it. */
  columns: string[] | null;
  foreignKeys: TableForeignKey[];
  /** Whether the owner is `tenancy: scoped`, and whether the table has the tenant column (null: unknown). */
  scoped: boolean;
  tenantColumn: boolean | null;
  /** Listed in platform.yaml `tables.shared` (a core table other modules may read). */
  shared: boolean;
}

export interface TablesReport {
  /** False when the checkout's ecosystem does not say which tables exist (the rules then say nothing). */
  known: boolean;
  /** Why tables are not known, for `mwb tables` and the view. */
  reason?: string;
  naming: TableNaming;
  tenantColumn: string;
  tables: TableInfo[];
  /** The table-* findings (after waivers), for the view's badges. */
  diagnostics: Diagnostic[];
}
