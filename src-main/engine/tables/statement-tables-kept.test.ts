import { describe, expect, it } from 'vitest';
import { analyzeMigrationFile, parseMigrationName } from '../migrations/migration-file';
import { tableStatements } from './table-statements';

/**
 * The tables analysis takes what a migration statement does to tables from the migration split
 * (issue 16: it tokenized every statement a second time). What is kept must be what reading the
 * statement's own text gives, in both dialects, trigger bodies and dollar-quoted bodies included.
 */
const SQL = `-- a header comment
CREATE TABLE shop_items (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES core_users(id));
SELECT 1;
INSERT INTO shop_items (id) SELECT id FROM core_users;
CREATE TRIGGER shop_t AFTER INSERT ON shop_items BEGIN UPDATE shop_items SET owner = 1; END;
ALTER TABLE shop_items ADD COLUMN note TEXT;
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DELETE FROM core_users; RETURN NEW; END $$ LANGUAGE plpgsql;
  DROP TABLE shop_old`;

describe('table statements kept by the migration split', () => {
  it.each(['sqlite', 'postgres'] as const)('equal a second reading of each statement (%s)', (dialect) => {
    const parsed = parseMigrationName('shop_0001_x.expand.sql', 'shop');
    if (!('name' in parsed)) throw new Error('bad name');
    const f = analyzeMigrationFile({ module: 'shop', file: 'modules/shop/migrations/shop_0001_x.expand.sql', scoped: false, tenantColumn: 'tenant_id', dialect }, parsed.name, SQL);
    const kept = f.statements.flatMap(({ text, line, column, tables }) => (tables ? [{ text, line, column, tables }] : []));
    const again = f.statements.flatMap((s) => tableStatements({ sql: s.text, line: s.line, column: s.column }));
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(f.statements.find((s) => s.text === 'SELECT 1')?.tables).toBeUndefined();
    expect(kept).toEqual(again);
  });
});
