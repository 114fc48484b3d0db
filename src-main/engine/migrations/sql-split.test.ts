import { describe, expect, it } from 'vitest';
import { splitSql } from './sql-split';
import { tokenizeSql } from './sql-tokens';

const texts = (sql: string) => splitSql(sql).statements.map((s) => s.text);

describe('splitSql', () => {
  it('splits at semicolons and gives each statement the line and column of its first token', () => {
    const { statements } = splitSql('-- header\nCREATE TABLE a (x INT);\n\n  INSERT INTO a VALUES (1);\nSELECT 1');
    expect(statements.map((s) => [s.text, s.line, s.column, s.terminated])).toEqual([
      ['CREATE TABLE a (x INT)', 2, 1],
      ['INSERT INTO a VALUES (1)', 4, 3],
      ['SELECT 1', 5, 1],
    ].map(([t, l, c], i) => [t, l, c, i < 2]));
  });

  it('keeps semicolons inside strings, quoted identifiers and comments', () => {
    expect(texts("INSERT INTO t VALUES ('a;b', 'it''s; fine');\nSELECT \"odd;name\", `x;y`, [z;w] FROM t; -- trailing; comment\n/* a; block\n; comment */ DELETE FROM t")).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      'SELECT "odd;name", `x;y`, [z;w] FROM t',
      'DELETE FROM t',
    ]);
  });

  it('keeps a trigger body (BEGIN ... END with CASE ... END inside) in one statement', () => {
    const sql = [
      'CREATE TRIGGER audit_orders AFTER UPDATE ON orders',
      'WHEN CASE WHEN new.status = old.status THEN 0 ELSE 1 END',
      'BEGIN',
      "  INSERT INTO log (what) VALUES (CASE new.status WHEN 'paid' THEN 'paid; finally' ELSE 'other' END);",
      '  UPDATE orders SET touched = 1 WHERE id = new.id;',
      'END;',
      'CREATE INDEX i ON orders (status);',
    ].join('\n');
    const { statements } = splitSql(sql);
    expect(statements).toHaveLength(2);
    expect(statements[0].text.endsWith('END')).toBe(true);
    expect(statements[1]).toMatchObject({ text: 'CREATE INDEX i ON orders (status)', line: 7 });
  });

  it('treats BEGIN/END outside a trigger as statements of their own', () => {
    expect(texts('BEGIN; UPDATE t SET a = 1; END;')).toEqual(['BEGIN', 'UPDATE t SET a = 1', 'END']);
  });

  it('skips empty statements and reports an unterminated quote where it starts', () => {
    const r = splitSql(";;\nSELECT 1;\nUPDATE t SET a = 'oops;\nSELECT 2;");
    expect(r.statements.map((s) => s.text.split('\n')[0])).toEqual(['SELECT 1', "UPDATE t SET a = 'oops;"]);
    expect(r.unterminated).toEqual({ what: 'a quoted string', line: 3, column: 18 });
  });

  it('unquotes identifiers and strings, upper-cases words', () => {
    const { tokens } = tokenizeSql(`select "Tenant""Id", 'it''s' from [My Table] where x = :p and y = ?`);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['word', 'SELECT'],
      ['ident', 'Tenant"Id'],
      ['punct', ','],
      ['string', "it's"],
      ['word', 'FROM'],
      ['ident', 'My Table'],
      ['word', 'WHERE'],
      ['word', 'X'],
      ['punct', '='],
      ['param', ':p'],
      ['word', 'AND'],
      ['word', 'Y'],
      ['punct', '='],
      ['param', '?'],
    ]);
  });
});
