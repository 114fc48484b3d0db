import { describe, expect, it } from 'vitest';
import type { MigrationPhase } from '../../common/contract-migrations';
import { classifyStatement } from './classify';
import { analyzeMigrationFile, parseMigrationName } from './migration-file';
import { outsideTransactionReason } from './postgres-rules';
import { splitSql } from './sql-split';

function analyze(phase: MigrationPhase, sql: string, dialect: 'sqlite' | 'postgres' = 'postgres') {
  const parsed = parseMigrationName(`shop_0001_x.${phase}.sql`, 'shop');
  if (!('name' in parsed)) throw new Error('bad name');
  return analyzeMigrationFile({ module: 'shop', file: `modules/shop/migrations/shop_0001_x.${phase}.sql`, scoped: false, tenantColumn: 'tenant_id', dialect }, parsed.name, sql);
}
const rules = (f: ReturnType<typeof analyze>) => f.diagnostics.map((d) => d.rule);
const kind = (sql: string) => classifyStatement(splitSql(sql, 'postgres').statements[0]).kind;

describe('PostgreSQL dialect', () => {
  it('splits dollar-quoted function bodies and DO blocks as one statement each', () => {
    const sql = `CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.a := 1; RETURN NEW; END; $body$ LANGUAGE plpgsql;\nDO $$ BEGIN PERFORM 1; END $$;\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();\nSELECT 1`;
    const split = splitSql(sql, 'postgres');
    expect(split.statements.map((s) => s.line)).toEqual([1, 2, 3, 4]);
    expect(split.uncertain).toBeUndefined();
    expect(split.unterminated).toBeUndefined();
    // In SQLite a CREATE TRIGGER without BEGIN ... END cannot be split with certainty.
    expect(splitSql(sql, 'sqlite').uncertain).toBeDefined();
  });

  it('an unterminated dollar quote is reported, not guessed', () => {
    expect(splitSql('DO $x$ BEGIN END; $y$;', 'postgres').unterminated?.what).toBe('a $x$-quoted string');
  });

  it.each([
    ['CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)', 'additive'],
    ['CREATE SCHEMA billing', 'additive'],
    ["CREATE TYPE billing.status AS ENUM ('open', 'paid')", 'additive'],
    ["ALTER TYPE billing.status ADD VALUE 'void'", 'additive'],
    ["ALTER TYPE billing.status RENAME VALUE 'void' TO 'voided'", 'destructive'],
    ['ALTER TABLE billing.invoices ALTER COLUMN total TYPE numeric(12,2)', 'destructive'],
    ['ALTER TABLE billing.invoices ALTER COLUMN status SET NOT NULL', 'destructive'],
    ['ALTER TABLE billing.invoices ALTER COLUMN status DROP DEFAULT', 'destructive'],
    ["COMMENT ON TABLE billing.invoices IS 'x'", 'additive'],
    ['DROP INDEX CONCURRENTLY i', 'destructive'],
  ])('%s is %s', (sql, expected) => {
    expect(kind(sql)).toBe(expected);
  });

  it('marks what cannot run in a transaction, and only on PostgreSQL', () => {
    const f = analyze('expand', 'CREATE INDEX CONCURRENTLY i ON t (a);');
    expect(f.statements[0].outsideTransaction).toMatch(/cannot run inside a transaction block/);
    expect(f.blockers).toEqual([]);
    expect(outsideTransactionReason(splitSql('VACUUM ANALYZE t', 'postgres').statements[0])).toMatch(/VACUUM/);
    expect(analyze('expand', 'CREATE INDEX CONCURRENTLY i ON t (a);', 'sqlite').statements[0].outsideTransaction).toBeUndefined();
  });

  it('a CONCURRENTLY index shares its migration with nothing else', () => {
    const f = analyze('expand', 'CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);');
    expect(f.blockers).toEqual([expect.objectContaining({ rule: 'migration-statement-unrunnable', line: 2 })]);
  });

  it('never runs what reaches beyond the target database or ends the transaction', () => {
    expect(rules(analyze('maintenance', "COPY t FROM '/etc/passwd'"))).toContain('migration-statement-forbidden');
    expect(rules(analyze('maintenance', "COPY t TO PROGRAM 'sh'"))).toContain('migration-statement-forbidden');
    expect(rules(analyze('maintenance', 'CREATE DATABASE other'))).toContain('migration-statement-forbidden');
    expect(rules(analyze('maintenance', "LOAD 'x.so'"))).toContain('migration-statement-forbidden');
    expect(rules(analyze('maintenance', 'ABORT'))).toContain('migration-statement-forbidden');
    expect(rules(analyze('maintenance', 'SET search_path = billing'))).toContain('migration-statement-unrunnable');
    expect(rules(analyze('maintenance', "SET LOCAL lock_timeout = '5s'"))).not.toContain('migration-statement-unrunnable');
  });

  it("SQLite's own refusals do not apply to PostgreSQL", () => {
    expect(rules(analyze('maintenance', 'VACUUM'))).toEqual([]);
    expect(rules(analyze('maintenance', 'VACUUM', 'sqlite'))).toContain('migration-statement-unrunnable');
    expect(rules(analyze('expand', 'ALTER TABLE t ADD COLUMN c text UNIQUE'))).toEqual([]);
  });

  it('the tenant lint reads schema-qualified and quoted PostgreSQL names', () => {
    const parsed = parseMigrationName('shop_0001_x.expand.sql', 'shop');
    if (!('name' in parsed)) throw new Error('bad name');
    const scoped = (sql: string) => analyzeMigrationFile({ module: 'shop', file: 'f.sql', scoped: true, tenantColumn: 'tenant_id', dialect: 'postgres' }, parsed.name, sql).diagnostics;
    expect(scoped('CREATE TABLE IF NOT EXISTS shop.items (id int)')).toEqual([expect.objectContaining({ rule: 'tenant-table-missing-column', message: expect.stringContaining('table items has no tenant_id') })]);
    expect(scoped('CREATE TABLE "shop"."Items" (id int, "tenant_id" text NOT NULL)')).toEqual([]);
  });

  it('reads the -- dialect: header, which overrides the platform dialect', () => {
    const f = analyze('expand', '-- dialect: postgres\nCREATE INDEX CONCURRENTLY i ON t (a);', 'sqlite');
    expect(f.dialect).toBe('postgres');
    expect(f.statements[0].outsideTransaction).toBeDefined();
    const bad = analyze('expand', '-- dialect: oracle\nCREATE TABLE t (a int);');
    expect(bad.diagnostics).toEqual([expect.objectContaining({ rule: 'migration-dialect-invalid', line: 1, column: 13 })]);
  });
});
