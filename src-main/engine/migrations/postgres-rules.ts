import type { Classified } from './classify';
import type { RunProblem } from './runnable';
import { statementSummary, type SqlStatement } from './sql-split';
import { isWord, type Token } from './sql-tokens';

/**
 * What the runner does differently on PostgreSQL. Each migration still runs in one transaction with
 * its ledger row, but PostgreSQL refuses a few statements inside a transaction block; those run
 * alone, outside one, and only in the maintenance window (`--yes`), the ledger row written after
 * they succeed. And a few statements reach beyond the target database, so they never run.
 */

const words = (s: SqlStatement): string[] => s.tokens.map((t: Token) => (t.kind === 'word' ? t.value : ''));

/** Why PostgreSQL cannot run `s` inside a transaction block, or null. */
export function outsideTransactionReason(s: SqlStatement): string | null {
  const w = words(s);
  const first = w[0];
  const concurrently = w.includes('CONCURRENTLY');
  if (first === 'CREATE' && concurrently && w.includes('INDEX')) return 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block (it builds the index without locking writes, over several transactions of its own)';
  if (first === 'DROP' && concurrently && w[1] === 'INDEX') return 'DROP INDEX CONCURRENTLY cannot run inside a transaction block';
  if (first === 'REINDEX' && (concurrently || w[1] === 'DATABASE' || w[1] === 'SYSTEM')) return `${w.slice(0, 2).join(' ')}${concurrently ? ' CONCURRENTLY' : ''} cannot run inside a transaction block`;
  if (first === 'VACUUM') return 'VACUUM cannot run inside a transaction block (and can take long on big tables)';
  return null;
}

const forbidden = (message: string): RunProblem => ({ rule: 'migration-statement-forbidden', message });
const unrunnable = (message: string): RunProblem => ({ rule: 'migration-statement-unrunnable', message });

/** Why the runner never runs `s` against PostgreSQL, or null. */
export function postgresRunProblem(s: SqlStatement, c: Classified): RunProblem | null {
  const quoted = `'${statementSummary(s)}'`;
  const w = words(s);
  const first = w[0];
  if (!first) return null;
  if (c.kind === 'transaction' || (first === 'PREPARE' && w[1] === 'TRANSACTION')) {
    return forbidden(`${quoted} ${c.kind === 'transaction' ? c.what : 'prepares a two-phase transaction'}: the runner applies each migration in its own transaction together with its ledger row, so a migration may not begin, commit, end, roll back or release one (or a savepoint)`);
  }
  if (first === 'LOAD') return forbidden(`${quoted} loads a shared library into the server, which would run native code chosen by the checkout; migrations never load libraries (CREATE EXTENSION of an extension installed on the server is fine)`);
  if (first === 'COPY') {
    if (w.includes('PROGRAM')) return forbidden(`${quoted} runs a program on the database server (COPY ... PROGRAM); migrations never run programs`);
    if (w.includes('STDIN') || w.includes('STDOUT')) return unrunnable(`${quoted} streams data through the client (COPY ... STDIN/STDOUT), which the runner never sends or reads; write INSERT ... SELECT instead`);
    return forbidden(`${quoted} reads or writes a file on the database server (COPY ... FROM/TO 'file'); migrations change the target database only`);
  }
  if ((first === 'CREATE' || first === 'DROP' || first === 'ALTER') && (w[1] === 'DATABASE' || w[1] === 'TABLESPACE' || w[1] === 'SYSTEM')) {
    return forbidden(`${quoted} acts on the server beyond the target database (${w[0]} ${w[1]}); migrations change the target database only`);
  }
  if ((first === 'SET' || first === 'RESET') && !isWord(s.tokens[1], 'LOCAL') && !isWord(s.tokens[1], 'CONSTRAINTS')) {
    return unrunnable(`${quoted} changes a setting of the runner's connection for the rest of the run, so it would leak into later migrations; use SET LOCAL, which lasts until the migration's transaction ends`);
  }
  return null;
}
