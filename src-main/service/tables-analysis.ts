import type { TablesReport } from '../common/contract-tables';
import type { Diagnostic } from '../common/diagnostic';
import { applyFileWaivers } from '../engine/migrations/file-waivers';
import type { HeaderWaiver } from '../engine/migrations/migration-file';
import type { PlannedFile } from '../engine/migrations/plan';
import { languageOfFile, sqlFragments } from '../engine/migrations/tenant-queries';
import { PLATFORM_FILE } from '../engine/platform-file';
import type { Registry } from '../engine/registry';
import { buildTableCatalog, isTableRule, type TableModule, type TableSqlFile, type TableStatement } from '../engine/tables/table-catalog';
import { tableStatements } from '../engine/tables/table-statements';
import type { TextRead } from '../node/text-file';
import type { Analysis, AnalysisContext } from './analysis';
import { moduleMigrationsOf, sourceFiles } from './migration-scan';
import { readMigrationSet } from './migrations';

/**
 * Data isolation over a checkout (engine/tables): the migration planner's classified migrations
 * and the SQL in every module's sources (the tenant lint's string scanning), turned into table
 * ownership and the table-* findings. `check` runs it as an Analysis; `mwb tables` and the Tables
 * view ask for the report. An adapter's checkout has no SQL migrations this reads: tables are not
 * known there, and the rules say nothing rather than guess.
 */

/** Per classified migration (cached per file read by the planner): its table statements. */
const migrationMemo = new WeakMap<PlannedFile, TableSqlFile>();
/** Per source file read: its table statements. */
const sourceMemo = new WeakMap<TextRead, TableSqlFile>();

function migrationTables(f: PlannedFile): TableSqlFile {
  let t = migrationMemo.get(f);
  if (!t) {
    // What each statement does to tables was read when the planner split the file (migration-file.ts).
    // The classified statements themselves (text, line, column, tables), not a copy of each.
    const statements: TableSqlFile['statements'] = [];
    if (!f.unreadable) for (const s of f.statements) if (s.tables) statements.push(s as TableStatement);
    t = { module: f.module, file: f.file, statements };
    migrationMemo.set(f, t);
  }
  return t;
}

function sourceTables(ctx: AnalysisContext, module: string, rel: string): TableSqlFile | null {
  const lang = languageOfFile(rel);
  const read = ctx.files.read(rel);
  if (!lang || !read.ok) return null;
  const memo = sourceMemo.get(read);
  if (memo && memo.module === module && memo.file === rel) return memo;
  const t = { module, file: rel, statements: sqlFragments(read.text, lang).flatMap(tableStatements) };
  sourceMemo.set(read, t);
  return t;
}

/** Whether `a` depends on `b` through strict dependencies, memoized per registry. */
function dependencyTest(registry: Registry): (a: string, b: string) => boolean {
  const direct = new Map<string, string[]>();
  for (const e of registry.edges) if (e.kind === 'dependency') (direct.get(e.from) ?? direct.set(e.from, []).get(e.from))?.push(e.to);
  const closure = new Map<string, Set<string>>();
  const reach = (a: string): Set<string> => {
    let seen = closure.get(a);
    if (seen) return seen;
    seen = new Set();
    const stack = [...(direct.get(a) ?? [])];
    while (stack.length > 0) {
      const m = stack.pop() as string;
      if (seen.has(m)) continue;
      seen.add(m);
      stack.push(...(direct.get(m) ?? []));
    }
    closure.set(a, seen);
    return seen;
  };
  return (a, b) => reach(a).has(b);
}

function tableWaivers(all: ReadonlyMap<string, HeaderWaiver[]>): Map<string, HeaderWaiver[]> {
  const out = new Map<string, HeaderWaiver[]>();
  for (const [file, list] of all) {
    const own = list.filter((w) => isTableRule(w.rule));
    if (own.length > 0) out.set(file, own);
  }
  return out;
}

/**
 * Migration files in plan order: module load order, then sequence, then path. The set lists them
 * so already (modules in load order, each folder sorted): then the copy is not sorted again.
 */
export function planOrder(files: readonly PlannedFile[], order: readonly string[]): PlannedFile[] {
  const rank = new Map<string, number>();
  for (let i = 0; i < order.length; i++) rank.set(order[i], i);
  const cmp = (a: PlannedFile, b: PlannedFile) => (rank.get(a.module) ?? 0) - (rank.get(b.module) ?? 0) || a.name.sequence - b.name.sequence || (a.file < b.file ? -1 : 1);
  const out = [...files];
  for (let i = 1; i < out.length; i++) {
    if (cmp(out[i - 1], out[i]) > 0) return out.sort(cmp);
  }
  return out;
}

/** The tables report of a checkout: ownership, columns, foreign keys, tenant columns and the table-* findings. */
export function tablesReport(ctx: AnalysisContext): TablesReport & { waived: Diagnostic[] } {
  const platform = ctx.registry.platform;
  const base = { naming: platform.tables.naming, tenantColumn: platform.tenantColumn, tables: [], diagnostics: [], waived: [] };
  if (ctx.adapted) return { ...base, known: false, reason: `the ${ctx.adapted.kind} adapter reads no table definitions, so ownership is not known and the table rules say nothing` };
  const set = readMigrationSet(ctx);
  const files = planOrder(set.files, ctx.registry.order);
  const modules = new Map<string, TableModule>();
  const sources: TableSqlFile[] = [];
  for (const name of ctx.registry.order) {
    const m = ctx.registry.byName.get(name);
    if (!m) continue;
    modules.set(name, { name, tier: m.manifest.tier, scoped: m.manifest.tenancy === 'scoped' });
    const mig = moduleMigrationsOf(m);
    for (const rel of sourceFiles(ctx.files, m.dir, mig?.dir ?? '')) {
      const t = sourceTables(ctx, name, rel);
      if (t && t.statements.length > 0) sources.push(t);
    }
  }
  const catalog = buildTableCatalog({
    migrations: files.map(migrationTables),
    sources,
    modules,
    dependsOn: dependencyTest(ctx.registry),
    policy: { naming: platform.tables.naming, shared: platform.tables.shared, tenantColumn: platform.tenantColumn },
  });
  const { kept, waived } = applyFileWaivers(catalog.diagnostics, tableWaivers(set.waivers), set.moduleOfFile);
  return { ...base, known: true, tables: catalog.tables, diagnostics: kept, waived };
}

export const tablesAnalysis: Analysis = {
  id: 'tables',
  run(ctx) {
    const report = tablesReport(ctx);
    return [...report.diagnostics, ...report.waived];
  },
  affectedBy(rel, registry) {
    if (rel === PLATFORM_FILE) return true;
    if (languageOfFile(rel) === null) return false;
    return registry.manifests.some((m) => rel.startsWith(`${m.dir}/`));
  },
};
