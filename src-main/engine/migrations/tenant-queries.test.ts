import { describe, expect, it } from 'vitest';
import { looksLikeSql, sqlFragments, stringLiterals, unscopedQueries } from './tenant-queries';

const ctx = { module: 'billing', file: 'modules/billing/src/x', tables: new Set(['invoices', 'invoice_lines']), tenantColumn: 'tenant_id' };

function lint(text: string, lang: 'sql' | 'js' | 'python' | 'go') {
  return sqlFragments(text, lang).flatMap((f) => unscopedQueries(ctx, f)).map((d) => `${d.line}:${d.column}`);
}

describe('tenant-query-unscoped', () => {
  it('flags DML on own tables without the tenant column; ignores DDL, other tables and scoped queries', () => {
    const sql = [
      'SELECT * FROM invoices WHERE id = ?;',
      'SELECT * FROM invoices WHERE tenant_id = ? AND id = ?;',
      'UPDATE other_table SET a = 1;',
      'ALTER TABLE invoices ADD COLUMN note TEXT;',
      'CREATE INDEX i ON invoices (number);',
      'DELETE FROM invoice_lines WHERE invoice_id = ?;',
      'INSERT INTO invoices (tenant_id, id) VALUES (?, ?);',
    ].join('\n');
    expect(lint(sql, 'sql')).toEqual(['1:1', '6:1']);
  });

  it('finds SQL in string literals of TypeScript/JavaScript (templates, concatenation), not in comments or prose', () => {
    const ts = [
      "// SELECT * FROM invoices WHERE id = 1",
      "const label = 'Select from the invoices list';",
      "const q1 = db.prepare('SELECT * FROM invoices WHERE id = ?');",
      'const q2 = sql`SELECT total FROM invoices WHERE tenant_id = ${tenant} AND id = ${id}`;',
      "const q3 = 'SELECT * FROM invoices ' +",
      "  'WHERE tenant_id = ?';",
      'const q4 = `',
      '  UPDATE invoice_lines',
      '  SET amount = 0`;',
    ].join('\n');
    expect(lint(ts, 'js')).toEqual(['3:24', '8:3']);
  });

  it('finds SQL in Python (triple quotes, prefixes, implicit concatenation) and Go (raw strings)', () => {
    const py = ['# DELETE FROM invoices', 'q = f"""', '    DELETE FROM invoices', '    WHERE id = {id}', '"""', 'r = ("SELECT id FROM invoices "', '     "WHERE tenant_id = %s")'].join('\n');
    expect(lint(py, 'python')).toEqual(['3:5']);
    const go = ['package billing', '// UPDATE invoices SET x = 1', 'const q = `SELECT id', 'FROM invoice_lines`', 'var s = "UPDATE invoices SET paid = 1 WHERE tenant_id = $1"'].join('\n');
    expect(lint(go, 'go')).toEqual(['3:12']);
  });

  it('a comment between joined literals does not break the join (issue 13 item 7): no false positive', () => {
    const ts = [
      "const q = 'SELECT * FROM invoices ' + // the tenant filter comes next",
      "  'WHERE tenant_id = ?';",
      "const r = 'DELETE FROM invoice_lines ' /* scoped: */ +",
      '  /* really */ "WHERE tenant_id = ? AND id = ?";',
      "const u = 'UPDATE invoices SET paid = 1 ' + // no tenant here",
      "  'WHERE id = ?';",
    ].join('\n');
    expect(lint(ts, 'js')).toEqual(['5:12']);
    const py = ['q = ("SELECT id FROM invoices "  # the filter:', '     # a whole comment line', '     "WHERE tenant_id = %s")', 'r = ("DELETE FROM invoices "  # no filter', '     "WHERE id = %s")'].join('\n');
    expect(lint(py, 'python')).toEqual(['4:7']);
    expect(stringLiterals("x = 'a' // c\n + 'b'", 'js').map((l) => l.text)).toEqual(['ab']);
    // A comment does not join what code separates.
    expect(stringLiterals("f('a' /* c */, 'b')", 'js').map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('joins adjacent literals and knows SQL from prose', () => {
    expect(stringLiterals("x = 'a' + 'b'; y = 'c'", 'js').map((l) => l.text)).toEqual(['ab', 'c']);
    expect(looksLikeSql('Select a file')).toBe(false);
    expect(looksLikeSql('select a from b')).toBe(true);
    expect(looksLikeSql('Update your profile settings')).toBe(false);
    expect(looksLikeSql('Select from the invoices list')).toBe(false);
  });
});
