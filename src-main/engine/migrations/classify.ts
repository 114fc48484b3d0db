import type { MigrationPhase } from '../../common/contract-migrations';
import { statementSummary, type SqlStatement } from './sql-split';
import { isWord, nameOf, type Token } from './sql-tokens';

/**
 * What a statement does, as far as the phase rules care (SPEC §4):
 * - additive: new schema that the running release does not notice (CREATE TABLE/INDEX/VIEW/TRIGGER,
 *   ADD COLUMN nullable or with a default);
 * - data: changes rows (INSERT, UPDATE, DELETE, REPLACE);
 * - destructive: breaks or removes what exists (DROP, RENAME, NOT NULL without default, type changes);
 * - read: reads only (SELECT, VALUES, EXPLAIN);
 * - operational: statistics, reindexing, vacuum, PRAGMA: may lock tables, maintenance only;
 * - transaction / attach: never allowed (the runner owns the transaction; ATTACH opens another file);
 * - unknown: nothing the classifier recognises; maintenance only.
 */
export type StatementKind = 'additive' | 'data' | 'destructive' | 'read' | 'operational' | 'transaction' | 'attach' | 'unknown';

export interface Classified {
  kind: StatementKind;
  /** What it does, for messages: "drops column excerpt of blog_posts". */
  what: string;
  /** Why the classification may be surprising (an ambiguous statement). */
  note?: string;
  /** The table a CREATE TABLE creates, or a data statement writes to. */
  table?: string;
  /** For CREATE TABLE: the column names (lower case); null when the columns come from a SELECT. */
  columns?: string[] | null;
  /** CREATE TEMP TABLE: scratch tables the tenant rules ignore. */
  temporary?: boolean;
  /** For ALTER TABLE ... RENAME TO: the new name. */
  renamedTo?: string;
}

interface Name {
  name: string;
  next: number;
}

/** Reads a possibly schema-qualified name at `k` (`main.t`, `"t"`), skipping IF [NOT] EXISTS before it. */
function readName(tokens: readonly Token[], k: number): Name | null {
  if (isWord(tokens[k], 'IF')) {
    k++;
    if (isWord(tokens[k], 'NOT')) k++;
    if (isWord(tokens[k], 'EXISTS')) k++;
  }
  let name = nameOf(tokens[k]);
  if (name === null) return null;
  k++;
  while (tokens[k]?.kind === 'punct' && tokens[k].value === '.' && nameOf(tokens[k + 1]) !== null) {
    name = nameOf(tokens[k + 1]) as string;
    k += 2;
  }
  return { name, next: k };
}

/** Tokens from `from` up to `to` at parenthesis depth 0, as upper-case words (other tokens as ''). */
function topLevelWords(tokens: readonly Token[], from: number, to = tokens.length): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth = Math.max(0, depth - 1);
      out.push('');
    } else out.push(depth === 0 && t.kind === 'word' ? t.value : '');
  }
  return out;
}

function hasSequence(words: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= words.length; i++) {
    if (seq.every((w, j) => words[i + j] === w)) return true;
  }
  return false;
}

/** Column names of CREATE TABLE t ( ... ): the first name of each top-level item that is not a table constraint. */
function tableColumns(tokens: readonly Token[], open: number): string[] {
  const columns: string[] = [];
  let depth = 0;
  let itemStart = true;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && t.value === '(') {
      depth++;
      if (depth === 1) itemStart = true;
      continue;
    }
    if (t.kind === 'punct' && t.value === ')') {
      depth--;
      if (depth === 0) break;
      continue;
    }
    if (depth !== 1) continue;
    if (t.kind === 'punct' && t.value === ',') {
      itemStart = true;
      continue;
    }
    if (itemStart) {
      itemStart = false;
      const constraint = t.kind === 'word' && ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'EXCLUDE', 'LIKE'].includes(t.value);
      const name = nameOf(t);
      if (!constraint && name !== null) columns.push(name);
    }
  }
  return columns;
}

function classifyCreate(tokens: readonly Token[]): Classified {
  let k = 1;
  let replace = false;
  if (isWord(tokens[k], 'OR') && isWord(tokens[k + 1], 'REPLACE')) {
    replace = true;
    k += 2;
  }
  let temporary = false;
  while (tokens[k]?.kind === 'word' && ['TEMP', 'TEMPORARY', 'UNIQUE', 'VIRTUAL', 'UNLOGGED', 'MATERIALIZED', 'GLOBAL', 'LOCAL'].includes(tokens[k].value)) {
    if (tokens[k].value === 'TEMP' || tokens[k].value === 'TEMPORARY') temporary = true;
    k++;
  }
  const object = tokens[k]?.kind === 'word' ? tokens[k].value.toLowerCase() : 'object';
  // PostgreSQL: CREATE INDEX CONCURRENTLY [IF NOT EXISTS] name (postgres-rules.ts runs it outside a transaction).
  const name = readName(tokens, isWord(tokens[k + 1], 'CONCURRENTLY') ? k + 2 : k + 1);
  const label = `creates ${object}${name ? ` ${name.name}` : ''}`;
  if (replace) return { kind: 'destructive', what: label, note: 'CREATE OR REPLACE overwrites an existing definition, so it counts as a destructive change' };
  if (object !== 'table') return { kind: 'additive', what: label };
  const c: Classified = { kind: 'additive', what: label, table: name?.name, temporary };
  if (!name) return c;
  let j = name.next;
  if (tokens[j]?.kind === 'punct' && tokens[j].value === '(') c.columns = tableColumns(tokens, j);
  else if (isWord(tokens[j], 'USING')) {
    // CREATE VIRTUAL TABLE t USING fts5(a, b): the module arguments are the columns.
    j += 2;
    c.columns = tokens[j]?.value === '(' ? tableColumns(tokens, j) : [];
  } else c.columns = null; // CREATE TABLE ... AS SELECT
  return c;
}

function classifyAlter(tokens: readonly Token[], s: SqlStatement): Classified {
  const type = isWord(tokens[1], 'TYPE') ? readName(tokens, 2) : null;
  // PostgreSQL: a new enum label breaks nothing that exists (RENAME VALUE does: it stays destructive).
  if (type && isWord(tokens[type.next], 'ADD') && isWord(tokens[type.next + 1], 'VALUE')) return { kind: 'additive', what: `adds a value to type ${type.name}` };
  if (!isWord(tokens[1], 'TABLE')) {
    const object = tokens[1]?.kind === 'word' ? tokens[1].value.toLowerCase() : 'object';
    return { kind: 'destructive', what: `alters ${object} ${nameOf(tokens[2]) ?? ''}`.trim(), note: `ALTER ${object.toUpperCase()} changes an existing object, so it counts as destructive` };
  }
  const name = readName(tokens, 2);
  if (!name) return { kind: 'unknown', what: 'alters a table', note: 'the table name could not be read' };
  const table = name.name;
  let k = name.next;
  if (isWord(tokens[k], 'ONLY')) k++;
  const action = tokens[k]?.kind === 'word' ? tokens[k].value : '';
  switch (action) {
    case 'RENAME': {
      if (isWord(tokens[k + 1], 'TO')) {
        const to = readName(tokens, k + 2)?.name;
        return { kind: 'destructive', what: `renames table ${table}${to ? ` to ${to}` : ''}`, table, renamedTo: to };
      }
      const col = isWord(tokens[k + 1], 'COLUMN') ? nameOf(tokens[k + 2]) : nameOf(tokens[k + 1]);
      return { kind: 'destructive', what: `renames column ${col ?? '?'} of ${table}`, table };
    }
    case 'DROP': {
      if (isWord(tokens[k + 1], 'CONSTRAINT')) return { kind: 'destructive', what: `drops a constraint of ${table}`, table };
      const col = isWord(tokens[k + 1], 'COLUMN') ? readName(tokens, k + 2)?.name : nameOf(tokens[k + 1]);
      return { kind: 'destructive', what: `drops column ${col ?? '?'} of ${table}`, table };
    }
    case 'ADD': {
      const first = tokens[k + 1];
      if (first?.kind === 'word' && ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].includes(first.value)) {
        return { kind: 'destructive', what: `adds a constraint to ${table}`, table, note: 'a new constraint can reject rows the running release writes, so it counts as destructive' };
      }
      const colAt = isWord(first, 'COLUMN') ? k + 2 : k + 1;
      const col = readName(tokens, colAt);
      const words = topLevelWords(tokens, col ? col.next : colAt);
      const notNull = hasSequence(words, ['NOT', 'NULL']);
      const hasDefault = words.includes('DEFAULT') || words.includes('GENERATED') || words.includes('AS');
      const what = `adds column ${col?.name ?? '?'} to ${table}`;
      if (notNull && !hasDefault) {
        return { kind: 'destructive', what: `${what} as NOT NULL without a DEFAULT`, table, note: 'existing rows would have no value for it, and SQLite refuses it outright: a contract change, not an additive one' };
      }
      return { kind: 'additive', what, table };
    }
    case 'ALTER': {
      const colAt = isWord(tokens[k + 1], 'COLUMN') ? k + 2 : k + 1;
      const col = nameOf(tokens[colAt]) ?? '?';
      const change = topLevelWords(tokens, colAt + 1).filter(Boolean).join(' ');
      if (/^(SET DEFAULT|DROP NOT NULL)\b/.test(change)) return { kind: 'additive', what: `relaxes column ${col} of ${table} (${change.split(' ').slice(0, 3).join(' ')})`, table };
      return { kind: 'destructive', what: `changes column ${col} of ${table}${change ? ` (${change.split(' ').slice(0, 3).join(' ')})` : ''}`, table };
    }
    default:
      return { kind: 'unknown', what: `alters table ${table}`, note: `'${statementSummary(s, 40)}' is an ALTER TABLE form the classifier does not know`, table };
  }
}

/** The table an INSERT / REPLACE / UPDATE / DELETE starting at `k` writes to. */
function dataTarget(tokens: readonly Token[], k: number): string | undefined {
  const verb = tokens[k]?.value;
  let j = k + 1;
  if (isWord(tokens[j], 'OR')) j += 2; // INSERT OR IGNORE, UPDATE OR REPLACE
  if (verb === 'INSERT' || verb === 'REPLACE') {
    if (isWord(tokens[j], 'INTO')) j++;
  } else if (verb === 'DELETE') {
    if (isWord(tokens[j], 'FROM')) j++;
  }
  if (isWord(tokens[j], 'ONLY')) j++;
  return readName(tokens, j)?.name;
}

const DATA_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'UPSERT']);

/** Index of the statement's main verb after a WITH clause (the first data or SELECT word at depth 0 after the CTEs). */
function verbAfterWith(tokens: readonly Token[]): number {
  let depth = 0;
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
      continue;
    }
    if (depth === 0 && t.kind === 'word' && (DATA_VERBS.has(t.value) || t.value === 'SELECT' || t.value === 'VALUES')) return k;
  }
  return -1;
}

/** Classifies one statement. */
export function classifyStatement(s: SqlStatement): Classified {
  const tokens = s.tokens;
  const first = tokens[0];
  if (first.kind !== 'word') return { kind: 'unknown', what: `'${statementSummary(s, 40)}'`, note: 'it does not start with an SQL keyword' };
  switch (first.value) {
    case 'CREATE':
      return classifyCreate(tokens);
    case 'ALTER':
      return classifyAlter(tokens, s);
    case 'DROP': {
      const object = tokens[1]?.kind === 'word' ? tokens[1].value.toLowerCase() : 'object';
      const name = readName(tokens, isWord(tokens[2], 'CONCURRENTLY') ? 3 : 2);
      return { kind: 'destructive', what: `drops ${object}${name ? ` ${name.name}` : ''}` };
    }
    case 'TRUNCATE':
      return { kind: 'destructive', what: `truncates ${readName(tokens, isWord(tokens[1], 'TABLE') ? 2 : 1)?.name ?? 'a table'}`, note: 'TRUNCATE removes every row, so it counts as destructive rather than as a data change' };
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'REPLACE':
    case 'MERGE':
    case 'UPSERT': {
      const table = dataTarget(tokens, 0);
      return { kind: 'data', what: `${first.value === 'DELETE' ? 'deletes rows of' : first.value === 'UPDATE' ? 'updates' : 'writes to'} ${table ?? 'a table'}`, table };
    }
    case 'WITH': {
      const k = verbAfterWith(tokens);
      if (k < 0) return { kind: 'unknown', what: 'a WITH statement', note: 'no SELECT, INSERT, UPDATE or DELETE follows its common table expressions' };
      if (tokens[k].value === 'SELECT' || tokens[k].value === 'VALUES') return { kind: 'read', what: 'reads (WITH ... SELECT)' };
      const table = dataTarget(tokens, k);
      return { kind: 'data', what: `writes to ${table ?? 'a table'} (WITH ... ${tokens[k].value})`, table };
    }
    case 'COMMENT':
      return { kind: 'additive', what: `sets a comment (${statementSummary(s, 40)})` };
    case 'SELECT':
    case 'VALUES':
    case 'EXPLAIN':
      return { kind: 'read', what: 'reads' };
    case 'ANALYZE':
    case 'REINDEX':
    case 'VACUUM':
    case 'PRAGMA':
    case 'CLUSTER':
    case 'OPTIMIZE':
      return { kind: 'operational', what: `runs ${first.value}`, note: `${first.value} is an operational statement that can lock tables or change settings` };
    case 'BEGIN':
    case 'COMMIT':
    case 'END':
    case 'ROLLBACK':
    case 'SAVEPOINT':
    case 'RELEASE':
    case 'START':
    case 'ABORT':
      return { kind: 'transaction', what: `controls the transaction (${first.value})` };
    case 'ATTACH':
    case 'DETACH':
      return { kind: 'attach', what: `${first.value === 'ATTACH' ? 'attaches' : 'detaches'} a database` };
    default:
      return { kind: 'unknown', what: `runs ${first.value}`, note: `${first.value} is not a statement the classifier knows, so it could change anything` };
  }
}

export const PHASE_ALLOWS: Record<MigrationPhase, readonly StatementKind[]> = {
  expand: ['additive', 'read'],
  backfill: ['data', 'read'],
  contract: ['destructive', 'read'],
  maintenance: ['additive', 'data', 'destructive', 'read', 'operational', 'unknown'],
};

const HOME: Record<StatementKind, string> = {
  additive: 'an expand migration',
  data: 'a backfill migration',
  destructive: 'a contract migration',
  read: 'any migration',
  operational: 'a maintenance migration',
  unknown: 'a maintenance migration',
  transaction: 'no migration',
  attach: 'no migration',
};

const KIND_LABEL: Record<StatementKind, string> = {
  additive: 'additive',
  data: 'a data change',
  destructive: 'destructive',
  read: 'read-only',
  operational: 'operational',
  unknown: 'not recognised',
  transaction: 'transaction control',
  attach: 'ATTACH/DETACH',
};

const PHASE_RULE: Record<MigrationPhase, string> = {
  expand: 'expand migrations may only add schema',
  backfill: 'backfill migrations change data only (no DDL)',
  contract: 'contract migrations hold destructive schema changes only',
  maintenance: 'maintenance migrations may hold anything the runner can apply',
};

/**
 * Why statement `c` does not belong in `phase`, or null when it does. `createdHere` holds the tables
 * an earlier statement of the same file created: filling a table the migration itself just created
 * changes no existing row, so an expand migration may seed it.
 */
export function phaseProblem(phase: MigrationPhase, c: Classified, s: SqlStatement, createdHere: ReadonlySet<string>): string | null {
  if (phase === 'expand' && c.kind === 'data' && c.table !== undefined && createdHere.has(c.table)) return null;
  if (PHASE_ALLOWS[phase].includes(c.kind)) return null;
  const quoted = `'${statementSummary(s)}'`;
  if (c.kind === 'transaction') return `${quoted} ${c.what}: each migration is applied in its own transaction together with its ledger row, so a migration may not begin, commit or roll back one`;
  if (c.kind === 'attach') return `${quoted} ${c.what}: migrations run against the dev database only, and ATTACH would open (or create) another database file`;
  const why = c.note ? ` (${c.note})` : '';
  return `${quoted} ${c.what}, which is ${KIND_LABEL[c.kind]}${why}; ${PHASE_RULE[phase]}: move it to ${HOME[c.kind]}`;
}
