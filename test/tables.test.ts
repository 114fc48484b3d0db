/**
 * `mwb tables` as a real process: table ownership, columns, foreign keys (renames followed) and the
 * tenant column of the example platform; an adapter's checkout (Drupal) where tables are not known
 * and the table rules say nothing; bad platform.yaml `tables:` settings as findings, not crashes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TableInfo, TablesReport } from '../src-main/common/contract-tables';
import { copyFixture, EXAMPLE, runBuiltCli, writeCheckout } from './helpers/checkout';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tablesJson(dir: string): TablesReport {
  const run = runBuiltCli(['tables', dir, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as TablesReport;
}

describe('mwb tables', () => {
  it('lists the example platform: owners in load order, foreign keys with their owner, renames followed, the shared core table, no open finding', () => {
    const report = tablesJson(EXAMPLE);
    expect(report).toMatchObject({ known: true, naming: 'prefix', tenantColumn: 'tenant_id', diagnostics: [] });
    const byKey = new Map(report.tables.map((t) => [t.key, t]));
    expect(report.tables[0].owner).toBe('core');
    expect(byKey.get('tenancy_tenants')).toMatchObject({ owner: 'tenancy', tier: 'core', shared: true, scoped: false, tenantColumn: false });
    // The allowed cross-module foreign key: billing depends on customers.
    expect(byKey.get('billing_subscriptions')?.foreignKeys).toEqual([
      { columns: ['customer_id'], to: 'customers', toColumns: ['id'], owner: 'customers', file: 'modules/billing/migrations/billing_0001_create_subscriptions.expand.sql', line: 4 },
    ]);
    // inventory renamed warehouses to locations: the table keeps its owner, its first CREATE and its columns; the foreign key into it follows.
    expect(byKey.has('inventory_warehouses')).toBe(false);
    const locations = byKey.get('inventory_locations') as TableInfo;
    expect(locations).toMatchObject({ owner: 'inventory', renamedFrom: ['inventory_warehouses'], file: 'modules/inventory/migrations/inventory_0001_create_stock.expand.sql', line: 11 });
    expect(locations.columns).toContain('kind');
    expect(byKey.get('inventory_stock_levels')?.foreignKeys.map((k) => k.to)).toEqual(['inventory_items', 'inventory_locations']);
    // Columns follow ALTER TABLE: billing added status and dropped is_paid.
    expect(byKey.get('billing_invoices')?.columns).toEqual(expect.arrayContaining(['status']));
    expect(byKey.get('billing_invoices')?.columns).not.toContain('is_paid');
    // The view of analytics is not a table.
    expect(byKey.has('analytics_monthly_metrics')).toBe(false);
    expect(new Set(report.tables.map((t) => t.owner)).size).toBe(14);
  });

  it('prints a text table with the tenant column and the findings count (waived ones left out)', () => {
    const run = runBuiltCli(['tables', EXAMPLE]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^TABLE\s+OWNER\s+TIER\s+COLUMNS\s+TENANT_ID\s+FOREIGN KEYS\s+CREATED/);
    expect(run.stdout).toMatch(/billing_subscriptions\s+billing\s+optional\s+7\s+yes\s+customers \(customers\)\s+modules\/billing\/migrations\/billing_0001_create_subscriptions\.expand\.sql:4/);
    expect(run.stdout).toContain('31 tables owned by 14 modules, naming: prefix\n');
  });

  it('shows open findings in its summary, and a scoped table without the tenant column as MISSING', () => {
    const dir = writeCheckout({
      'modules/crm/module.yaml': 'name: crm\nversion: 1.0.0\ntenancy: scoped\n',
      'modules/crm/migrations/crm_0001_create_contacts.expand.sql': 'CREATE TABLE crm_contacts (id TEXT PRIMARY KEY);\nCREATE TABLE contacts_archive (id TEXT);\n',
    });
    temps.push(dir);
    const run = runBuiltCli(['tables', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/crm_contacts\s+crm\s+optional\s+1\s+MISSING/);
    expect(run.stdout).toContain('2 tables owned by 1 module, naming: prefix; 1 data-isolation finding (mwb check lists them)');
    expect(tablesJson(dir).diagnostics.map((d) => `${d.rule} ${d.line}`)).toEqual(['table-prefix 2']);
  });

  it('says tables are not known on a Drupal site (hook_schema is not read), and check reports no table finding there', () => {
    const site = copyFixture('drupal/site');
    temps.push(site);
    const report = tablesJson(site);
    expect(report).toMatchObject({ known: false, tables: [], diagnostics: [] });
    expect(report.reason).toContain('drupal adapter reads no table definitions');
    expect(runBuiltCli(['tables', site]).stdout).toMatch(/^Tables are not known: the drupal adapter/);
    const check = JSON.parse(runBuiltCli(['check', site, '--format', 'json']).stdout) as { diagnostics: { rule: string }[] };
    expect(check.diagnostics.filter((d) => d.rule.startsWith('table-'))).toEqual([]);
  });

  it('reports bad tables: settings in platform.yaml at their line and keeps the defaults', () => {
    const dir = writeCheckout({
      'platform.yaml': 'tables:\n  naming: suffix\n  shared: [ok_table, "no spaces please"]\n',
      'modules/crm/module.yaml': 'name: crm\nversion: 1.0.0\n',
      'modules/crm/migrations/crm_0001_create.expand.sql': 'CREATE TABLE contacts (id TEXT);\n',
    });
    temps.push(dir);
    const check = runBuiltCli(['check', dir, '--format', 'json']);
    const report = JSON.parse(check.stdout) as { diagnostics: { rule: string; file: string; line: number; message: string }[] };
    const platform = report.diagnostics.filter((d) => d.rule === 'platform-invalid');
    expect(platform.map((d) => `${d.file}:${d.line}`)).toEqual(['platform.yaml:2', 'platform.yaml:3']);
    expect(platform[0].message).toContain('tables.naming');
    // The default naming (prefix) still applies.
    expect(report.diagnostics.filter((d) => d.rule === 'table-prefix').map((d) => d.message)).toEqual([expect.stringContaining("neither prefixed with 'crm_'")]);
    expect(fs.existsSync(path.join(dir, '.workbench'))).toBe(false);
  });
});
