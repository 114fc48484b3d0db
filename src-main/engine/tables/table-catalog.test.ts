import { describe, expect, it } from 'vitest';
import type { Tier } from '../../common/model';
import { buildTableCatalog, type TableCatalogInput, type TableModule, type TableSqlFile } from './table-catalog';
import { tableStatements } from './table-statements';

const file = (module: string, name: string, sql: string): TableSqlFile => ({ module, file: `modules/${module}/${name}`, statements: tableStatements({ sql, line: 1, column: 1 }) });

function input(migrations: TableSqlFile[], extra: Partial<TableCatalogInput> = {}, tiers: Record<string, Tier> = {}, deps: Record<string, string[]> = {}): TableCatalogInput {
  const names = new Set([...migrations.map((m) => m.module), ...Object.keys(tiers)]);
  const modules = new Map<string, TableModule>([...names].map((n) => [n, { name: n, tier: tiers[n] ?? 'optional', scoped: false }]));
  return { migrations, sources: [], modules, dependsOn: (a, b) => (deps[a] ?? []).includes(b), policy: { naming: 'prefix', shared: [], tenantColumn: 'tenant_id' }, ...extra };
}

const rules = (c: ReturnType<typeof buildTableCatalog>) => c.diagnostics.map((d) => `${d.rule} ${d.module} ${d.file}:${d.line}`);

describe('buildTableCatalog', () => {
  it('checks a foreign key into a table created later in the plan once that table exists', () => {
    const c = buildTableCatalog(input([file('shop', 'm1.sql', 'CREATE TABLE shop_orders (id INT, c INT REFERENCES crm_contacts (id));'), file('crm', 'm1.sql', 'CREATE TABLE crm_contacts (id INT);')]));
    expect(rules(c)).toEqual(['table-foreign-key-unrelated shop modules/shop/m1.sql:1']);
    expect(c.tables.find((t) => t.key === 'shop_orders')?.foreignKeys[0].owner).toBe('crm');
  });

  it("resolves an unqualified name to the module's own schema (search_path), and a schema-qualified one exactly", () => {
    const c = buildTableCatalog(
      input([file('billing', 'm1.sql', 'CREATE TABLE billing.invoices (id INT);\nUPDATE invoices SET id = 1;'), file('crm', 'm1.sql', 'UPDATE billing.invoices SET id = 2;\nUPDATE invoices SET id = 3;')], { policy: { naming: 'schema', shared: [], tenantColumn: 'tenant_id' } }),
    );
    expect(rules(c)).toEqual(['table-foreign-write crm modules/crm/m1.sql:1']);
  });

  it('ignores TEMP tables (scratch, nobody owns them), and tables no migration creates', () => {
    const c = buildTableCatalog(input([file('crm', 'm1.sql', 'CREATE TEMP TABLE scratch (id INT);\nINSERT INTO scratch SELECT id FROM legacy_contacts;\nDROP TABLE scratch;\nUPDATE somebody_elses SET x = 1;')]));
    expect(c.tables).toEqual([]);
    expect(c.diagnostics).toEqual([]);
  });

  it('keeps an owner when another module drops its table, and reports that drop', () => {
    const c = buildTableCatalog(input([file('crm', 'm1.sql', 'CREATE TABLE crm_notes (id INT);'), file('shop', 'm1.sql', 'DROP TABLE crm_notes;\nCREATE TABLE crm_notes (id INT);')]));
    // After the foreign drop the name is free: the new table belongs to shop (and breaks its naming).
    expect(rules(c)).toEqual(['table-foreign-write shop modules/shop/m1.sql:1', 'table-prefix shop modules/shop/m1.sql:2']);
    expect(c.tables.map((t) => `${t.key} ${t.owner}`)).toEqual(['crm_notes shop']);
  });

  it('shares only core-tier tables, and only for reads', () => {
    const sources: TableSqlFile[] = [file('shop', 'q.sql', 'SELECT * FROM core_tenants;\nSELECT * FROM crm_contacts;\nDELETE FROM core_tenants;')];
    const c = buildTableCatalog(
      input([file('core', 'm1.sql', 'CREATE TABLE core_tenants (id INT);'), file('crm', 'm1.sql', 'CREATE TABLE crm_contacts (id INT);')], { sources, policy: { naming: 'prefix', shared: ['core_tenants', 'crm_contacts'], tenantColumn: 'tenant_id' } }, { core: 'core', shop: 'optional' }),
    );
    expect(rules(c)).toEqual(['table-cross-module-query shop modules/shop/q.sql:2', 'table-cross-module-query shop modules/shop/q.sql:3']);
    expect(c.diagnostics[1].message).toContain('writes core_tenants');
  });
});
