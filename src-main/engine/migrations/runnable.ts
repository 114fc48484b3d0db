import type { SqlDialect } from '../../common/contract-migrations';
import type { RuleId } from '../../common/rules';
import type { Classified } from './classify';
import { postgresRunProblem } from './postgres-rules';
import { statementSummary, type SqlStatement } from './sql-split';
import { isWord, type Token } from './sql-tokens';

/**
 * What the runner never runs, in any phase, whatever a waiver says (SPEC §9). The runner applies
 * each migration statement by statement inside its own transaction, together with the ledger row:
 *
 * - migration-statement-forbidden: statements that would escape that transaction or the dev
 *   database: transaction control (BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE), ATTACH,
 *   DETACH, VACUUM INTO, and extension loading (load_extension) anywhere in a statement;
 * - migration-statement-unrunnable: statements SQLite refuses or ignores inside a transaction, so
 *   that `check` passing would promise an apply that can never succeed: VACUUM, PRAGMAs that change
 *   connection settings or the journal (journal_mode fails, foreign_keys is silently a no-op), and
 *   ALTER TABLE ... ADD COLUMN forms SQLite rejects (NOT NULL without a DEFAULT or with DEFAULT
 *   NULL on a table with rows, PRIMARY KEY, UNIQUE, CURRENT_* defaults, STORED generated columns).
 */
export interface RunProblem {
  rule: Extract<RuleId, 'migration-statement-forbidden' | 'migration-statement-unrunnable'>;
  message: string;
}

/** PRAGMAs that only read (with no `= value`), and those that work inside a transaction and last. */
const READ_PRAGMAS = new Set([
  'integrity_check',
  'quick_check',
  'foreign_key_check',
  'foreign_key_list',
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'collation_list',
  'function_list',
  'module_list',
  'pragma_list',
  'database_list',
  'compile_options',
  'data_version',
  'page_count',
  'freelist_count',
  'schema_version',
  'user_version',
  'application_id',
  'foreign_keys',
]);
const WRITE_PRAGMAS = new Set(['user_version', 'application_id', 'defer_foreign_keys', 'optimize']);

const TRANSACTION_WORDS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'START']);

const forbidden = (message: string): RunProblem => ({ rule: 'migration-statement-forbidden', message });
const unrunnable = (message: string): RunProblem => ({ rule: 'migration-statement-unrunnable', message });

function callsLoadExtension(tokens: readonly Token[]): Token | undefined {
  return tokens.find((t, k) => (t.kind === 'word' || t.kind === 'ident') && t.value.toLowerCase() === 'load_extension' && tokens[k + 1]?.kind === 'punct' && tokens[k + 1].value === '(');
}

function pragmaProblem(s: SqlStatement, quoted: string): RunProblem | null {
  const tokens = s.tokens;
  let k = 1;
  if (tokens[k + 1]?.kind === 'punct' && tokens[k + 1].value === '.') k += 2; // main.user_version
  const name = (tokens[k]?.kind === 'word' || tokens[k]?.kind === 'ident' ? tokens[k].value : '').toLowerCase();
  const assigns = tokens[k + 1]?.kind === 'punct' && (tokens[k + 1].value === '=' || (tokens[k + 1].value === '(' && !READ_PRAGMAS.has(name)));
  if (!assigns && READ_PRAGMAS.has(name)) return null;
  if (WRITE_PRAGMAS.has(name)) return null;
  const inTx = "the runner applies each migration inside a transaction";
  if (name === 'journal_mode') return unrunnable(`${quoted} changes the journal mode, which SQLite refuses inside a transaction (${inTx}); set it on the database outside the migrations`);
  if (name === 'foreign_keys') return unrunnable(`${quoted} does nothing inside a transaction: SQLite silently ignores a change of foreign_keys there (${inTx}); use PRAGMA defer_foreign_keys = ON for the migration, or drop the statement`);
  if (name === 'trusted_schema' || name === 'writable_schema') return forbidden(`${quoted} changes a safety setting of the runner's connection; migrations may not change it`);
  return unrunnable(`${quoted} changes a setting of the runner's connection (PRAGMA ${name || '?'}), which fails, does nothing or leaks into later migrations when run inside a transaction (${inTx}); only PRAGMA user_version, application_id, defer_foreign_keys, optimize and read-only PRAGMAs run in a migration`);
}

/** Column definitions SQLite refuses in ALTER TABLE ... ADD COLUMN (see its ALTER TABLE page). */
function addColumnProblem(s: SqlStatement, quoted: string): RunProblem | null {
  const words: string[] = [];
  let depth = 0;
  let k = 0;
  while (k < s.tokens.length && !isWord(s.tokens[k], 'ADD')) k++;
  for (k++; k < s.tokens.length; k++) {
    const t = s.tokens[k];
    if (t.kind === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
      words.push('');
      continue;
    }
    words.push(depth === 0 && t.kind === 'word' ? t.value : '');
  }
  const at = (seq: string[]) => words.findIndex((_, i) => seq.every((w, j) => words[i + j] === w));
  const refuse = (why: string) => unrunnable(`${quoted}: SQLite refuses ${why}; create the table anew (CREATE TABLE, copy, DROP, RENAME) in a contract or maintenance migration instead`);
  const def = at(['DEFAULT']);
  const generated = at(['GENERATED']) >= 0 || at(['AS']) >= 0;
  if (at(['NOT', 'NULL']) >= 0 && !generated && (def < 0 || words[def + 1] === 'NULL')) {
    return unrunnable(`${quoted}: SQLite refuses to add a NOT NULL column ${def < 0 ? 'without a DEFAULT' : 'whose DEFAULT is NULL'} to a table that has rows (every existing row would need a value); give it a non-NULL DEFAULT, or rebuild the table (CREATE TABLE, copy, DROP, RENAME) in a contract migration`);
  }
  if (at(['PRIMARY', 'KEY']) >= 0) return refuse('to add a PRIMARY KEY column');
  if (at(['UNIQUE']) >= 0) return refuse('to add a UNIQUE column (add the column, then CREATE UNIQUE INDEX)');
  if (def >= 0 && ['CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP'].includes(words[def + 1])) return refuse('to add a column with a non-constant DEFAULT to a table that has rows');
  if (generated && at(['STORED']) >= 0) return refuse('to add a STORED generated column');
  return null;
}

/** Why the runner will never run statement `s` (classified as `c`) against a target of `dialect`, or null. */
export function runProblem(s: SqlStatement, c: Classified, dialect: SqlDialect = 'sqlite'): RunProblem | null {
  if (dialect === 'postgres') return postgresRunProblem(s, c);
  // The summary is worded only for a statement that has a problem (most have none: a hot spot at 15,000 migrations).
  const quoted = (): string => `'${statementSummary(s)}'`;
  const first = s.tokens[0];
  const loader = callsLoadExtension(s.tokens);
  if (loader) return forbidden(`${quoted()} loads an extension (load_extension at line ${loader.line}), which would run native code from outside the checkout; migrations never load extensions`);
  if (first?.kind !== 'word') return null;
  if (c.kind === 'transaction' || TRANSACTION_WORDS.has(first.value)) {
    return forbidden(`${quoted()} ${c.what}: the runner applies each migration in its own transaction together with its ledger row, so a migration may not begin, commit, end, roll back or release one (or a savepoint)`);
  }
  if (c.kind === 'attach') return forbidden(`${quoted()} ${c.what}: migrations run against the dev database only, and ATTACH opens (or creates) another database file`);
  if (first.value === 'VACUUM') {
    if (s.tokens.some((t) => isWord(t, 'INTO'))) return forbidden(`${quoted()} writes a copy of the database to another file (VACUUM INTO); migrations write to the dev database only`);
    return unrunnable(`${quoted()}: SQLite cannot VACUUM inside a transaction, and the runner applies each migration inside one; vacuum the database by hand (sqlite3 FILE 'VACUUM') in the maintenance window instead`);
  }
  if (first.value === 'PRAGMA') return pragmaProblem(s, quoted());
  if (first.value === 'ALTER' && c.what.startsWith('adds column')) return addColumnProblem(s, quoted());
  return null;
}
