import type { TableForeignKey, TableInfo } from '../../common/contract-tables';
import type { Diagnostic } from '../../common/diagnostic';
import type { TableNaming, Tier } from '../../common/model';
import { finding } from '../migrations/finding';
import { statementSummary } from '../migrations/sql-split';
import type { ForeignKey, StatementTables } from './statement-tables';
import { moduleTableName, tableKey, type TableName } from './table-name';

/**
 * Table ownership and the data-isolation rules. The module whose migration creates a table owns it;
 * a rename by the owner moves the ownership to the new name; a second CREATE of a table that exists
 * is table-created-twice. Then, statement by statement in plan order: table-foreign-write (a
 * migration changes or writes another module's table), table-foreign-key-unrelated (a foreign key
 * to a module it does not depend on), table-cross-module-query (SQL reads another module's table,
 * shared core tables excepted) and table-prefix (a new name outside the module's prefix or schema).
 * Tables no migration creates are unknown: nothing is said about them.
 */

/** The rules this folder reports (a `-- waiver:` header naming one is this analysis' to match). */
export function isTableRule(rule: string): boolean {
  return rule.startsWith('table-');
}

export interface TableStatement {
  text: string;
  line: number;
  column: number;
  tables: StatementTables;
}

/** One migration file's statements (or one source file's SQL), in order. */
export interface TableSqlFile {
  module: string;
  file: string;
  statements: TableStatement[];
}

export interface TableModule {
  name: string;
  tier: Tier;
  scoped: boolean;
}

export interface TablePolicy {
  naming: TableNaming;
  /** platform.yaml tables.shared: table keys other modules may read when a core-tier module owns them. */
  shared: readonly string[];
  tenantColumn: string;
}

export interface TableCatalogInput {
  /** Migration files in plan order (module load order, then sequence). */
  migrations: readonly TableSqlFile[];
  /** SQL found in module sources (string literals, .sql files outside migrations). */
  sources: readonly TableSqlFile[];
  modules: ReadonlyMap<string, TableModule>;
  /** Whether module `a` depends on module `b`, directly or transitively (strict dependencies). */
  dependsOn(a: string, b: string): boolean;
  policy: TablePolicy;
}

export interface TableCatalog {
  tables: TableInfo[];
  diagnostics: Diagnostic[];
}

interface State {
  info: TableInfo;
}

const VERB: Record<string, string> = { alter: 'alters', drop: 'drops', rename: 'renames', index: 'creates an index on', trigger: 'creates a trigger on', write: 'writes rows into' };

function where(t: TableInfo): string {
  return `${t.file}:${t.line}`;
}

/** Builds the catalog and runs the rules. Pure. */
export function buildTableCatalog(input: TableCatalogInput): TableCatalog {
  const live = new Map<string, State>();
  const all: TableInfo[] = [];
  const diagnostics: Diagnostic[] = [];
  const deferredKeys: { fk: ForeignKey; from: TableInfo | null; module: string; file: string; s: TableStatement }[] = [];
  const shared = new Set(input.policy.shared.map((s) => s.toLowerCase()));
  const tenant = input.policy.tenantColumn.toLowerCase();

  const at = (module: string, file: string, s: TableStatement) => ({ module, file, line: s.line, column: s.column });
  /** Where the table was created (under its first name). */
  const related = (t: TableInfo, what = 'is created here') => [{ message: `${t.renamedFrom[0] ?? t.key} ${what}`, module: t.owner, file: t.file, line: t.line, column: t.column }];
  const lookup = (n: TableName, module: string): TableInfo | undefined => {
    const direct = live.get(tableKey(n))?.info;
    if (direct || n.schema !== null) return direct;
    // An unqualified name in a module with a schema of its own (search_path) may mean that schema's table.
    return live.get(`${moduleTableName(module)}.${n.name}`)?.info;
  };
  const checkName = (module: string, file: string, s: TableStatement, n: TableName) => {
    const naming = input.policy.naming;
    if (naming === 'none') return;
    const own = moduleTableName(module);
    const inSchema = n.schema === own;
    const prefixed = n.name === own || n.name.startsWith(`${own}_`);
    if (inSchema || (naming === 'prefix' && prefixed)) return;
    const how = naming === 'prefix' ? `is neither prefixed with '${own}_' nor in schema ${own}` : `is not in schema ${own}`;
    const fix = naming === 'prefix' ? `name it ${own}_${n.name}` : `create it as ${own}.${n.name}`;
    diagnostics.push(finding('table-prefix', `table ${tableKey(n)} of '${module}' ${how} (platform.yaml tables.naming: ${naming}); ${fix}, so that every table tells its owner`, at(module, file, s)));
  };
  const fkInfo = (fk: ForeignKey, file: string, line: number): TableForeignKey => ({ columns: fk.columns, to: tableKey(fk.to), toColumns: fk.toColumns, owner: null, file, line });
  const checkKey = (fk: ForeignKey, target: TableInfo | undefined, module: string, file: string, s: TableStatement) => {
    if (!target || target.owner === module || input.dependsOn(module, target.owner)) return;
    const cols = fk.columns.length > 0 ? ` (${fk.columns.join(', ')})` : '';
    diagnostics.push({
      ...finding(
        'table-foreign-key-unrelated',
        `a foreign key${cols} of '${module}' references ${target.key} of '${target.owner}', but '${module}' does not depend on '${target.owner}'; add '${target.owner}' to its dependencies (the table must exist first and stay), or keep the id without the foreign key`,
        at(module, file, s),
      ),
      related: related(target),
    });
  };
  const addKeys = (fks: readonly ForeignKey[], table: TableInfo | null, module: string, file: string, s: TableStatement) => {
    for (const fk of fks) {
      const info = fkInfo(fk, file, s.line);
      const target = lookup(fk.to, module);
      if (target) info.owner = target.owner;
      else deferredKeys.push({ fk, from: table, module, file, s });
      table?.foreignKeys.push(info);
      if (target) checkKey(fk, target, module, file, s);
    }
  };

  // Most statements of most files touch their own tables only: the sets and lists below are
  // made when first needed, not per file and statement (45,000 statements on 5,000 modules).
  const NO_TEMPS: ReadonlySet<string> = new Set();
  for (const m of input.migrations) {
    let temps: ReadonlySet<string> = NO_TEMPS;
    for (const s of m.statements) {
      const { created, changed, writes, reads } = s.tables;
      if (created && created.temporary) temps = new Set(temps).add(tableKey(created.table));
      else if (created) {
        const key = tableKey(created.table);
        const existing = live.get(key)?.info;
        if (existing) {
          diagnostics.push({
            ...finding('table-created-twice', `'${statementSummary(s, 60)}' creates ${key}, which '${existing.owner}' already created in ${where(existing)}; one module owns each table: drop it first, or use the table through '${existing.owner}'`, at(m.module, m.file, s)),
            related: related(existing, 'is first created here'),
          });
        } else {
          const mod = input.modules.get(m.module);
          const info: TableInfo = {
            key,
            schema: created.table.schema,
            name: created.table.name,
            owner: m.module,
            tier: mod?.tier ?? 'optional',
            file: m.file,
            line: s.line,
            column: s.column,
            renamedFrom: [],
            columns: created.columns ? [...created.columns] : null,
            foreignKeys: [],
            scoped: mod?.scoped ?? false,
            tenantColumn: null,
            shared: shared.has(key),
          };
          live.set(key, { info });
          all.push(info);
          checkName(m.module, m.file, s, created.table);
          addKeys(created.foreignKeys, info, m.module, m.file, s);
        }
      }
      const foreign: { table: TableInfo; verb: string; name: string }[] = [];
      for (const c of changed) {
        if (temps.size > 0 && temps.has(tableKey(c.table))) continue;
        const t = lookup(c.table, m.module);
        if (!t) continue;
        if (t.owner !== m.module) foreign.push({ table: t, verb: VERB[c.action], name: c.renamedTo ? `${t.key} (to ${tableKey(c.renamedTo)})` : t.key });
        if (c.action === 'drop') live.delete(t.key);
        if (c.action === 'rename' && c.renamedTo) {
          live.delete(t.key);
          // Foreign keys follow the rename, as the database rewrites them.
          for (const other of all) for (const k of other.foreignKeys) if (k.to === t.key) k.to = tableKey(c.renamedTo);
          t.renamedFrom.push(t.key);
          t.key = tableKey(c.renamedTo);
          t.schema = c.renamedTo.schema;
          t.name = c.renamedTo.name;
          t.shared = shared.has(t.key);
          live.set(t.key, { info: t });
          if (t.owner === m.module) checkName(m.module, m.file, s, c.renamedTo);
        }
        if (t.columns) {
          for (const col of c.addedColumns ?? []) if (!t.columns.includes(col)) t.columns.push(col);
          for (const col of c.droppedColumns ?? []) t.columns = t.columns.filter((x) => x !== col);
        }
        addKeys(c.foreignKeys ?? [], t, m.module, m.file, s);
      }
      for (const w of writes) {
        const t = temps.size > 0 && temps.has(tableKey(w)) ? undefined : lookup(w, m.module);
        if (t && t.owner !== m.module && !foreign.some((f) => f.table === t)) foreign.push({ table: t, verb: VERB.write, name: t.key });
      }
      for (const f of foreign) {
        const core = f.table.tier === 'core' ? ` (a core-tier table: no other module writes it either; a waiver with the reason documents an exception)` : '';
        diagnostics.push({
          ...finding(
            'table-foreign-write',
            `'${statementSummary(s, 60)}' ${f.verb} ${f.name}, which '${f.table.owner}' owns; a module's migrations change only its own tables: move the change into a migration of '${f.table.owner}'${core}`,
            at(m.module, m.file, s),
          ),
          related: related(f.table),
        });
      }
      // A table this statement already writes as a foreign one is reported once, as the write.
      if (reads.length === 0) continue;
      if (temps.size === 0 && foreign.length === 0) crossReads(m, s, reads, []);
      else {
        const written = new Set(foreign.map((f) => f.table));
        crossReads(m, s, reads.filter((r) => !temps.has(tableKey(r)) && !written.has(lookup(r, m.module) as TableInfo)), []);
      }
    }
  }
  for (const src of input.sources) for (const s of src.statements) crossReads(src, s, s.tables.reads, s.tables.writes);

  function crossReads(file: TableSqlFile, s: TableStatement, reads: readonly TableName[], writes: readonly TableName[]) {
    // Only another module's tables are remembered: the set is made for the first of them.
    let seen: Set<TableInfo> | null = null;
    for (const [list, verb] of [
      [reads, 'reads'],
      [writes, 'writes'],
    ] as const) {
      for (const r of list) {
        const t = lookup(r, file.module);
        if (!t || t.owner === file.module || seen?.has(t)) continue;
        (seen ??= new Set()).add(t);
        if (verb === 'reads' && t.shared && t.tier === 'core') continue;
        const hint = t.tier === 'core' && verb === 'reads' ? `, or list it in platform.yaml tables.shared if '${t.owner}' shares it` : '';
        diagnostics.push({
          ...finding(
            'table-cross-module-query',
            `'${statementSummary(s, 60)}' ${verb} ${t.key}, which '${t.owner}' owns; cross-module data goes through '${t.owner}''s service client, not SQL on its tables${hint}`,
            { module: file.module, file: file.file, line: s.line, column: s.column },
          ),
          related: related(t),
        });
      }
    }
  }

  for (const d of deferredKeys) {
    const target = lookup(d.fk.to, d.module);
    if (!target) continue;
    const info = d.from?.foreignKeys.find((k) => k.line === d.s.line && k.to === tableKey(d.fk.to) && k.owner === null);
    if (info) info.owner = target.owner;
    checkKey(d.fk, target, d.module, d.file, d.s);
  }
  for (const t of all) t.tenantColumn = t.columns ? t.columns.includes(tenant) : null;
  return { tables: all.filter((t) => live.get(t.key)?.info === t), diagnostics };
}
