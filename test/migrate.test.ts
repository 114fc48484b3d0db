/**
 * `mwb migrate plan|preflight|apply` as a real process on real SQLite databases in temp folders:
 * the JSON of SPEC §7, atomic migrations, the --yes window, drift, the apply lock between two
 * processes, and a process killed with SIGKILL in the middle of apply.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE, REPO, runBuiltCli, writeCheckout } from './helpers/checkout';
import { devDb, mig, query } from './helpers/dev-db';

const temps: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function checkout(files: Record<string, string>): string {
  const dir = writeCheckout(files);
  temps.push(dir);
  return dir;
}

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-migrate-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  temps.push(dir);
  return dir;
}

const tables = (file: string) => query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
const ledgerIds = (file: string) => query<{ id: string }>(file, 'SELECT id FROM workbench_migrations ORDER BY id').map((r) => r.id);

function json<T>(args: string[]): { status: number; out: T; stderr: string } {
  const run = runBuiltCli([...args, '--format', 'json']);
  let out: T;
  try {
    out = JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
  }
  return { status: run.status, out, stderr: run.stderr };
}

interface Step {
  id: string;
  module: string;
  sequence: number;
  phase: string;
  change: string;
  wave: number;
  file: string;
  status: string;
  reason?: string;
}
interface Plan {
  steps: Step[];
  diagnostics: { rule: string; file?: string; line?: number; message: string }[];
}
interface Run {
  ok: boolean;
  stopped?: string;
  steps: (Step & { outcome: string; error?: { message: string; file: string; line: number } })[];
}

describe('migrate plan on the example platform', () => {
  it('prints the JSON of SPEC §7, byte-identical run to run, in waves (an expand held behind a contract lands in wave 3)', () => {
    const a = runBuiltCli(['migrate', 'plan', EXAMPLE, '--format', 'json']);
    const b = runBuiltCli(['migrate', 'plan', EXAMPLE, '--format', 'json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const plan = JSON.parse(a.stdout) as Plan;
    expect(Object.keys(plan)).toEqual(['steps', 'diagnostics']);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.steps).toHaveLength(40);
    expect(Object.keys(plan.steps[0])).toEqual(['id', 'module', 'sequence', 'phase', 'change', 'wave', 'file', 'status']);
    expect(plan.steps[0]).toEqual({ id: 'core_0001_create_settings', module: 'core', sequence: 1, phase: 'expand', change: 'create_settings', wave: 1, file: 'modules/core/migrations/core_0001_create_settings.expand.sql', status: 'pending' });
    const waves = plan.steps.map((s) => s.wave);
    expect(waves).toEqual([...waves].sort((x, y) => x - y));
    expect(plan.steps.find((s) => s.id === 'inventory_0003_reorder_point')).toMatchObject({ phase: 'expand', wave: 3 });
    // orders_0004 (backfill) depends on payments_0001 (expand): it lands in wave 2, after it.
    const ids = plan.steps.map((s) => s.id);
    expect(ids.indexOf('orders_0004_payment_link')).toBeGreaterThan(ids.indexOf('payments_0001_create_transactions'));
    // Within a wave: module load order, then sequence.
    expect(ids.slice(0, 4)).toEqual(['core_0001_create_settings', 'tenancy_0001_create_tenants', 'audit_0001_create_logs', 'audit_0002_create_exports']);
  });

  it('--phase selects one wave; text output is readable; check and plan never create the database', () => {
    const dir = copyExample();
    const { out } = json<Plan>(['migrate', 'plan', dir, '--phase', 'contract']);
    expect(out.steps.map((s) => s.id)).toEqual(['blog_0004_drop_excerpt', 'inventory_0002_rename_warehouses', 'inventory_0003_reorder_point', 'billing_0005_invoice_status']);
    const text = runBuiltCli(['migrate', 'plan', dir]);
    expect(text.stdout).toContain('wave 3 · contract (needs --yes)');
    expect(text.stdout).toContain('does not exist yet');
    expect(runBuiltCli(['check', dir]).status).toBe(0);
    expect(fs.existsSync(path.join(dir, '.workbench'))).toBe(false);
  });

  it('usage errors exit 2', () => {
    expect(runBuiltCli(['migrate', EXAMPLE]).status).toBe(2);
    expect(runBuiltCli(['migrate', 'plan', EXAMPLE, '--phase', 'cleanup']).status).toBe(2);
    expect(runBuiltCli(['migrate', 'plan', EXAMPLE, '--yes']).status).toBe(2);
  });
});

describe('preflight and apply', () => {
  it('applies the example in two steps: without --yes it stops before the contract wave and says so; with --yes it finishes', () => {
    const dir = copyExample();
    const preflight = json<Run>(['migrate', 'preflight', dir]);
    expect(preflight.status).toBe(0);
    expect(preflight.out.steps.every((s) => s.outcome === 'ok')).toBe(true);
    expect(fs.existsSync(devDb(dir)), 'preflight works on a copy').toBe(false);

    const first = json<Run>(['migrate', 'apply', dir]);
    expect(first.status).toBe(0);
    expect(first.out.stopped).toMatch(/stopped before wave 3 \(contract\).*--yes/);
    expect(first.out.steps.filter((s) => s.outcome === 'applied')).toHaveLength(32);
    expect(first.out.steps.filter((s) => s.outcome === 'held').map((s) => s.wave)).toEqual([3, 3, 3, 3, 4, 4, 4, 4]);
    expect(tables(devDb(dir))).toContain('inventory_warehouses');
    expect(fs.readFileSync(path.join(dir, '.workbench', '.gitignore'), 'utf8')).toBe('*\n');

    const second = json<Run>(['migrate', 'apply', dir, '--yes']);
    expect(second.status).toBe(0);
    expect(second.out.steps.map((s) => s.outcome)).toEqual(Array(8).fill('applied'));
    expect(tables(devDb(dir))).toContain('inventory_locations');
    const plan = json<Plan>(['migrate', 'plan', dir]);
    expect(plan.status).toBe(0);
    expect(plan.out.steps.every((s) => s.status === 'applied' && s.wave === 0)).toBe(true);
    const row = query<{ checksum: string; applied_at: string; duration_ms: number; phase: string; sequence: number }>(devDb(dir), "SELECT * FROM workbench_migrations WHERE id = 'billing_0005_invoice_status'")[0];
    expect(row).toMatchObject({ phase: 'contract', sequence: 5 });
    expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(runBuiltCli(['check', dir, '--strict']).status).toBe(0);
  });

  it('a migration whose second statement fails leaves neither its first statement nor a ledger row; preflight names file and line', () => {
    const dir = checkout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
      [mig('shop', 'shop_0001_create_items.expand.sql')]: 'CREATE TABLE shop_items (id TEXT PRIMARY KEY);\n',
      [mig('shop', 'shop_0002_create_orders.expand.sql')]: '-- The index names a table that does not exist.\nCREATE TABLE shop_orders (id TEXT PRIMARY KEY);\nCREATE INDEX shop_orders_item ON shop_order_lines (item_id);\n',
      [mig('shop', 'shop_0003_create_carts.expand.sql')]: 'CREATE TABLE shop_carts (id TEXT PRIMARY KEY);\n',
    });
    const preflight = json<Run>(['migrate', 'preflight', dir]);
    expect(preflight.status).toBe(1);
    expect(preflight.out.steps.map((s) => s.outcome)).toEqual(['ok', 'failed', 'skipped']);
    expect(preflight.out.steps[1].error).toMatchObject({ file: 'modules/shop/migrations/shop_0002_create_orders.expand.sql', line: 3, message: expect.stringContaining('no such table') });
    const text = runBuiltCli(['migrate', 'preflight', dir]);
    expect(text.stdout).toContain('modules/shop/migrations/shop_0002_create_orders.expand.sql:3:1: no such table');

    const apply = runBuiltCli(['migrate', 'apply', dir]);
    expect(apply.status).toBe(1);
    expect(apply.stdout).toMatch(/stopped at shop_0002_create_orders: .*:3: no such table.*rolled back/);
    expect(tables(devDb(dir))).toEqual(['shop_items', 'workbench_migrations']);
    expect(ledgerIds(devDb(dir))).toEqual(['shop_0001_create_items']);
  });

  it('a blocked step (phase violation) is not run: apply stops before it, preflight reports it', () => {
    const dir = checkout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
      [mig('shop', 'shop_0001_create_items.expand.sql')]: 'CREATE TABLE shop_items (id TEXT PRIMARY KEY, legacy TEXT);\nALTER TABLE shop_items DROP COLUMN legacy;\n',
    });
    const plan = json<Plan>(['migrate', 'plan', dir]);
    expect(plan.status).toBe(1);
    expect(plan.out.steps[0]).toMatchObject({ status: 'blocked', reason: expect.stringMatching(/^migration-phase-violation at line 2: /) });
    const apply = json<Run>(['migrate', 'apply', dir]);
    expect(apply.status).toBe(1);
    expect(apply.out.steps[0].outcome).toBe('blocked');
    expect(ledgerIds(devDb(dir))).toEqual([]);
  });

  it('drift: editing an applied file is reported (plan, check, apply refuses); deleting one is reported', () => {
    const dir = copyExample();
    expect(runBuiltCli(['migrate', 'apply', dir, '--yes']).status).toBe(0);
    const file = path.join(dir, mig('billing', 'billing_0002_create_invoices.expand.sql'));
    fs.appendFileSync(file, '-- reviewed\n');
    const plan = json<Plan>(['migrate', 'plan', dir]);
    expect(plan.status).toBe(1);
    expect(plan.out.steps.find((s) => s.id === 'billing_0002_create_invoices')).toMatchObject({ status: 'drifted', wave: 0 });
    expect(plan.out.diagnostics.map((d) => [d.rule, d.file])).toEqual([['migration-checksum-drift', mig('billing', 'billing_0002_create_invoices.expand.sql')]]);
    const check = json<{ diagnostics: { rule: string }[] }>(['check', dir]);
    expect(check.status).toBe(1);
    expect(check.out.diagnostics.map((d) => d.rule)).toEqual(['migration-checksum-drift']);
    fs.writeFileSync(path.join(dir, mig('billing', 'billing_0006_invoice_notes.expand.sql')), 'ALTER TABLE billing_invoices ADD COLUMN notes TEXT;\n');
    const refused = json<Run>(['migrate', 'apply', dir]);
    expect(refused.status).toBe(1);
    expect(refused.out.stopped).toMatch(/nothing applied.*migration-checksum-drift/);
    expect(ledgerIds(devDb(dir))).not.toContain('billing_0006_invoice_notes');

    fs.rmSync(file);
    const gone = json<Plan>(['migrate', 'plan', dir]);
    // The deleted file also leaves a gap in billing's sequence (a warning).
    expect(gone.out.diagnostics.map((d) => [d.rule, d.file])).toEqual([
      ['migration-applied-missing', mig('billing', 'billing_0002_create_invoices.expand.sql')],
      ['migration-sequence-gap', mig('billing', 'billing_0003_invoice_status.expand.sql')],
    ]);
    expect(json<{ diagnostics: { rule: string }[] }>(['check', dir]).out.diagnostics.map((d) => d.rule)).toEqual(['migration-applied-missing', 'migration-sequence-gap']);
  });

  it('--db applies to another database and plan reads it', () => {
    const dir = copyExample();
    const other = path.join(dir, 'other.sqlite');
    expect(runBuiltCli(['migrate', 'apply', dir, '--db', other, '--phase', 'expand']).status).toBe(0);
    expect(fs.existsSync(devDb(dir))).toBe(false);
    const plan = json<Plan>(['migrate', 'plan', dir, '--db', other]);
    expect(plan.out.steps.filter((s) => s.status === 'applied')).toHaveLength(25);
    const bad = path.join(dir, 'bad.sqlite');
    fs.writeFileSync(bad, 'not sqlite');
    const refused = runBuiltCli(['migrate', 'plan', dir, '--db', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/bad\.sqlite cannot be read as a SQLite database/);
  });
});

/** Starts `mwb migrate apply` as a child process; resolves its exit. */
function startApply(dir: string, extra: string[] = []): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'migrate', 'apply', dir, ...extra], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (err += String(d)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(probe: () => boolean, what: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('two processes and a killed one', () => {
  it('a second apply on the same database while one runs fails with a clear "locked" message naming the pid', async () => {
    const dir = copyExample();
    fs.mkdirSync(path.join(dir, '.workbench'));
    // The test holds the database, so the first apply waits inside its lock for as long as we like.
    const holder = new Database(devDb(dir));
    holder.exec('BEGIN EXCLUSIVE');
    const first = startApply(dir);
    await until(() => fs.existsSync(`${devDb(dir)}.lock`), 'the first apply to take its lock');
    const second = startApply(dir);
    const secondExit = await second.exit;
    expect(secondExit.code).toBe(2);
    expect(second.stderr()).toContain(`.workbench/dev.sqlite is locked by another migrate apply (pid ${first.child.pid}`);
    holder.exec('ROLLBACK');
    holder.close();
    const firstExit = await first.exit;
    expect(firstExit.code, first.stderr()).toBe(0);
    expect(fs.existsSync(`${devDb(dir)}.lock`), 'the lock is released').toBe(false);
    expect(ledgerIds(devDb(dir))).toHaveLength(32);
  });

  it('SIGKILL in the middle of apply leaves a database that the next plan reads without error, and the ledger matches the schema', async () => {
    const dir = checkout({
      'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
      [mig('core', 'core_0001_create_settings.expand.sql')]: 'CREATE TABLE core_settings (key TEXT PRIMARY KEY, value TEXT);\n',
      [mig('core', 'core_0002_create_events.expand.sql')]: 'CREATE TABLE core_events (id INTEGER PRIMARY KEY, payload TEXT);\n',
      [mig('core', 'core_0003_seed_events.backfill.sql')]:
        '-- Slow on purpose: fifty million rows.\nINSERT INTO core_events (payload)\nSELECT printf(\'event %d\', x) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT x FROM c);\n',
      [mig('core', 'core_0004_events_index.maintenance.sql')]: 'CREATE INDEX core_events_payload ON core_events (payload);\n',
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [core]\n',
      [mig('shop', 'shop_0001_create_items.expand.sql')]: 'CREATE TABLE shop_items (id TEXT PRIMARY KEY);\n',
      [mig('shop', 'shop_0002_create_prices.expand.sql')]: 'CREATE TABLE shop_prices (item_id TEXT, amount INTEGER);\n',
    });
    const db = devDb(dir);
    const apply = startApply(dir, ['--yes']);
    await until(() => apply.stdout().includes('core_0003_seed_events … '), 'the slow migration to start');
    await until(() => fs.existsSync(`${db}-journal`), 'the slow migration to write');
    apply.child.kill('SIGKILL');
    expect((await apply.exit).signal).toBe('SIGKILL');
    expect(apply.stdout()).not.toContain('core_0003_seed_events … applied');
    expect(fs.existsSync(`${db}-journal`), 'killed inside the transaction: a hot journal is left').toBe(true);

    const plan = json<Plan>(['migrate', 'plan', dir]);
    expect(plan.stderr).toBe('');
    expect(plan.status).toBe(0);
    expect(plan.out.steps.map((s) => `${s.id} ${s.status}`)).toEqual([
      'core_0001_create_settings applied',
      'core_0002_create_events applied',
      'shop_0001_create_items applied',
      'shop_0002_create_prices applied',
      'core_0003_seed_events pending',
      'core_0004_events_index pending',
    ]);
    // The ledger matches the schema: the applied tables exist, the killed backfill left no row behind.
    expect(tables(db)).toEqual(['core_events', 'core_settings', 'shop_items', 'shop_prices', 'workbench_migrations']);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM core_events')[0].n).toBe(0);
    expect(ledgerIds(db)).toEqual(['core_0001_create_settings', 'core_0002_create_events', 'shop_0001_create_items', 'shop_0002_create_prices']);
    // The killed process's lock is stale: the next apply takes it over.
    expect(fs.existsSync(`${db}.lock`)).toBe(true);
    const next = runBuiltCli(['migrate', 'apply', dir, '--phase', 'expand']);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toContain('nothing to apply');
  });
});
