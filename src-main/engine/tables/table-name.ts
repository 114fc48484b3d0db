import { isWord, nameOf, type Token } from '../migrations/sql-tokens';

/**
 * A table name as SQL writes it: `t`, `"T"`, `[t]`, `` `t` ``, `main.t`, `billing.invoices`.
 * Names compare case-insensitively (SQLite's rule; PostgreSQL folds unquoted names the same way),
 * so they are kept lower case. The schemas SQLite and PostgreSQL use by default (`main`, `public`)
 * name the same table as no schema at all.
 */
export interface TableName {
  schema: string | null;
  name: string;
}

const DEFAULT_SCHEMAS = new Set(['main', 'public']);

/** The table's identity: `name`, or `schema.name` for a schema other than the default one. */
export function tableKey(t: TableName): string {
  return t.schema === null || DEFAULT_SCHEMAS.has(t.schema) ? t.name : `${t.schema}.${t.name}`;
}

/** The name of a module as a table prefix or schema: hyphens become `_` (`dev-tools` -> `dev_tools`). */
export function moduleTableName(module: string): string {
  return module.replace(/-/g, '_');
}

/**
 * Reads a possibly schema-qualified name at `k`, skipping `IF [NOT] EXISTS` and `ONLY` before it.
 * Null when no name stands there (a parenthesis, a keyword-less token).
 */
export function readTableName(tokens: readonly Token[], k: number): { table: TableName; next: number } | null {
  if (isWord(tokens[k], 'IF')) {
    k++;
    if (isWord(tokens[k], 'NOT')) k++;
    if (isWord(tokens[k], 'EXISTS')) k++;
  }
  if (isWord(tokens[k], 'ONLY')) k++;
  const parts: string[] = [];
  const first = nameOf(tokens[k]);
  if (first === null) return null;
  parts.push(first);
  k++;
  while (tokens[k]?.kind === 'punct' && tokens[k].value === '.' && nameOf(tokens[k + 1]) !== null) {
    parts.push(nameOf(tokens[k + 1]) as string);
    k += 2;
  }
  // `db.schema.table` (three parts): the last two are what identify the table.
  const name = parts[parts.length - 1];
  const schema = parts.length >= 2 ? parts[parts.length - 2] : null;
  return { table: { schema, name }, next: k };
}

/** Index just past the parenthesis group opening at `open` (or `open` itself when no `(` is there). */
export function skipParens(tokens: readonly Token[], open: number): number {
  if (tokens[open]?.kind !== 'punct' || tokens[open].value !== '(') return open;
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'punct') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')' && --depth === 0) return k + 1;
  }
  return tokens.length;
}

/** The names listed in the parenthesis group at `open`: `(a, "b", c)`. */
export function nameList(tokens: readonly Token[], open: number): string[] {
  const out: string[] = [];
  const end = skipParens(tokens, open);
  for (let k = open + 1; k < end - 1; k++) {
    const n = tokens[k].kind === 'punct' ? null : nameOf(tokens[k]);
    if (n !== null && (tokens[k - 1].value === '(' || tokens[k - 1].value === ',')) out.push(n);
  }
  return out;
}
