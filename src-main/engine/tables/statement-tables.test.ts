import { describe, expect, it } from 'vitest';
import { splitSql } from '../migrations/sql-split';
import { statementTables, type StatementTables } from './statement-tables';
import { tableKey } from './table-name';

const of = (sql: string): StatementTables => statementTables(splitSql(sql).statements[0].tokens);
const keys = (list: { schema: string | null; name: string }[]) => list.map(tableKey);

describe('statementTables: DDL', () => {
  it('CREATE TABLE: quoted and schema-qualified names, columns, column and table foreign keys', () => {
    const t = of(`CREATE TABLE IF NOT EXISTS "Billing"."Invoices" (
      id TEXT PRIMARY KEY,
      "customer_id" TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      tenant_id TEXT,
      CONSTRAINT fk_sub FOREIGN KEY (sub_id, tenant_id) REFERENCES main.billing_subscriptions (id, tenant_id),
      CHECK (id <> '')
    )`);
    expect(t.created?.table).toEqual({ schema: 'billing', name: 'invoices' });
    expect(t.created?.columns).toEqual(['id', 'customer_id', 'tenant_id']);
    expect(t.created?.foreignKeys.map((f) => [f.columns, tableKey(f.to), f.toColumns])).toEqual([
      [['customer_id'], 'customers', ['id']],
      [['sub_id', 'tenant_id'], 'billing_subscriptions', ['id', 'tenant_id']],
    ]);
    expect(t.reads).toEqual([]);
  });

  it('CREATE TEMP TABLE is temporary; CREATE TABLE ... AS SELECT reads its sources and has no known columns', () => {
    expect(of('CREATE TEMP TABLE scratch (a INT)').created?.temporary).toBe(true);
    const t = of('CREATE TABLE billing_copy AS SELECT * FROM billing_invoices i JOIN [crm].[contacts] c ON c.id = i.contact_id');
    expect(t.created?.columns).toBeNull();
    expect(keys(t.reads)).toEqual(['billing_invoices', 'crm.contacts']);
  });

  it('ALTER TABLE: rename (keeping the schema), add column with a foreign key, drop column, several PostgreSQL actions', () => {
    expect(of('ALTER TABLE billing.inv RENAME TO invoices').changed).toEqual([{ table: { schema: 'billing', name: 'inv' }, action: 'rename', renamedTo: { schema: 'billing', name: 'invoices' } }]);
    expect(of('ALTER TABLE t SET SCHEMA archive').changed[0].renamedTo).toEqual({ schema: 'archive', name: 't' });
    const add = of('ALTER TABLE ONLY orders ADD COLUMN IF NOT EXISTS customer_id TEXT REFERENCES customers(id), DROP COLUMN legacy');
    expect(add.changed.map((c) => [c.action, c.addedColumns, c.droppedColumns, c.foreignKeys?.map((f) => tableKey(f.to))])).toEqual([
      ['alter', ['customer_id'], undefined, ['customers']],
      ['alter', undefined, ['legacy'], undefined],
    ]);
    const constraint = of('ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES payments_transactions (id)');
    expect(constraint.changed[0].addedColumns).toBeUndefined();
    expect(constraint.changed[0].foreignKeys?.[0]).toMatchObject({ columns: ['pid'], to: { name: 'payments_transactions' } });
  });

  it('DROP TABLE lists, CREATE INDEX and CREATE TRIGGER name the table they change', () => {
    expect(of('DROP TABLE IF EXISTS a, public.b CASCADE').changed.map((c) => [c.action, tableKey(c.table)])).toEqual([
      ['drop', 'a'],
      ['drop', 'b'],
    ]);
    expect(of('CREATE UNIQUE INDEX IF NOT EXISTS i ON "orders" (id)').changed).toEqual([{ table: { schema: null, name: 'orders' }, action: 'index' }]);
    expect(of('CREATE INDEX ON ONLY crm.contacts USING btree (email)').changed[0].table).toEqual({ schema: 'crm', name: 'contacts' });
    const trig = of('CREATE TRIGGER audit_orders AFTER UPDATE OF status ON orders BEGIN INSERT INTO audit_logs (id) VALUES (new.id); UPDATE stats SET n = n + 1; END');
    expect(trig.changed).toEqual([{ table: { schema: null, name: 'orders' }, action: 'trigger' }]);
    expect(keys(trig.writes)).toEqual(['audit_logs', 'stats']);
  });
});

describe('statementTables: queries', () => {
  it('writes: INSERT OR IGNORE INTO, REPLACE INTO, UPDATE with alias, DELETE FROM, TRUNCATE; ON CONFLICT DO UPDATE and ON DELETE are no writes', () => {
    expect(keys(of('INSERT OR IGNORE INTO a (x) SELECT x FROM b ON CONFLICT (x) DO UPDATE SET x = excluded.x').writes)).toEqual(['a']);
    expect(keys(of("REPLACE INTO a VALUES (replace('x', 'y', 'z'))").writes)).toEqual(['a']);
    expect(keys(of('UPDATE ONLY billing.invoices AS i SET paid = 1 FROM payments p WHERE p.id = i.pid').writes)).toEqual(['billing.invoices']);
    expect(keys(of('UPDATE ONLY billing.invoices AS i SET paid = 1 FROM payments p WHERE p.id = i.pid').reads)).toEqual(['payments']);
    const del = of('DELETE FROM a USING b, c WHERE a.id = b.id');
    expect([keys(del.writes), keys(del.reads)]).toEqual([['a'], ['b', 'c']]);
    expect(keys(of('TRUNCATE TABLE a, b').writes)).toEqual(['a', 'b']);
  });

  it('reads: FROM lists, joins, subqueries and CTEs (the CTE names are no tables); FROM inside a function call reads nothing', () => {
    const q = of(`WITH recent AS (SELECT * FROM orders WHERE created_at > ?), totals (n) AS (SELECT count(*) FROM recent)
      SELECT EXTRACT(YEAR FROM r.created_at), TRIM(BOTH ' ' FROM c.name) FROM recent r, "crm"."contacts" AS c
      LEFT OUTER JOIN tenancy_tenants t USING (tenant_id)
      WHERE r.id IN (SELECT order_id FROM payments_transactions) AND a IS NOT DISTINCT FROM b`);
    expect(keys(q.reads)).toEqual(['orders', 'crm.contacts', 'tenancy_tenants', 'payments_transactions']);
    expect(q.writes).toEqual([]);
    expect(keys(of('SELECT * FROM generate_series(1, 3) g, t').reads)).toEqual(['t']);
  });

  it('statements that name no table say nothing (PRAGMA, GRANT, a SELECT of constants)', () => {
    for (const sql of ['PRAGMA foreign_keys = ON', "GRANT SELECT ON orders TO reporting", 'SELECT 1', 'DROP INDEX orders_status']) {
      const t = of(sql);
      expect([t.created, t.changed, t.writes, t.reads], sql).toEqual([undefined, [], [], []]);
    }
  });
});
