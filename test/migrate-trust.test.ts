/**
 * What runs is what was classified (issue 12): `mwb migrate` as a real process on real SQLite.
 * A migration cannot hide statements from the classifier (the trigger trick), ATTACH and VACUUM
 * INTO never run (no file appears outside the checkout, whatever a waiver says), a failing
 * migration leaves schema and ledger exactly as before, and an unreadable migration stops its module.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MigrationTarget } from '../src-main/node/dev-database';
import { runBuiltCli, writeCheckout } from './helpers/checkout';
import { devDb, mig, query } from './helpers/dev-db';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function checkout(files: Record<string, string | Buffer>): string {
  const dir = writeCheckout(files);
  temps.push(dir);
  return dir;
}

/** A folder outside the checkout that migrations try to write into. */
function outsideFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-outside-'));
  temps.push(dir);
  return dir;
}

/** Everything in the schema, so that "unchanged" means unchanged. */
const schema = (file: string) => query<{ type: string; name: string; sql: string | null }>(file, 'SELECT type, name, sql FROM sqlite_master ORDER BY type, name');
const ledgerIds = (file: string) => query<{ id: string }>(file, 'SELECT id FROM workbench_migrations ORDER BY id').map((r) => r.id);

interface Json {
  ok?: boolean;
  stopped?: string;
  steps: { id: string; status?: string; reason?: string; outcome?: string; note?: string }[];
  diagnostics: { rule: string; file?: string; line?: number; message: string }[];
}

function json(args: string[]): { status: number; out: Json } {
  const run = runBuiltCli([...args, '--format', 'json']);
  try {
    return { status: run.status, out: JSON.parse(run.stdout) as Json };
  } catch {
    throw new Error(`not JSON (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
  }
}

/** The trigger trick of issue 12, writing to `outside`. */
function trick(outside: string): string {
  return [
    '-- The trigger body ends at its END; `begin` and `end` are column aliases to SQLite.',
    'CREATE TABLE audit_log (id INTEGER PRIMARY KEY);',
    'CREATE TRIGGER audit_touch AFTER INSERT ON audit_log BEGIN SELECT 1 AS begin; END;',
    'COMMIT;',
    `ATTACH DATABASE '${path.join(outside, 'attached.db')}' AS e;`,
    'CREATE TABLE e.p (x);',
    'DETACH DATABASE e;',
    `VACUUM INTO '${path.join(outside, 'vacuumed.db')}';`,
    'BEGIN;',
    'SELECT 1 AS end;',
    '',
  ].join('\n');
}

describe('statements hidden from the classifier, ATTACH and VACUUM INTO', () => {
  it('check reports the trigger trick and plain ATTACH / VACUUM INTO; preflight and apply create no file outside the checkout', () => {
    const outside = outsideFolder();
    const dir = checkout({
      'modules/audit/module.yaml': 'name: audit\nversion: 1.0.0\n',
      [mig('audit', 'audit_0001_create_log.expand.sql')]: trick(outside),
      'modules/backup/module.yaml': 'name: backup\nversion: 1.0.0\n',
      [mig('backup', 'backup_0001_attach.maintenance.sql')]: `ATTACH DATABASE '${path.join(outside, 'plain.db')}' AS p;\nCREATE TABLE p.t (x);\n`,
      // A waiver hides the finding from reports; the runner still refuses the file.
      [mig('backup', 'backup_0002_copy.maintenance.sql')]: `-- waiver: migration-statement-forbidden a waiver never makes the runner run it\nVACUUM INTO '${path.join(outside, 'copy.db')}';\n`,
    });

    const check = json(['check', dir]);
    expect(check.status).toBe(1);
    const forbidden = check.out.diagnostics.filter((d) => d.rule === 'migration-statement-forbidden').map((d) => `${d.file}:${d.line}`);
    expect(forbidden).toEqual([
      'modules/audit/migrations/audit_0001_create_log.expand.sql:4',
      'modules/audit/migrations/audit_0001_create_log.expand.sql:5',
      'modules/audit/migrations/audit_0001_create_log.expand.sql:7',
      'modules/audit/migrations/audit_0001_create_log.expand.sql:8',
      'modules/audit/migrations/audit_0001_create_log.expand.sql:9',
      'modules/backup/migrations/backup_0001_attach.maintenance.sql:1',
    ]);

    const plan = json(['migrate', 'plan', dir]);
    expect(plan.status).toBe(1);
    expect(plan.out.steps.map((s) => [s.id, s.status])).toEqual([
      ['audit_0001_create_log', 'blocked'],
      ['backup_0001_attach', 'blocked'],
      ['backup_0002_copy', 'blocked'],
    ]);
    expect(plan.out.steps[2].reason).toMatch(/^migration-statement-forbidden at line 2: .*VACUUM INTO/);

    const preflight = json(['migrate', 'preflight', dir]);
    expect(preflight.status).toBe(1);
    expect(preflight.out.steps.map((s) => s.outcome)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(fs.readdirSync(outside), 'preflight wrote outside the checkout').toEqual([]);

    const apply = json(['migrate', 'apply', dir, '--yes']);
    expect(apply.status).toBe(1);
    expect(apply.out.stopped).toMatch(/^stopped at audit_0001_create_log: it is blocked \(migration-statement-forbidden at line 4/);
    expect(fs.readdirSync(outside), 'apply wrote outside the checkout').toEqual([]);
    expect(schema(devDb(dir)).filter((r) => r.type === 'table').map((r) => r.name)).toEqual(['workbench_migrations']);
    expect(ledgerIds(devDb(dir))).toEqual([]);
    // Nothing landed next to the checkout or in the working directory of the CLI either.
    expect(fs.readdirSync(dir).sort()).toEqual(['.workbench', 'modules']);
  });

  it('a failing migration with a trigger whose body names begin/end leaves schema and ledger exactly as before, and says it was rolled back', () => {
    const dir = checkout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
      [mig('shop', 'shop_0001_create_items.expand.sql')]: 'CREATE TABLE shop_items (id TEXT PRIMARY KEY);\n',
    });
    expect(runBuiltCli(['migrate', 'apply', dir]).status).toBe(0);
    const before = schema(devDb(dir));
    fs.writeFileSync(
      path.join(dir, mig('shop', 'shop_0002_audit.expand.sql')),
      [
        'CREATE TABLE shop_audit (id INTEGER PRIMARY KEY, what TEXT);',
        'CREATE TRIGGER shop_items_audit AFTER INSERT ON shop_items BEGIN',
        "  INSERT INTO shop_audit (what) SELECT CASE WHEN new.id = 'end' THEN 'begin' ELSE new.id END AS end;",
        'END;',
        'CREATE INDEX shop_audit_what ON shop_audit (what);',
        'CREATE INDEX shop_orders_item ON shop_orders (item_id);',
        '',
      ].join('\n'),
    );
    const apply = runBuiltCli(['migrate', 'apply', dir]);
    expect(apply.status).toBe(1);
    expect(apply.stdout).toMatch(/stopped at shop_0002_audit: modules\/shop\/migrations\/shop_0002_audit\.expand\.sql:6: no such table: main\.shop_orders; it was rolled back/);
    expect(schema(devDb(dir))).toEqual(before);
    expect(ledgerIds(devDb(dir))).toEqual(['shop_0001_create_items']);

    // The same file without its failing line applies whole: the trigger is one statement.
    const text = fs.readFileSync(path.join(dir, mig('shop', 'shop_0002_audit.expand.sql')), 'utf8');
    fs.writeFileSync(path.join(dir, mig('shop', 'shop_0002_audit.expand.sql')), text.replace('CREATE INDEX shop_orders_item ON shop_orders (item_id);\n', ''));
    expect(runBuiltCli(['migrate', 'apply', dir]).status).toBe(0);
    expect(schema(devDb(dir)).map((r) => r.name)).toEqual(['shop_audit_what', 'sqlite_autoindex_shop_items_1', 'sqlite_autoindex_workbench_migrations_1', 'shop_audit', 'shop_items', 'workbench_migrations', 'shop_items_audit']);
  });
});

describe('the runner itself', () => {
  it('runs one statement per prepared text: a text holding a second statement (an ATTACH) fails whole, writes nothing outside and is rolled back', () => {
    const outside = outsideFolder();
    const dir = checkout({ 'README.md': 'scratch\n' });
    const target = MigrationTarget.openForApply(devDb(dir));
    try {
      target.ensureLedger();
      const entry = { id: 'x_0001_a', module: 'x', sequence: 1, phase: 'expand', checksum: 'c', appliedAt: '2026-01-01T00:00:00.000Z' };
      const out = target.run(entry, [
        { text: 'CREATE TABLE x_items (id TEXT)', line: 1, column: 1 },
        { text: `CREATE TABLE x_more (id TEXT); ATTACH DATABASE '${path.join(outside, 'a.db')}' AS e`, line: 2, column: 1 },
      ]);
      expect(out).toMatchObject({ ok: false, line: 2, rolledBack: true, message: expect.stringContaining('more than one statement') });
      expect(target.ledger()).toEqual([]);
    } finally {
      target.close();
    }
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(schema(devDb(dir)).filter((r) => r.type === 'table').map((r) => r.name)).toEqual(['workbench_migrations']);
  });

  it('says so when a statement ended its transaction (what ran before stays): never "rolled back" then', () => {
    // The classifier blocks such a file before it gets here (migration-statement-forbidden); this
    // is the runner's second guard, and its report must be true.
    const dir = checkout({ 'README.md': 'scratch\n' });
    const target = MigrationTarget.openForApply(devDb(dir));
    try {
      target.ensureLedger();
      const entry = { id: 'x_0001_a', module: 'x', sequence: 1, phase: 'expand', checksum: 'c', appliedAt: '2026-01-01T00:00:00.000Z' };
      const out = target.run(entry, [
        { text: 'CREATE TABLE x_items (id TEXT)', line: 1, column: 1 },
        { text: 'COMMIT', line: 2, column: 1 },
        { text: 'CREATE TABLE x_more (id TEXT)', line: 3, column: 1 },
      ]);
      expect(out).toMatchObject({ ok: false, line: 2, rolledBack: false, message: expect.stringContaining('ended the migration transaction') });
      expect(target.ledger()).toEqual([]);
    } finally {
      target.close();
    }
    expect(schema(devDb(dir)).filter((r) => r.type === 'table').map((r) => r.name)).toEqual(['workbench_migrations', 'x_items']);
  });
});

describe('an unreadable migration blocks its module', () => {
  it('plan and apply stop the module at a migration that is not UTF-8: nothing of the module after it runs, exit 1, with the reason', () => {
    // Regression (issue 12, item 5): apply skipped the unreadable file, applied the next one and exited 0.
    const dir = checkout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
      [mig('shop', 'shop_0001_create_items.expand.sql')]: 'CREATE TABLE shop_items (id TEXT PRIMARY KEY, name TEXT);\n',
      [mig('shop', 'shop_0002_seed_items.expand.sql')]: Buffer.from("INSERT INTO shop_items VALUES ('1', 'Caf\xe9');\n", 'latin1'),
      [mig('shop', 'shop_0003_item_price.expand.sql')]: 'ALTER TABLE shop_items ADD COLUMN price INTEGER;\n',
    });
    const plan = json(['migrate', 'plan', dir]);
    expect(plan.status).toBe(1);
    expect(plan.out.steps.map((s) => [s.id, s.status])).toEqual([
      ['shop_0001_create_items', 'pending'],
      ['shop_0002_seed_items', 'blocked'],
      ['shop_0003_item_price', 'blocked'],
    ]);
    expect(plan.out.steps[1].reason).toMatch(/^migration-unreadable: .*not valid UTF-8/);

    const apply = runBuiltCli(['migrate', 'apply', dir]);
    expect(apply.status).toBe(1);
    expect(apply.stdout).toMatch(/stopped at shop_0002_seed_items: it is blocked \(migration-unreadable: .*not valid UTF-8/);
    expect(ledgerIds(devDb(dir))).toEqual(['shop_0001_create_items']);
    expect(query<{ name: string }>(devDb(dir), 'SELECT name FROM pragma_table_info(\'shop_items\')').map((r) => r.name)).toEqual(['id', 'name']);
  });
});
