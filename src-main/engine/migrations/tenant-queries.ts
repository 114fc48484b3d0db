import type { Diagnostic } from '../../common/diagnostic';
import { classifyStatement, type StatementKind } from './classify';
import { finding } from './finding';
import { splitSql, statementSummary, type SqlStatement } from './sql-split';

/**
 * tenant-query-unscoped, a textual heuristic: in a `tenancy: scoped` module, SQL that reads or
 * writes one of the module's own tables must name the tenant column somewhere in the statement
 * (a WHERE predicate, an INSERT column list, a join condition). Schema statements (DDL) are not
 * queries and are not checked. SQL is found in .sql files and in string literals of .ts/.js/.py/.go
 * source files; nothing is executed.
 */
export type SourceLanguage = 'sql' | 'js' | 'python' | 'go';

export function languageOfFile(name: string): SourceLanguage | null {
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot).toLowerCase() : '';
  switch (ext) {
    case '.sql':
      return 'sql';
    case '.ts':
    case '.tsx':
    case '.mts':
    case '.cts':
    case '.js':
    case '.jsx':
    case '.mjs':
    case '.cjs':
      return 'js';
    case '.py':
      return 'python';
    case '.go':
      return 'go';
    default:
      return null;
  }
}

/** SQL text found in a source file, and where it starts (1-based). */
export interface SqlFragment {
  sql: string;
  line: number;
  column: number;
}

interface Literal {
  text: string;
  /** Where the literal begins (its prefix or opening quote), where its text starts, and its end. */
  begin: number;
  start: number;
  end: number;
}

const SQL_START = /^\s*(select|insert|update|delete|replace|with)\b/i;
const SQL_SHAPE = /^\s*(select\s+\S[\s\S]*?\s+from\s|insert\s+(or\s+\w+\s+)?into\s|replace\s+into\s|update\s+(or\s+\w+\s+)?\S+\s+set\s|delete\s+from\s|with\s+(recursive\s+)?\S+(\s*\([^)]*\))?\s+as\s*\()/i;

/** Whether a string literal looks like an SQL query (and not like prose that starts with "Select"). */
export function looksLikeSql(text: string): boolean {
  return SQL_START.test(text) && SQL_SHAPE.test(text);
}

/** What may stand between two literals that are one string: `+`, a line continuation, white space and comments. */
function joinsLiterals(gap: string, lang: Exclude<SourceLanguage, 'sql'>): boolean {
  const bare = lang === 'python' ? gap.replace(/#[^\n]*/g, ' ') : gap.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return /^[\s+\\]*$/.test(bare);
}

/** String literals of a source file, adjacent ones joined ("SELECT ... " + "WHERE ...", also across comments). */
export function stringLiterals(text: string, lang: Exclude<SourceLanguage, 'sql'>): Literal[] {
  const raw = lang === 'python' ? pythonLiterals(text) : cLikeLiterals(text, lang);
  const out: Literal[] = [];
  for (const lit of raw) {
    const prev = out[out.length - 1];
    if (prev && joinsLiterals(text.slice(prev.end, lit.begin), lang)) {
      prev.text += lit.text;
      prev.end = lit.end;
    } else out.push({ ...lit });
  }
  return out;
}

/** JS/TS and Go: // and /* comments, '...' "..." with escapes, `...` (JS template with ${} placeholders; Go raw string). */
function cLikeLiterals(text: string, lang: 'js' | 'go'): Literal[] {
  const out: Literal[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const j = text.indexOf('\n', i);
      i = j < 0 ? n : j;
    } else if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      i = j < 0 ? n : j + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out.push({ text: text.slice(i + 1, Math.min(j, n)), begin: i, start: i + 1, end: Math.min(j + 1, n) });
      i = j + 1;
    } else if (c === '`') {
      let j = i + 1;
      let body = '';
      let seg = j;
      while (j < n && text[j] !== '`') {
        if (lang === 'js' && text[j] === '\\') {
          j += 2;
          continue;
        }
        if (lang === 'js' && text[j] === '$' && text[j + 1] === '{') {
          // A placeholder stands for a value: keep the text around it, skip the expression.
          body += text.slice(seg, j) + '?';
          let depth = 1;
          j += 2;
          while (j < n && depth > 0) {
            if (text[j] === '{') depth++;
            else if (text[j] === '}') depth--;
            j++;
          }
          seg = j;
          continue;
        }
        j++;
      }
      body += text.slice(seg, Math.min(j, n));
      out.push({ text: body, begin: i, start: i + 1, end: Math.min(j + 1, n) });
      i = j + 1;
    } else i++;
  }
  return out;
}

/** Python: # comments, '...' "..." '''...''' """...""" with r/b/f/u prefixes. */
function pythonLiterals(text: string): Literal[] {
  const out: Literal[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '#') {
      const j = text.indexOf('\n', i);
      i = j < 0 ? n : j;
      continue;
    }
    if (c !== '"' && c !== "'") {
      i++;
      continue;
    }
    let p = i - 1;
    while (p >= 0 && /[rRbBfFuU]/.test(text[p]) && i - p <= 2) p--;
    const raw = /[rR]/.test(text.slice(p + 1, i));
    const triple = text.startsWith(c.repeat(3), i);
    const quote = triple ? c.repeat(3) : c;
    let j = i + quote.length;
    while (j < n) {
      if (!raw && text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text.startsWith(quote, j)) break;
      if (!triple && text[j] === '\n') break;
      j++;
    }
    out.push({ text: text.slice(i + quote.length, Math.min(j, n)), begin: p + 1, start: i + quote.length, end: Math.min(j + quote.length, n) });
    i = j + quote.length;
  }
  return out;
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The SQL of a source file: the whole file for .sql, else the string literals that look like SQL. */
export function sqlFragments(text: string, lang: SourceLanguage): SqlFragment[] {
  if (lang === 'sql') return [{ sql: text, line: 1, column: 1 }];
  if (!/select|insert|update|delete|replace|with/i.test(text)) return [];
  return stringLiterals(text, lang)
    .filter((l) => looksLikeSql(l.text))
    .map((l) => ({ sql: l.text, ...positionAt(text, l.start) }));
}

export interface TenantQueryContext {
  module: string;
  file: string;
  /** The module's own tables (lower case). */
  tables: ReadonlySet<string>;
  tenantColumn: string;
}

/** A query as the tenant lint needs it: what it does, where, and the names it mentions (lower case). */
export interface QueryStatement {
  text: string;
  line: number;
  column: number;
  kind: 'data' | 'read';
  names: readonly string[];
}

export function isQueryKind(kind: StatementKind): kind is 'data' | 'read' {
  return kind === 'data' || kind === 'read';
}

/** The identifiers a statement mentions, lower case, once each. */
export function namesOf(s: SqlStatement): string[] {
  const names = new Set<string>();
  for (const t of s.tokens) if (t.kind === 'word' || t.kind === 'ident') names.add(t.value.toLowerCase());
  return [...names];
}

/** The queries (reads and writes) among `statements`; schema statements are not queries. */
export function queriesOf(statements: readonly SqlStatement[]): QueryStatement[] {
  const out: QueryStatement[] = [];
  for (const s of statements) {
    const kind = classifyStatement(s).kind;
    if (isQueryKind(kind)) out.push({ text: s.text, line: s.line, column: s.column, kind, names: namesOf(s) });
  }
  return out;
}

/** Queries of `fragment` that touch the module's tables without naming the tenant column. */
export function unscopedQueries(ctx: TenantQueryContext, fragment: SqlFragment, queries: readonly QueryStatement[] = queriesOf(splitSql(fragment.sql).statements)): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (ctx.tables.size === 0) return out;
  const column = ctx.tenantColumn.toLowerCase();
  for (const q of queries) {
    if (q.names.includes(column)) continue;
    const touched = q.names.filter((n) => ctx.tables.has(n));
    if (touched.length === 0) continue;
    const line = fragment.line + q.line - 1;
    const col = q.line === 1 ? fragment.column + q.column - 1 : q.column;
    const tables = touched.sort().join(', ');
    out.push(
      finding(
        'tenant-query-unscoped',
        `'${statementSummary(q, 60)}' ${q.kind === 'data' ? 'writes' : 'reads'} ${tables} of tenancy-scoped '${ctx.module}' without naming ${ctx.tenantColumn}; filter by (or insert) ${ctx.tenantColumn}, or waive it if the query is deliberately cross-tenant`,
        { module: ctx.module, file: ctx.file, line, column: col },
      ),
    );
  }
  return out;
}
