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

  it('ends a trigger at the END that closes its body, not at BEGIN/END words used as names (the trigger trick)', () => {
    // Regression (issue 12): BEGIN/END were counted, so `AS begin` kept the trigger open and the
    // COMMIT, ATTACH and VACUUM INTO after it were hidden inside one "trigger" chunk.
    const sql = "CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1 AS begin; END; COMMIT; ATTACH DATABASE '/elsewhere/x.db' AS e; VACUUM INTO '/elsewhere/y.db'; BEGIN; SELECT 1 AS end;";
    expect(texts(sql)).toEqual(['CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1 AS begin; END', 'COMMIT', "ATTACH DATABASE '/elsewhere/x.db' AS e", "VACUUM INTO '/elsewhere/y.db'", 'BEGIN', 'SELECT 1 AS end']);
    expect(texts('CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1 AS end; SELECT CASE WHEN 1 THEN 2 END AS "end"; END; DROP TABLE y')).toEqual([
      'CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1 AS end; SELECT CASE WHEN 1 THEN 2 END AS "end"; END',
      'DROP TABLE y',
    ]);
  });

  it('reads names that are keywords in a trigger header (trigger, columns, table, WHEN) by position', () => {
    const sql = 'CREATE TEMP TRIGGER IF NOT EXISTS main.begin BEFORE UPDATE OF begin, "end" ON begin FOR EACH ROW WHEN new.begin = (SELECT begin FROM t) BEGIN UPDATE x SET a = 1; DELETE FROM y; END;\nSELECT 2';
    const r = splitSql(sql);
    expect(r.uncertain).toBeUndefined();
    expect(r.statements).toHaveLength(2);
    expect(r.statements[0].text.endsWith('DELETE FROM y; END')).toBe(true);
    expect(r.statements[1]).toMatchObject({ text: 'SELECT 2', line: 2 });
  });

  it.each([
    ['a body without END', 'CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE x SET a = 1;\nDROP TABLE x;', /found 'DROP'/],
    ['a body that never ends', 'CREATE TRIGGER t AFTER INSERT ON x BEGIN UPDATE x SET a = 1;', /never ends/],
    ['END followed by something else', 'CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END COMMIT;', /followed by 'COMMIT'/],
    ['a bare begin in WHEN', 'CREATE TRIGGER t AFTER INSERT ON x WHEN begin BEGIN SELECT 1; END;', /found 'BEGIN'/],
    ['no event', 'CREATE TRIGGER t AFTER ON x BEGIN SELECT 1; END;', /expected DELETE, INSERT or UPDATE/],
  ])('reports %s as uncertain and keeps the rest of the text in one statement', (_what, sql, message) => {
    const r = splitSql(sql);
    expect(r.uncertain?.message).toMatch(message);
    expect(r.statements).toHaveLength(1);
    expect(r.statements[0].uncertain).toBe(r.uncertain?.message);
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
