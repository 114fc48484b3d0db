import { MIGRATION_PHASES, type MigrationPhase } from '../../common/contract-migrations';
import type { Diagnostic } from '../../common/diagnostic';
import { classifyStatement, phaseProblem, type Classified } from './classify';
import { finding } from './finding';
import { splitSql, type SqlStatement } from './sql-split';
import { isQueryKind, namesOf, type QueryStatement } from './tenant-queries';

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

/**
 * Parses a migration file name for the module `owner`. Module names cannot contain `_`, so the
 * first `_` ends the module part. Returns the reason when the name does not fit.
 */
export function parseMigrationName(fileName: string, owner: string): { name: MigrationName } | { problem: string } {
  const expected = `expected ${owner}_<NNNN>_<slug>.<phase>.sql, e.g. ${owner}_0001_create_tables.expand.sql`;
  if (!fileName.endsWith('.sql')) return { problem: `'${fileName}' is not a .sql file (${expected})` };
  const stem = fileName.slice(0, -'.sql'.length);
  const dot = stem.lastIndexOf('.');
  const phase = dot >= 0 ? stem.slice(dot + 1) : '';
  if (dot < 0 || !MIGRATION_PHASES.includes(phase as MigrationPhase)) {
    const what = dot < 0 ? 'has no phase' : `has phase '${phase}'`;
    return { problem: `'${fileName}' ${what}; the phase is one of ${MIGRATION_PHASES.join(', ')} (${expected})` };
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
  if (!SEQUENCE_RE.test(seq)) return { problem: `'${fileName}' has sequence '${seq}'; the sequence is four digits, e.g. 0001 (${expected})` };
  if (!SLUG_RE.test(slug)) return { problem: `'${fileName}' has slug '${slug}'; a slug is lower-case letters and digits separated by _ or -` };
  return { name: { id, module, sequence: Number(seq), slug, phase: phase as MigrationPhase } };
}

export interface HeaderRef {
  value: string;
  line: number;
  column: number;
}

export interface HeaderWaiver {
  rule: string;
  reason: string;
  line: number;
  column: number;
}

export interface MigrationHeaders {
  depends: HeaderRef[];
  waivers: HeaderWaiver[];
  /** Malformed headers (a waiver without a reason ...). */
  problems: { message: string; line: number; column: number }[];
}

/** Reads the `-- depends: <id>[, <id>]` and `-- waiver: <rule> <reason>` lines before the first statement. */
export function parseHeaders(text: string): MigrationHeaders {
  const out: MigrationHeaders = { depends: [], waivers: [], problems: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('--')) break;
    const m = /^(\s*--\s*)(depends|waiver)(\s*:)(.*)$/i.exec(raw);
    if (!m) continue;
    const line = i + 1;
    const bodyStart = m[1].length + m[2].length + m[3].length;
    const body = m[4];
    if (m[2].toLowerCase() === 'depends') {
      const re = /[^\s,]+/g;
      let hit: RegExpExecArray | null;
      while ((hit = re.exec(body))) out.depends.push({ value: hit[0], line, column: bodyStart + hit.index + 1 });
    } else {
      const w = /^(\s*)(\S+)\s*(.*)$/.exec(body);
      if (!w || w[3].trim() === '') {
        out.problems.push({ message: `'${trimmed}': a waiver names a rule and gives a reason: -- waiver: <rule> <reason>`, line, column: m[1].length + 1 });
        continue;
      }
      out.waivers.push({ rule: w[2], reason: w[3].trim(), line, column: bodyStart + w[1].length + 1 });
    }
  }
  return out;
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
}

export interface FileContext {
  module: string;
  file: string;
  /** Whether the module is `tenancy: scoped`, and the tenant column. */
  scoped: boolean;
  tenantColumn: string;
}

/** Splits, classifies and checks one migration file (phase rules and, for scoped modules, tenant tables). */
export function analyzeMigrationFile(ctx: FileContext, name: MigrationName, text: string): MigrationFile {
  const headers = parseHeaders(text);
  const { statements, unterminated } = splitSql(text);
  const at = (line: number, column: number) => ({ module: ctx.module, file: ctx.file, line, column });
  const diagnostics: Diagnostic[] = [];
  for (const p of headers.problems) diagnostics.push(finding('waiver-stale', p.message, at(p.line, p.column)));
  if (unterminated) {
    diagnostics.push(finding('migration-phase-violation', `${unterminated.what} that starts here never closes, so the rest of the file cannot be classified; close it`, at(unterminated.line, unterminated.column)));
  }
  const created = new Set<string>();
  const classified: ClassifiedStatement[] = [];
  const column = ctx.tenantColumn.toLowerCase();
  for (const s of statements) {
    const c = classifyStatement(s);
    const kept: ClassifiedStatement = { text: s.text, line: s.line, column: s.column, classified: c };
    if (ctx.scoped && isQueryKind(c.kind)) kept.query = { text: s.text, line: s.line, column: s.column, kind: c.kind, names: namesOf(s) };
    classified.push(kept);
    const problem = phaseProblem(name.phase, c, s, created);
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
  return { file: ctx.file, module: ctx.module, name, headers, statements: classified, diagnostics };
}

function tableHasTenantColumn(c: Classified, s: SqlStatement, column: string): boolean {
  if (c.columns) return c.columns.includes(column);
  // CREATE TABLE ... AS SELECT: the columns are the select list; look for the name anywhere.
  return s.tokens.some((t) => (t.kind === 'word' || t.kind === 'ident') && t.value.toLowerCase() === column);
}
