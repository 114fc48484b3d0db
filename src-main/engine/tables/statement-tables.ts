import { isWord, nameOf, type Token } from '../migrations/sql-tokens';
import { nameList, readTableName, skipParens, type TableName } from './table-name';

/**
 * What one SQL statement does to which tables, read from its tokens (engine/migrations splits and
 * tokenizes): the table it creates (columns, foreign keys), the tables it alters, drops or renames,
 * the tables it writes rows into and the tables it reads (FROM / JOIN, subqueries included). SQLite
 * and PostgreSQL forms; a form this reader does not know says nothing rather than guessing.
 */
export interface ForeignKey {
  columns: string[];
  to: TableName;
  toColumns: string[];
}

export interface CreatedTable {
  table: TableName;
  /** Column names (lower case); null when they come from a SELECT. */
  columns: string[] | null;
  temporary: boolean;
  foreignKeys: ForeignKey[];
}

export type ChangeAction = 'alter' | 'drop' | 'rename' | 'index' | 'trigger';

export interface TableChange {
  table: TableName;
  action: ChangeAction;
  renamedTo?: TableName;
  addedColumns?: string[];
  droppedColumns?: string[];
  foreignKeys?: ForeignKey[];
}

export interface StatementTables {
  created?: CreatedTable;
  changed: TableChange[];
  writes: TableName[];
  reads: TableName[];
}

/** Whether a statement creates, changes, writes or reads any table. */
export function touchesTables(t: StatementTables): boolean {
  return t.created !== undefined || t.changed.length > 0 || t.writes.length > 0 || t.reads.length > 0;
}

const punct = (t: Token | undefined, v: string) => t !== undefined && t.kind === 'punct' && t.value === v;

/** The items of the parenthesis group at `open`, split at top-level commas: [start, end) index pairs. */
function items(tokens: readonly Token[], open: number): [number, number][] {
  const out: [number, number][] = [];
  const end = skipParens(tokens, open) - 1;
  let depth = 0;
  let start = open + 1;
  for (let k = open + 1; k < end; k++) {
    if (punct(tokens[k], '(')) depth++;
    else if (punct(tokens[k], ')')) depth--;
    else if (depth === 0 && punct(tokens[k], ',')) {
      out.push([start, k]);
      start = k + 1;
    }
  }
  if (end > start) out.push([start, end]);
  return out;
}

/** `REFERENCES t [(cols)]` at `k`. */
function references(tokens: readonly Token[], k: number, columns: string[]): ForeignKey | null {
  const to = readTableName(tokens, k + 1);
  if (!to) return null;
  return { columns, to: to.table, toColumns: punct(tokens[to.next], '(') ? nameList(tokens, to.next) : [] };
}

function indexOfWord(tokens: readonly Token[], word: string, from: number, to: number): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    if (punct(tokens[k], '(')) depth++;
    else if (punct(tokens[k], ')')) depth--;
    else if (depth === 0 && isWord(tokens[k], word)) return k;
  }
  return -1;
}

/** A column definition or table constraint [start, end): the column it defines, and its foreign key. */
function definition(tokens: readonly Token[], start: number, end: number): { column?: string; fk?: ForeignKey } {
  let k = start;
  if (isWord(tokens[k], 'CONSTRAINT')) k += 2;
  if (isWord(tokens[k], 'FOREIGN') && isWord(tokens[k + 1], 'KEY')) {
    const cols = nameList(tokens, k + 2);
    const ref = indexOfWord(tokens, 'REFERENCES', k + 2, end);
    const fk = ref >= 0 ? references(tokens, ref, cols) : null;
    return fk ? { fk } : {};
  }
  if (tokens[k]?.kind === 'word' && ['PRIMARY', 'UNIQUE', 'CHECK', 'EXCLUDE', 'LIKE'].includes(tokens[k].value)) return {};
  const column = nameOf(tokens[k]) ?? undefined;
  const ref = indexOfWord(tokens, 'REFERENCES', k + 1, end);
  const fk = ref >= 0 && column ? references(tokens, ref, [column]) : null;
  return fk ? { column, fk } : { column };
}

const CREATE_MODIFIERS = ['TEMP', 'TEMPORARY', 'UNIQUE', 'VIRTUAL', 'UNLOGGED', 'MATERIALIZED', 'GLOBAL', 'LOCAL', 'RECURSIVE'];

function readCreate(tokens: readonly Token[], out: StatementTables): void {
  let k = 1;
  if (isWord(tokens[k], 'OR') && isWord(tokens[k + 1], 'REPLACE')) k += 2;
  let temporary = false;
  while (tokens[k]?.kind === 'word' && CREATE_MODIFIERS.includes(tokens[k].value)) {
    if (tokens[k].value.startsWith('TEMP')) temporary = true;
    k++;
  }
  const object = tokens[k]?.kind === 'word' ? tokens[k].value : '';
  if (object === 'TABLE') {
    const name = readTableName(tokens, k + 1);
    if (!name) return;
    const created: CreatedTable = { table: name.table, columns: null, temporary: temporary || name.table.schema === 'temp', foreignKeys: [] };
    let j = name.next;
    if (isWord(tokens[j], 'USING')) j += 2; // CREATE VIRTUAL TABLE t USING fts5(a, b)
    if (punct(tokens[j], '(')) {
      created.columns = [];
      for (const [s, e] of items(tokens, j)) {
        const d = definition(tokens, s, e);
        if (d.column) created.columns.push(d.column);
        if (d.fk) created.foreignKeys.push(d.fk);
      }
    }
    out.created = created;
  } else if (object === 'INDEX' || object === 'TRIGGER') {
    const before = object === 'TRIGGER' ? indexOfWord(tokens, 'BEGIN', k, tokens.length) : -1;
    const on = indexOfWord(tokens, 'ON', k + 1, before >= 0 ? before : tokens.length);
    const target = on >= 0 ? readTableName(tokens, on + 1) : null;
    if (target) out.changed.push({ table: target.table, action: object === 'INDEX' ? 'index' : 'trigger' });
  }
}

/** One action of ALTER TABLE (PostgreSQL lists several, comma-separated). */
function alterAction(tokens: readonly Token[], start: number, end: number, table: TableName): TableChange {
  const change: TableChange = { table, action: 'alter' };
  const verb = tokens[start]?.kind === 'word' ? tokens[start].value : '';
  if (verb === 'RENAME' && isWord(tokens[start + 1], 'TO')) {
    const to = readTableName(tokens, start + 2);
    if (to) return { table, action: 'rename', renamedTo: { schema: to.table.schema ?? table.schema, name: to.table.name } };
  }
  if (verb === 'SET' && isWord(tokens[start + 1], 'SCHEMA')) {
    const schema = nameOf(tokens[start + 2]);
    if (schema) return { table, action: 'rename', renamedTo: { schema, name: table.name } };
  }
  if (verb === 'ADD') {
    let k = start + 1;
    if (isWord(tokens[k], 'COLUMN')) k++;
    if (isWord(tokens[k], 'IF')) k += 3;
    const d = definition(tokens, k, end);
    if (d.column && !isWord(tokens[k], 'CONSTRAINT')) change.addedColumns = [d.column];
    if (d.fk) change.foreignKeys = [d.fk];
  }
  if (verb === 'DROP' && !isWord(tokens[start + 1], 'CONSTRAINT')) {
    let k = start + 1;
    if (isWord(tokens[k], 'COLUMN')) k++;
    if (isWord(tokens[k], 'IF')) k += 2;
    const col = nameOf(tokens[k]);
    if (col) change.droppedColumns = [col];
  }
  return change;
}

function readAlter(tokens: readonly Token[], out: StatementTables): void {
  if (!isWord(tokens[1], 'TABLE')) return;
  const name = readTableName(tokens, 2);
  if (!name) return;
  let start = name.next;
  let depth = 0;
  for (let k = start; k <= tokens.length; k++) {
    if (punct(tokens[k], '(')) depth++;
    else if (punct(tokens[k], ')')) depth--;
    else if (k === tokens.length || (depth === 0 && punct(tokens[k], ','))) {
      if (k > start) out.changed.push(alterAction(tokens, start, k, name.table));
      start = k + 1;
    }
  }
}

function readDrop(tokens: readonly Token[], out: StatementTables): void {
  if (!isWord(tokens[1], 'TABLE')) return;
  let k = 2;
  for (;;) {
    const name = readTableName(tokens, k);
    if (!name) return;
    out.changed.push({ table: name.table, action: 'drop' });
    if (!punct(tokens[name.next], ',')) return;
    k = name.next + 1;
  }
}

/** `name [(cols)] AS (` after WITH or a comma: the common table expressions, which are no tables. */
function cteNames(tokens: readonly Token[]): Set<string> {
  const out = new Set<string>();
  for (let k = 0; k < tokens.length; k++) {
    const prev = tokens[k - 1];
    if (!(isWord(prev, 'WITH') || isWord(prev, 'RECURSIVE') || punct(prev, ','))) continue;
    const name = nameOf(tokens[k]);
    if (name === null) continue;
    const j = skipParens(tokens, k + 1);
    if (isWord(tokens[j], 'AS') && (punct(tokens[j + 1], '(') || isWord(tokens[j + 1], 'MATERIALIZED') || isWord(tokens[j + 1], 'NOT'))) out.add(name);
  }
  return out;
}

/** The words that open a query inside parentheses: a FROM in it reads tables. */
const QUERY_IN_PARENS = new Set(['SELECT', 'WITH', 'VALUES', 'INSERT', 'UPDATE', 'DELETE']);

const NOT_UPDATE_STATEMENT = new Set(['ON', 'DO', 'FOR', 'BEFORE', 'AFTER', 'OF', 'OR', 'INSTEAD', 'KEY']);

/** The FROM list at `k` (after FROM / USING): table names, subqueries and functions skipped. */
function fromList(tokens: readonly Token[], k: number, reads: TableName[]): void {
  for (;;) {
    if (isWord(tokens[k], 'LATERAL')) k++;
    let next: number;
    if (punct(tokens[k], '(')) next = skipParens(tokens, k);
    else {
      const name = readTableName(tokens, k);
      if (!name) return;
      next = name.next;
      if (punct(tokens[next], '(')) next = skipParens(tokens, next); // a table function: generate_series(...)
      else reads.push(name.table);
    }
    if (isWord(tokens[next], 'AS')) next++;
    if (tokens[next] && tokens[next].kind !== 'punct' && nameOf(tokens[next]) !== null && !isClauseWord(tokens[next])) next++;
    if (punct(tokens[next], '(')) next = skipParens(tokens, next); // alias column list
    if (!punct(tokens[next], ',')) return;
    k = next + 1;
  }
}

const CLAUSE_WORDS = new Set(['WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'SET', 'RETURNING', 'OFFSET', 'FETCH', 'FOR', 'VALUES', 'SELECT', 'DEFAULT', 'WHEN', 'THEN', 'END', 'OUTER']);

function isClauseWord(t: Token): boolean {
  return t.kind === 'word' && CLAUSE_WORDS.has(t.value);
}

/**
 * Reads and writes anywhere in the statement (subqueries, CTEs, trigger bodies): INSERT INTO,
 * REPLACE INTO, UPDATE ... SET, DELETE FROM, MERGE INTO, TRUNCATE; FROM, JOIN and USING lists.
 * A FROM inside a function call (EXTRACT(YEAR FROM d), TRIM(x FROM y)) reads no table.
 */
function readQueries(tokens: readonly Token[], out: StatementTables): void {
  // Looked for when a name is first met (most statements name no table to read or write here).
  let ctes: Set<string> | null = null;
  const push = (list: TableName[], t: TableName) => {
    if (t.schema !== null || !(ctes ??= cteNames(tokens)).has(t.name)) list.push(t);
  };
  const reads: TableName[] = [];
  const writes: TableName[] = [];
  /** Per open parenthesis: whether it holds a query (a FROM in it reads tables). */
  const queryParen: boolean[] = [];
  const inQuery = () => queryParen.length === 0 || queryParen[queryParen.length - 1];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (t.value === '(') queryParen.push(tokens[k + 1]?.kind === 'word' && QUERY_IN_PARENS.has(tokens[k + 1].value));
      else if (t.value === ')') queryParen.pop();
      continue;
    }
    if (t.kind !== 'word') continue;
    const prev = tokens[k - 1];
    switch (t.value) {
      case 'INSERT':
      case 'REPLACE':
      case 'MERGE': {
        let j = k + 1;
        if (isWord(tokens[j], 'OR')) j += 2;
        if (!isWord(tokens[j], 'INTO')) break;
        const name = readTableName(tokens, j + 1);
        if (name) push(writes, name.table);
        break;
      }
      case 'UPDATE': {
        if (prev && prev.kind === 'word' && NOT_UPDATE_STATEMENT.has(prev.value)) break;
        let j = k + 1;
        if (isWord(tokens[j], 'OR')) j += 2;
        const name = readTableName(tokens, j);
        if (!name) break;
        let s = name.next;
        if (isWord(tokens[s], 'AS')) s++;
        if (!isWord(tokens[s], 'SET')) s++;
        if (isWord(tokens[s], 'SET')) push(writes, name.table);
        break;
      }
      case 'DELETE': {
        if (!isWord(tokens[k + 1], 'FROM')) break;
        const name = readTableName(tokens, k + 2);
        if (name) push(writes, name.table);
        k++; // that FROM names the target, not a read
        break;
      }
      case 'TRUNCATE': {
        let j = isWord(tokens[k + 1], 'TABLE') ? k + 2 : k + 1;
        for (let name = readTableName(tokens, j); name; name = punct(tokens[j], ',') ? readTableName(tokens, ++j) : null) {
          push(writes, name.table);
          j = name.next;
        }
        break;
      }
      case 'FROM':
      case 'JOIN':
      case 'USING': {
        if (!inQuery()) break;
        if (t.value === 'FROM' && isWord(prev, 'DISTINCT')) break; // IS [NOT] DISTINCT FROM
        if (t.value === 'USING' && punct(tokens[k + 1], '(')) break; // JOIN ... USING (col)
        const list: TableName[] = [];
        fromList(tokens, k + 1, list);
        for (const n of list) push(reads, n);
        break;
      }
      default:
        break;
    }
  }
  out.reads.push(...reads);
  out.writes.push(...writes);
}

const QUERY_HEADS = new Set(['SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'VALUES', 'EXPLAIN', 'TRUNCATE', 'CREATE', 'UPSERT']);

/** What a statement (its tokens, as engine/migrations/sql-split gives them) does to tables. */
export function statementTables(tokens: readonly Token[]): StatementTables {
  const out: StatementTables = { changed: [], writes: [], reads: [] };
  const head = tokens[0];
  if (!head || head.kind !== 'word') return out;
  if (head.value === 'CREATE') readCreate(tokens, out);
  else if (head.value === 'ALTER') readAlter(tokens, out);
  else if (head.value === 'DROP') readDrop(tokens, out);
  // CREATE TABLE ... AS SELECT, CREATE VIEW ... AS SELECT and trigger bodies read and write like queries.
  if (QUERY_HEADS.has(head.value)) readQueries(tokens, out);
  return out;
}
