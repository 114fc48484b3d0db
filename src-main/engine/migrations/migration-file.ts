import { MIGRATION_PHASES, type MigrationPhase, type SqlDialect } from '../../common/contract-migrations';
import type { Diagnostic } from '../../common/diagnostic';
import { classifyStatement, phaseProblem, type Classified } from './classify';
import { finding } from './finding';
import { parseHeaders, type MigrationHeaders } from './migration-headers';
import { outsideTransactionReason } from './postgres-rules';
import { runProblem } from './runnable';
import { splitTokenized, statementSummary, type SqlStatement } from './sql-split';
import { tokenizeSql } from './sql-tokens';
import { statementTables, touchesTables, type StatementTables } from '../tables/statement-tables';
import { isQueryKind, namesOf, type QueryStatement } from './tenant-queries';

export { parseHeaders, type HeaderRef, type HeaderWaiver, type MigrationHeaders } from './migration-headers';

/** `<module>_<NNNN>_<slug>.<phase>.sql`, parsed. */
export interface MigrationName {
  /** The file name without `.<phase>.sql`. */
  id: string;
  module: string;
  sequence: number;
  slug: string;
  phase: MigrationPhase;
}

const SEQUENCE_RE = /^\d{4}$/;
const SLUG_RE = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

/** What a migration's name looks like, for a problem's message only (made when one is found). */
function expectedName(owner: string): string {
  return `expected ${owner}_<NNNN>_<slug>.<phase>.sql, e.g. ${owner}_0001_create_tables.expand.sql`;
}

/**
 * Parses a migration file name for the module `owner`. Module names cannot contain `_`, so the
 * first `_` ends the module part. Returns the reason when the name does not fit.
 */
export function parseMigrationName(fileName: string, owner: string): { name: MigrationName } | { problem: string } {
  if (!fileName.endsWith('.sql')) return { problem: `'${fileName}' is not a .sql file (${expectedName(owner)})` };
  const stem = fileName.slice(0, -'.sql'.length);
  const dot = stem.lastIndexOf('.');
  const phase = dot >= 0 ? stem.slice(dot + 1) : '';
  if (dot < 0 || !MIGRATION_PHASES.includes(phase as MigrationPhase)) {
    const what = dot < 0 ? 'has no phase' : `has phase '${phase}'`;
    return { problem: `'${fileName}' ${what}; the phase is one of ${MIGRATION_PHASES.join(', ')} (${expectedName(owner)})` };
  }
  const id = stem.slice(0, dot);
  const u1 = id.indexOf('_');
  const u2 = u1 < 0 ? -1 : id.indexOf('_', u1 + 1);
  if (u1 < 0 || u2 < 0) return { problem: `'${fileName}' does not have the form ${owner}_<NNNN>_<slug>.${phase}.sql` };
  const module = id.slice(0, u1);
  const seq = id.slice(u1 + 1, u2);
  const slug = id.slice(u2 + 1);
  if (module !== owner) {
    return { problem: `'${fileName}' is named for module '${module}' but lives in the migrations folder of '${owner}'; name it ${owner}_${SEQUENCE_RE.test(seq) ? seq : '<NNNN>'}_${slug}.${phase}.sql or move it to the migrations of '${module}'` };
  }
  if (!SEQUENCE_RE.test(seq)) return { problem: `'${fileName}' has sequence '${seq}'; the sequence is four digits, e.g. 0001 (${expectedName(owner)})` };
  if (!SLUG_RE.test(slug)) return { problem: `'${fileName}' has slug '${slug}'; a slug is lower-case letters and digits separated by _ or -` };
  return { name: { id, module, sequence: Number(seq), slug, phase: phase as MigrationPhase } };
}

/**
 * A statement as kept after analysis: its text and position, what it does, and (queries of scoped
 * modules only) the names it mentions. Tokens are not kept: thousands of files stay small.
 */
export interface ClassifiedStatement {
  text: string;
  line: number;
  column: number;
  classified: Classified;
  query?: QueryStatement;
  /** PostgreSQL: why it cannot run inside a transaction (it then runs alone, in the maintenance window). */
  outsideTransaction?: string;
  /**
   * What it does to tables (engine/tables, for the table-* rules), read from the tokens this split
   * already made; absent when it touches no table. The tables analysis used to tokenize every
   * statement a second time (issue 16).
   */
  tables?: StatementTables;
}

/** One migration file, read and classified. */
export interface MigrationFile {
  /** Checkout-relative path. */
  file: string;
  /** The module whose migrations folder holds it. */
  module: string;
  name: MigrationName;
  headers: MigrationHeaders;
  statements: ClassifiedStatement[];
  /** Findings about this file alone: phase violations, tenant tables, malformed headers. */
  diagnostics: Diagnostic[];
  /**
   * Why the runner never runs this file, whatever waivers say: statements it never runs
   * (migration-statement-forbidden / -unrunnable) and text it cannot split with certainty. Empty
   * when it may run.
   */
  blockers: { rule: string; message: string; line: number }[];
  /** The `-- dialect:` header: the file runs on targets of that dialect only (absent: portable). */
  dialect?: SqlDialect;
  /** Set when the file could not be read (its place in the plan stays: nothing of its module after it runs). */
  unreadable?: string;
}

export interface FileContext {
  module: string;
  file: string;
  /** Whether the module is `tenancy: scoped`, and the tenant column. */
  scoped: boolean;
  tenantColumn: string;
  /** The platform's dialect (platform.yaml database.dialect); a file's `-- dialect:` header overrides it. */
  dialect?: SqlDialect;
}

/** Splits, classifies and checks one migration file (phase rules and, for scoped modules, tenant tables). */
export function analyzeMigrationFile(ctx: FileContext, name: MigrationName, text: string): MigrationFile {
  const tokenized = tokenizeSql(text);
  const headers = parseHeaders(text, tokenized);
  const dialect = headers.dialect?.value ?? ctx.dialect ?? 'sqlite';
  const split = splitTokenized(text, tokenized, dialect);
  const { statements, unterminated, uncertain } = split;
  const at = (line: number, column: number) => ({ module: ctx.module, file: ctx.file, line, column });
  const diagnostics: Diagnostic[] = [];
  const blockers: MigrationFile['blockers'] = [];
  const block = (rule: 'migration-split-uncertain' | 'migration-statement-forbidden' | 'migration-statement-unrunnable', message: string, line: number, column: number) => {
    diagnostics.push(finding(rule, message, at(line, column)));
    blockers.push({ rule, message, line });
  };
  for (const p of headers.problems) diagnostics.push(finding(p.rule ?? 'waiver-stale', p.message, at(p.line, p.column)));
  for (const m of headers.misplaced) {
    diagnostics.push(
      finding(
        'migration-header-misplaced',
        `'${m.text}' comes after the first statement, so it is not a header and ${m.key === 'depends' ? 'orders nothing' : m.key === 'dialect' ? 'restricts nothing' : 'waives nothing'}; move it into the comment block at the top of the file, before the first statement`,
        at(m.line, m.column),
      ),
    );
  }
  if (unterminated) block('migration-split-uncertain', `${unterminated.what} that starts here never closes, so the rest of the file cannot be split into statements or classified; close it`, unterminated.line, unterminated.column);
  if (uncertain) block('migration-split-uncertain', uncertain.message, uncertain.line, uncertain.column);
  const created = new Set<string>();
  const classified: ClassifiedStatement[] = [];
  const column = ctx.tenantColumn.toLowerCase();
  for (const s of statements) {
    const c = classifyStatement(s);
    const kept: ClassifiedStatement = { text: s.text, line: s.line, column: s.column, classified: c };
    const tables = statementTables(s.tokens);
    if (touchesTables(tables)) kept.tables = tables;
    if (ctx.scoped && isQueryKind(c.kind)) kept.query = { text: s.text, line: s.line, column: s.column, kind: c.kind, names: namesOf(s) };
    classified.push(kept);
    if (s.uncertain) continue;
    const never = runProblem(s, c, dialect);
    if (never) block(never.rule, never.message, s.line, s.column);
    const outside = dialect === 'postgres' && !never ? outsideTransactionReason(s) : null;
    if (outside) {
      kept.outsideTransaction = outside;
      if (statements.length > 1) {
        block('migration-statement-unrunnable', `'${statementSummary(s)}': ${outside}, so the runner runs it alone, outside the migration's transaction, in the maintenance window; the other statements of this migration could not be rolled back with it: move it to a migration of its own`, s.line, s.column);
      }
    }
    const problem = never ? null : phaseProblem(name.phase, c, s, created);
    if (problem) diagnostics.push(finding('migration-phase-violation', problem, at(s.line, s.column)));
    if (c.table && c.columns !== undefined) {
      created.add(c.table);
      if (ctx.scoped && !c.temporary && !tableHasTenantColumn(c, s, column)) {
        diagnostics.push(
          finding(
            'tenant-table-missing-column',
            `'${ctx.module}' is tenancy: scoped, but table ${c.table} has no ${ctx.tenantColumn} column; add '${ctx.tenantColumn} TEXT NOT NULL' (or waive it for a table shared by all tenants)`,
            at(s.line, s.column),
          ),
        );
      }
    }
  }
  const { file, module } = ctx;
  // Two literals rather than a conditional spread: one hidden class for every file without a dialect header.
  return headers.dialect ? { file, module, name, headers, statements: classified, diagnostics, blockers, dialect: headers.dialect.value } : { file, module, name, headers, statements: classified, diagnostics, blockers };
}

function tableHasTenantColumn(c: Classified, s: SqlStatement, column: string): boolean {
  if (c.columns) return c.columns.includes(column);
  // CREATE TABLE ... AS SELECT: the columns are the select list; look for the name anywhere.
  return s.tokens.some((t) => (t.kind === 'word' || t.kind === 'ident') && t.value.toLowerCase() === column);
}
