import { describe, expect, it } from 'vitest';
import type { MigrationPhase } from '../../common/contract-migrations';
import { classifyStatement, phaseProblem } from './classify';
import { analyzeMigrationFile, parseHeaders, parseMigrationName } from './migration-file';
import { runProblem } from './runnable';
import { splitSql } from './sql-split';

const kind = (sql: string) => classifyStatement(splitSql(sql).statements[0]).kind;

function problems(phase: MigrationPhase, sql: string): (string | null)[] {
  const created = new Set<string>();
  return splitSql(sql).statements.map((s) => {
    const c = classifyStatement(s);
    const p = phaseProblem(phase, c, s, created);
    if (c.table && c.columns !== undefined) created.add(c.table);
    return p;
  });
}

describe('classifyStatement', () => {
  it.each([
    ['CREATE TABLE t (id INT)', 'additive'],
    ['CREATE TABLE IF NOT EXISTS main.t AS SELECT * FROM s', 'additive'],
    ['CREATE UNIQUE INDEX i ON t (a)', 'additive'],
    ['CREATE VIEW v AS SELECT 1', 'additive'],
    ['CREATE VIRTUAL TABLE f USING fts5(body)', 'additive'],
    ['ALTER TABLE t ADD COLUMN c TEXT', 'additive'],
    ["ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT 'x'", 'additive'],
    ['ALTER TABLE t ADD COLUMN c TEXT CHECK (c IS NOT NULL OR 1)', 'additive'],
    ['ALTER TABLE t ADD COLUMN c TEXT NOT NULL', 'destructive'],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)', 'destructive'],
    ['ALTER TABLE t DROP COLUMN c', 'destructive'],
    ['ALTER TABLE t RENAME TO u', 'destructive'],
    ['ALTER TABLE t RENAME COLUMN a TO b', 'destructive'],
    ['ALTER TABLE t ALTER COLUMN a TYPE BIGINT', 'destructive'],
    ['ALTER TABLE t ALTER COLUMN a SET DEFAULT 0', 'additive'],
    ['DROP INDEX IF EXISTS i', 'destructive'],
    ['CREATE OR REPLACE VIEW v AS SELECT 2', 'destructive'],
    ['TRUNCATE TABLE t', 'destructive'],
    ['INSERT OR IGNORE INTO t (a) VALUES (1)', 'data'],
    ['UPDATE t SET a = 1', 'data'],
    ['DELETE FROM t WHERE a = 1', 'data'],
    ['REPLACE INTO t VALUES (1)', 'data'],
    ['WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', 'data'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'read'],
    ['SELECT 1', 'read'],
    ['ANALYZE t', 'operational'],
    ['PRAGMA foreign_keys = ON', 'operational'],
    ['VACUUM', 'operational'],
    ['BEGIN TRANSACTION', 'transaction'],
    ['COMMIT', 'transaction'],
    ["ATTACH DATABASE '/tmp/x.db' AS x", 'attach'],
    ['GRANT SELECT ON t TO bob', 'unknown'],
  ])('%s -> %s', (sql, expected) => {
    expect(kind(sql)).toBe(expected);
  });

  it('reads the table and columns of CREATE TABLE, skipping table constraints', () => {
    const c = classifyStatement(splitSql('CREATE TABLE "Orders" (id TEXT, [tenant_id] TEXT NOT NULL, total INT CHECK (total > 0), PRIMARY KEY (tenant_id, id), UNIQUE (id))').statements[0]);
    expect(c).toMatchObject({ table: 'orders', columns: ['id', 'tenant_id', 'total'] });
  });
});

describe('phase rules', () => {
  it('expand: additive only, and says where the rest belongs', () => {
    const [ok, drop, update] = problems('expand', 'CREATE TABLE t (a INT); ALTER TABLE s DROP COLUMN b; UPDATE s SET a = 1;');
    expect(ok).toBeNull();
    expect(drop).toMatch(/drops column b of s, which is destructive.*expand migrations may only add schema: move it to a contract migration/);
    expect(update).toMatch(/updates s, which is a data change.*move it to a backfill migration/);
  });

  it('expand may seed a table it created itself', () => {
    expect(problems('expand', "CREATE TABLE kinds (k TEXT); INSERT INTO kinds VALUES ('a');")).toEqual([null, null]);
  });

  it('explains ambiguous cases: NOT NULL without default, CREATE OR REPLACE, unknown statements', () => {
    const [notNull, replace, grant] = problems('expand', 'ALTER TABLE t ADD COLUMN c INT NOT NULL; CREATE OR REPLACE VIEW v AS SELECT 1; GRANT ALL ON t TO x;');
    expect(notNull).toMatch(/existing rows would have no value/);
    expect(replace).toMatch(/overwrites an existing definition/);
    expect(grant).toMatch(/not a statement the classifier knows.*maintenance migration/);
  });

  it('backfill: data only; contract: destructive only; maintenance: anything but transaction control and ATTACH', () => {
    expect(problems('backfill', 'UPDATE t SET a = 1; CREATE INDEX i ON t (a);')).toEqual([null, expect.stringMatching(/backfill migrations change data only/)]);
    expect(problems('contract', 'DROP TABLE t; ALTER TABLE s ADD COLUMN c TEXT;')).toEqual([null, expect.stringMatching(/contract migrations hold destructive schema changes only: move it to an expand migration/)]);
    expect(problems('maintenance', 'DROP INDEX i; CREATE INDEX j ON t (a); ANALYZE; GRANT x; COMMIT;')).toEqual([null, null, null, null, expect.stringMatching(/own transaction/)]);
    expect(problems('maintenance', "ATTACH 'x.db' AS x;")[0]).toMatch(/ATTACH would open/);
  });
});

describe('file names and headers', () => {
  it('parses <module>_<NNNN>_<slug>.<phase>.sql for its module', () => {
    expect(parseMigrationName('dev-tools_0012_add_x.expand.sql', 'dev-tools')).toEqual({ name: { id: 'dev-tools_0012_add_x', module: 'dev-tools', sequence: 12, slug: 'add_x', phase: 'expand' } });
  });

  it.each([
    ['billing_0003_status.sql', /has no phase/],
    ['billing_0003_status.up.sql', /phase 'up'/],
    ['billing_3_status.expand.sql', /sequence '3'.*four digits/],
    ['billing_0003_Status.expand.sql', /slug 'Status'/],
    ['payments_0001_x.expand.sql', /named for module 'payments' but lives in the migrations folder of 'billing'/],
    ['0001_x.expand.sql', /named for module '0001'|does not have the form/],
  ])('%s is invalid', (file, message) => {
    const r = parseMigrationName(file, 'billing');
    expect('problem' in r && r.problem).toMatch(message);
  });

  it('reads depends and waiver headers before the first statement only, with positions', () => {
    const h = parseHeaders('-- Change x\n--  depends: a_0001_x, b_0002_y\n-- waiver: migration-phase-violation scratch table\n-- waiver: tenant-query-unscoped\nSELECT 1;\n-- depends: late_0001_z\n');
    expect(h.depends).toEqual([
      { value: 'a_0001_x', line: 2, column: 14 },
      { value: 'b_0002_y', line: 2, column: 24 },
    ]);
    expect(h.waivers).toEqual([{ rule: 'migration-phase-violation', reason: 'scratch table', line: 3, column: 12 }]);
    expect(h.problems).toHaveLength(1);
  });

  it('reads headers from the whole leading comment block: a licence banner first, and depends: inside a block comment', () => {
    // Regression (issue 13, item 2): reading stopped at the first line that was not a `--` comment.
    const h = parseHeaders('/*\n * Licensed under Apache-2.0.\n * depends: a_0001_x\n */\n-- depends: b_0002_y\nSELECT 1; -- depends: c_0003_z\n/* waiver: migration-phase-violation late */\n');
    expect(h.depends).toEqual([
      { value: 'a_0001_x', line: 3, column: 13 },
      { value: 'b_0002_y', line: 5, column: 13 },
    ]);
    expect(h.misplaced).toEqual([
      { key: 'depends', text: 'depends: c_0003_z', line: 6, column: 14 },
      { key: 'waiver', text: 'waiver: migration-phase-violation late', line: 7, column: 4 },
    ]);
  });

  it.each([
    ['COMMIT', 'migration-statement-forbidden'],
    ['END TRANSACTION', 'migration-statement-forbidden'],
    ['SAVEPOINT s', 'migration-statement-forbidden'],
    ["ATTACH DATABASE 'x.db' AS x", 'migration-statement-forbidden'],
    ['DETACH x', 'migration-statement-forbidden'],
    ["VACUUM INTO '/tmp/y.db'", 'migration-statement-forbidden'],
    ["SELECT load_extension('./x.so')", 'migration-statement-forbidden'],
    ["CREATE VIEW v AS SELECT load_extension('./x.so')", 'migration-statement-forbidden'],
    ['PRAGMA trusted_schema = ON', 'migration-statement-forbidden'],
    ['VACUUM', 'migration-statement-unrunnable'],
    ['PRAGMA journal_mode = WAL', 'migration-statement-unrunnable'],
    ['PRAGMA main.journal_mode=DELETE', 'migration-statement-unrunnable'],
    ['PRAGMA foreign_keys = OFF', 'migration-statement-unrunnable'],
    ['PRAGMA synchronous = OFF', 'migration-statement-unrunnable'],
    ['ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT NULL', 'migration-statement-unrunnable'],
    ['ALTER TABLE t ADD COLUMN c TEXT NOT NULL', 'migration-statement-unrunnable'],
    ['ALTER TABLE t ADD COLUMN c TEXT UNIQUE', 'migration-statement-unrunnable'],
    ['ALTER TABLE t ADD c INTEGER PRIMARY KEY', 'migration-statement-unrunnable'],
    ['ALTER TABLE t ADD COLUMN c TEXT DEFAULT CURRENT_TIMESTAMP', 'migration-statement-unrunnable'],
    ['ALTER TABLE t ADD COLUMN c INT AS (a + 1) STORED', 'migration-statement-unrunnable'],
    ["ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT 'x'", null],
    ['ALTER TABLE t ADD COLUMN c INT NOT NULL AS (a + 1)', null],
    ['ALTER TABLE t ADD COLUMN c INT DEFAULT (1)', null],
    ['PRAGMA user_version = 3', null],
    ['PRAGMA defer_foreign_keys = ON', null],
    ['PRAGMA foreign_keys', null],
    ['PRAGMA table_info(t)', null],
    ['PRAGMA integrity_check', null],
    ['ANALYZE', null],
    ["SELECT 'load_extension(x)'", null],
  ])('runProblem(%s) is %s', (sql, rule) => {
    const s = splitSql(sql).statements[0];
    expect(runProblem(s, classifyStatement(s))?.rule ?? null).toBe(rule);
  });

  it('analyzeMigrationFile: tenant tables of scoped modules (temp tables and global modules exempt)', () => {
    const name = { id: 'shop_0001_x', module: 'shop', sequence: 1, slug: 'x', phase: 'expand' as const };
    const sql = 'CREATE TABLE shop_items (id TEXT);\nCREATE TEMP TABLE scratch (id TEXT);\nCREATE TABLE shop_orders (id TEXT, tenant_id TEXT);';
    const scoped = analyzeMigrationFile({ module: 'shop', file: 'f.sql', scoped: true, tenantColumn: 'tenant_id' }, name, sql);
    expect(scoped.diagnostics.map((d) => [d.rule, d.line])).toEqual([['tenant-table-missing-column', 1]]);
    const global = analyzeMigrationFile({ module: 'shop', file: 'f.sql', scoped: false, tenantColumn: 'tenant_id' }, name, sql);
    expect(global.diagnostics).toEqual([]);
  });
});
