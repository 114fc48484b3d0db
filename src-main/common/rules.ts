import type { Severity } from './diagnostic';

/**
 * The rule catalogue. Ids are stable: a rule is never renamed and an id is never reused.
 * `status: 'planned'` marks rules whose checks arrive with a later part of the engine
 * (they are listed now so that waivers, docs and SARIF metadata know every id).
 */
export type RuleCategory =
  | 'manifest'
  | 'platform'
  | 'dependency'
  | 'capability'
  | 'event'
  | 'permission'
  | 'tenancy'
  | 'tables'
  | 'migration'
  | 'pr'
  | 'note';

export interface RuleInfo {
  id: string;
  severity: Severity;
  category: RuleCategory;
  summary: string;
  status: 'active' | 'planned';
}

const catalogue = [
  // Manifests and the platform file
  ['manifest-parse-error', 'error', 'manifest', 'A YAML file does not parse (syntax error, duplicate key, alias bomb).', 'active'],
  ['manifest-unreadable', 'error', 'manifest', 'A manifest cannot be read: a folder in its place, not UTF-8, over the size limit, a symlink loop.', 'active'],
  ['manifest-invalid', 'error', 'manifest', 'A manifest violates the module schema; the message names the field path.', 'active'],
  ['manifest-unknown-key', 'warning', 'manifest', 'A manifest has a top-level key the schema does not know (kept for forward compatibility).', 'active'],
  ['platform-invalid', 'error', 'platform', 'platform.yaml violates its schema, or names an unknown profile.', 'active'],
  ['waiver-stale', 'warning', 'platform', 'A waiver in platform.yaml matches no finding.', 'active'],
  ['path-outside-module', 'error', 'manifest', 'A path declared in a manifest leaves the module folder.', 'active'],
  ['module-glob-unmatched', 'error', 'platform', 'A module discovery glob in platform.yaml matches no module folder.', 'active'],
  ['module-duplicate', 'error', 'manifest', 'Two manifests declare the same module name.', 'active'],
  ['module-name-mismatch', 'warning', 'manifest', 'A module name differs from its folder name.', 'active'],
  // Dependencies, versions and tiers
  ['dependency-missing', 'error', 'dependency', 'A dependency names no module.', 'active'],
  ['dependency-version-mismatch', 'error', 'dependency', "A dependency's version is outside the required range.", 'active'],
  ['dependency-cycle', 'error', 'dependency', 'Modules depend on each other in a cycle; the message spells the whole path.', 'active'],
  ['core-version-unsatisfied', 'error', 'dependency', "min_core_version excludes the platform's core version.", 'active'],
  ['tier-violation', 'error', 'dependency', 'A core module depends on an optional or internal one, or an optional module on an internal one.', 'active'],
  ['optional-dependency-missing', 'info', 'dependency', 'An optional dependency is absent.', 'active'],
  // Capabilities, events, configuration
  ['capability-missing', 'error', 'capability', 'A required capability is provided neither by a module nor by the active profile; the module and its dependents are blocked.', 'active'],
  ['capability-version-mismatch', 'error', 'capability', 'A provided capability version is outside the required range.', 'active'],
  ['capability-provider-conflict', 'warning', 'capability', 'Two modules provide the same capability.', 'active'],
  ['event-no-publisher', 'warning', 'event', 'A module subscribes to an event that no module publishes.', 'active'],
  ['config-defaults-invalid', 'error', 'manifest', "A module's config defaults fail its config schema.", 'active'],
  ['error-code-duplicate', 'error', 'manifest', 'An error code is declared twice across the platform.', 'active'],
  ['message-catalog-missing', 'error', 'manifest', 'A declared message catalog file is absent.', 'active'],
  ['schedule-invalid', 'error', 'manifest', 'A schedule has a bad cron expression or names an undeclared task.', 'active'],
  // Permissions
  ['permission-format', 'error', 'permission', 'A permission id is not module.resource.action.', 'active'],
  ['permission-duplicate', 'error', 'permission', 'The same permission id is declared twice.', 'active'],
  ['permission-foreign-namespace', 'warning', 'permission', "A module declares a permission outside its own namespace.", 'active'],
  ['broad-scope-undocumented', 'error', 'permission', 'A wildcard permission, or a role granting one, has no risk text.', 'active'],
  ['route-permission-missing', 'error', 'permission', 'A route has neither a permission nor public: true.', 'active'],
  ['route-permission-undeclared', 'error', 'permission', 'A route requires a permission nobody declares.', 'active'],
  ['route-permission-foreign', 'warning', 'permission', 'A route requires a permission of a module its module does not depend on.', 'active'],
  ['role-grant-unknown', 'error', 'permission', 'roles.yaml grants an id or wildcard that covers no declared permission.', 'active'],
  ['permission-ungranted', 'warning', 'permission', 'A declared permission is granted by no role.', 'active'],
  ['roles-invalid', 'error', 'permission', 'The roles file does not have the shape roles: {<role>: {grants: [..], risk?: ..}}.', 'active'],
  ['roles-not-editable', 'error', 'permission', 'permissions reconcile cannot write the roles file safely (a YAML anchor or alias, a grant sharing its line); edit it by hand.', 'active'],
  // Tenancy
  ['tenant-table-missing-column', 'error', 'tenancy', "A scoped module's migration creates a table without the tenant column.", 'active'],
  ['tenant-query-unscoped', 'error', 'tenancy', "SQL in a scoped module's source touches its tables without the tenant column.", 'active'],
  // Data isolation (src-main/engine/tables)
  ['table-created-twice', 'error', 'tables', 'A migration creates a table that a migration (of the same or another module) already created; one module owns each table.', 'active'],
  ['table-foreign-write', 'error', 'tables', "A module's migration alters, drops, renames or writes rows into a table another module owns.", 'active'],
  ['table-foreign-key-unrelated', 'error', 'tables', "A foreign key to another module's table, from a module that does not depend on the owner.", 'active'],
  ['table-cross-module-query', 'warning', 'tables', "SQL in a module's sources or migrations reads another module's table (shared core tables excepted).", 'active'],
  ['table-prefix', 'warning', 'tables', "A new table's name is neither prefixed with its module's name nor in the module's schema (platform.yaml tables.naming).", 'active'],
  // Migrations
  ['migration-name-invalid', 'error', 'migration', 'A migration file name is not <module>_<NNNN>_<slug>.<phase>.sql.', 'active'],
  ['migration-sequence-duplicate', 'error', 'migration', 'Two migrations of a module share a sequence number.', 'active'],
  ['migration-sequence-gap', 'warning', 'migration', "A gap in a module's migration sequence.", 'active'],
  ['migration-phase-violation', 'error', 'migration', 'A statement is not allowed in its migration phase.', 'active'],
  ['migration-depends-unknown', 'error', 'migration', 'A -- depends: header names no migration.', 'active'],
  ['migration-checksum-drift', 'error', 'migration', 'An applied migration file changed since it was applied.', 'active'],
  ['migration-applied-missing', 'error', 'migration', 'The ledger holds a migration whose file is gone.', 'active'],
  ['migration-out-of-order', 'error', 'migration', 'A pending migration sorts before an applied one of its module.', 'active'],
  ['migration-depends-cycle', 'error', 'migration', 'Migrations wait for each other in a cycle (through -- depends: headers); none of them can run.', 'active'],
  ['migration-unreadable', 'error', 'migration', 'A migration file cannot be read: not UTF-8, over the size limit, a folder or a FIFO in its place; nothing of its module after it runs.', 'active'],
  ['migration-ledger-unreadable', 'error', 'migration', 'The target database cannot be read as a migration ledger (not SQLite, a foreign workbench_migrations table).', 'active'],
  ['migration-statement-forbidden', 'error', 'migration', 'A migration statement the runner never runs, in any phase: transaction control, ATTACH, DETACH, VACUUM INTO, extension loading.', 'active'],
  ['migration-statement-unrunnable', 'error', 'migration', "A migration statement SQLite refuses or ignores inside the runner's transaction (VACUUM, PRAGMA journal_mode / foreign_keys, ADD COLUMN forms SQLite rejects).", 'active'],
  ['migration-split-uncertain', 'error', 'migration', 'A migration cannot be split into statements with certainty (an unterminated quote, comment or trigger body); it never runs.', 'active'],
  ['migration-dialect-invalid', 'error', 'migration', 'A -- dialect: header names no dialect the runner knows (sqlite, postgres).', 'active'],
  ['migration-header-misplaced', 'error', 'migration', 'A depends: or waiver: line after the first statement, where it is not a header and does nothing.', 'active'],
  // Pull-request checks
  ['module-version-not-bumped', 'error', 'pr', "A module's files changed against the base but its version did not move up (the same, or lower).", 'active'],
  ['breaking-removal', 'error', 'pr', 'A removed module, capability, permission or event is still used.', 'active'],
  ['migration-edited', 'error', 'pr', 'A migration that exists on the base was modified.', 'active'],
  ['core-change-without-note', 'warning', 'pr', 'A core-tier module changed and no added note names it.', 'active'],
  // Drupal (src-main/adapters/drupal)
  ['drupal-dependency-not-in-checkout', 'info', 'dependency', 'A Drupal module depends on a module that is not on disk, but composer requires the project that provides it.', 'active'],
  ['drupal-permission-unverifiable', 'info', 'permission', 'A Drupal role grants a permission no module on disk declares, but one that a module could build at runtime (permission_callbacks) or an absent module could provide.', 'active'],
  ['drupal-module-lifecycle', 'info', 'manifest', 'A Drupal module is experimental, deprecated or obsolete (its info file says lifecycle:).', 'active'],
  // Python platforms (src-main/adapters/python: the AppModule and Odoo adapters read Python without running it)
  ['python-not-static', 'info', 'manifest', 'A value in a Python module definition or manifest cannot be read without running the code (a call, a comprehension, a name bound in no file read); the rest of the module still loads.', 'active'],
  // Odoo (src-main/adapters/odoo)
  ['odoo-addon-not-installable', 'info', 'manifest', "An Odoo addon's manifest says installable: False: Odoo does not offer it, so it is not part of the graph.", 'active'],
  ['odoo-access-everyone', 'info', 'permission', 'An Odoo access right (ir.model.access) has no group: it applies to every user, portal and public users included.', 'active'],
  ['odoo-access-group-outside-dependencies', 'error', 'permission', "An Odoo access right grants to a group of an addon that is not among its addon's dependencies: loading it fails unless that addon happens to be installed first.", 'active'],
  // Notes
  ['note-invalid', 'error', 'note', "A note's front matter is missing a field or names an unknown module.", 'active'],
] as const satisfies readonly (readonly [string, Severity, RuleCategory, string, 'active' | 'planned'])[];

export type RuleId = (typeof catalogue)[number][0];

export const RULES: ReadonlyMap<RuleId, RuleInfo> = new Map(
  catalogue.map(([id, severity, category, summary, status]) => [id, { id, severity, category, summary, status }]),
);

export const RULE_IDS: readonly RuleId[] = catalogue.map((r) => r[0]);

export function isRuleId(value: string): value is RuleId {
  return RULES.has(value as RuleId);
}

export function ruleInfo(id: RuleId): RuleInfo {
  const info = RULES.get(id);
  if (!info) throw new Error(`unknown rule ${id}`);
  return info;
}

/** Relative link from the repository root to a rule's documentation page. */
export function ruleDocPath(id: RuleId): string {
  return `docs/rules/${id}.md`;
}
