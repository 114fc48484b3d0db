import { CONFIRM_FROM_WAVE, type WindowStatement } from '../../common/contract-migrations';
import type { MigrationFile } from './migration-file';
import { statementSummary } from './sql-split';

/**
 * Which statements of a pending migration need the maintenance window (`--yes`), and why: every
 * statement that changes something in a contract or maintenance wave (the running release may still
 * use what it removes or locks), and in any wave a statement PostgreSQL cannot run inside a
 * transaction (it runs alone, and a failure cannot be rolled back). Read-only statements need no
 * window. The Migrations view and `migrate plan --format json` show these.
 */
export function windowStatements(f: Pick<MigrationFile, 'statements'>, wave: number): WindowStatement[] {
  const out: WindowStatement[] = [];
  for (const s of f.statements) {
    const c = s.classified;
    // Summarized only when listed: most statements of a large plan need no window (issue 16).
    if (s.outsideTransaction) {
      out.push({ line: s.line, statement: statementSummary(s, 60), why: `${s.outsideTransaction}: the runner runs it alone, outside a transaction, so a failure half-way cannot be rolled back`, outsideTransaction: true });
    } else if (wave >= CONFIRM_FROM_WAVE && c.kind !== 'read') {
      const what = c.kind === 'destructive' ? 'destructive: the release still running may use what it removes or changes' : c.kind === 'data' ? 'changes rows while the release still running may write them' : c.kind === 'operational' ? 'operational: it can lock tables for its whole run' : c.kind === 'unknown' ? 'not recognised by the classifier, so it could change anything' : 'runs in a maintenance wave';
      out.push({ line: s.line, statement: statementSummary(s, 60), why: `${c.what}; ${what}${c.note ? ` (${c.note})` : ''}` });
    }
  }
  return out;
}
