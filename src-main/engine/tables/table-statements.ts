import { splitSql } from '../migrations/sql-split';
import type { SqlFragment } from '../migrations/tenant-queries';
import { statementTables, touchesTables } from './statement-tables';
import type { TableStatement } from './table-catalog';

/**
 * The statements of an SQL text that starts at `fragment.line`/`fragment.column` of its file (a
 * whole .sql file, a string literal of a source file, or one statement the migration planner
 * already split), each with what it does to tables and its position in the file. Statements that
 * touch no table are left out.
 */
export function tableStatements(fragment: SqlFragment): TableStatement[] {
  const out: TableStatement[] = [];
  for (const s of splitSql(fragment.sql).statements) {
    const tables = statementTables(s.tokens);
    if (!touchesTables(tables)) continue;
    const line = fragment.line + s.line - 1;
    const column = s.line === 1 ? fragment.column + s.column - 1 : s.column;
    out.push({ text: s.text, line, column, tables });
  }
  return out;
}
