/**
 * `mwb migrate plan|preflight|apply` against a real PostgreSQL server (started for this file in a
 * temp folder, stopped afterwards): a three-module platform through all four phases, a failure in
 * the middle of a migration, CREATE INDEX CONCURRENTLY in the maintenance window, drift and
 * out-of-order, two applies at once, and an apply killed with SIGKILL. The password is never printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, REPO, runBuiltCli, writeCheckout } from './helpers/checkout';
import { mig } from './helpers/dev-db';
import { PG_PASSWORD, startPgServer, type PgServer } from './helpers/pg-server';

let server: PgServer;
const temps: string[] = [];
const children: ChildProcess[] = [];
beforeAll(async () => {
  server = await startPgServer();
}, 60_000);
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  server?.stop();
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

let dbCount = 0;
/** A fresh database, and the environment that names it for the platform's `staging` connection. */
async function freshDatabase(): Promise<{ name: string; env: NodeJS.ProcessEnv }> {
  const name = `mwb_${++dbCount}`;
  return { name, env: { SHOP_DATABASE_URL: await server.createDatabase(name) } };
}

const PLATFORM = 'name: shop\ndatabase:\n  dialect: postgres\n  connections:\n    staging: { env: SHOP_DATABASE_URL }\n';

/** Three modules, all four phases, PostgreSQL SQL (a schema, an enum, a dollar-quoted function). */
const THREE_MODULES: Record<string, string> = {
  'platform.yaml': PLATFORM,
  'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
  [mig('core', 'core_0001_create_settings.expand.sql')]: 'CREATE SCHEMA core;\nCREATE TABLE core.settings (key text PRIMARY KEY, value text);\n',
  'modules/billing/module.yaml': 'name: billing\nversion: 1.0.0\ndependencies: [core]\n',
  [mig('billing', 'billing_0001_create_invoices.expand.sql')]:
    "CREATE TYPE billing_status AS ENUM ('open', 'paid');\nCREATE TABLE billing_invoices (id serial PRIMARY KEY, tenant_id text NOT NULL, total numeric(12,2), status billing_status DEFAULT 'open', note text);\nINSERT INTO billing_invoices (tenant_id, total) VALUES ('t1', 0), ('t1', 12.5);\n",
  [mig('billing', 'billing_0002_invoice_status.backfill.sql')]: "UPDATE billing_invoices SET status = 'paid' WHERE total = 0;\n",
  [mig('billing', 'billing_0003_invoice_status.contract.sql')]: 'ALTER TABLE billing_invoices ALTER COLUMN status SET NOT NULL;\nALTER TABLE billing_invoices DROP COLUMN note;\n',
  'modules/reports/module.yaml': 'name: reports\nversion: 1.0.0\ndependencies: [billing]\n',
  [mig('reports', 'reports_0001_totals_view.expand.sql')]: 'CREATE VIEW reports_totals AS SELECT tenant_id, sum(total) AS total FROM billing_invoices GROUP BY tenant_id;\n',
  [mig('reports', 'reports_0002_total_function.maintenance.sql')]:
    'CREATE FUNCTION reports_total(t text) RETURNS numeric AS $$\n  SELECT coalesce(sum(total), 0) FROM billing_invoices WHERE tenant_id = t;\n$$ LANGUAGE sql;\nANALYZE billing_invoices;\n',
};

function checkout(files: Record<string, string>): string {
  const dir = writeCheckout(files);
  temps.push(dir);
  return dir;
}

interface Step {
  id: string;
  status: string;
  wave: number;
  outcome?: string;
  note?: string;
  error?: { message: string; file: string; line: number; column: number };
  window?: { line: number; statement: string; why: string; outsideTransaction?: boolean }[];
}
interface Run {
  ok: boolean;
  steps: Step[];
  stopped?: string;
  diagnostics: { rule: string }[];
  database: { path: string; dialect?: string };
}

/** Runs the built CLI; every output is checked for the password. */
function cli(args: string[], env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const r = runBuiltCli(args, { env });
  expect(r.stdout + r.stderr).not.toContain(PG_PASSWORD);
  return r;
}

function json<T>(args: string[], env: NodeJS.ProcessEnv): { status: number; out: T; stderr: string } {
  const r = cli([...args, '--format', 'json'], env);
  try {
    return { status: r.status, out: JSON.parse(r.stdout) as T, stderr: r.stderr };
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

const ledger = async (db: string) => (await server.query<{ id: string }>('SELECT id FROM workbench_migrations ORDER BY id', db)).map((r) => r.id);
const relations = async (db: string) =>
  (await server.query<{ name: string }>("SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'core') AND c.relkind IN ('r', 'v', 'i') ORDER BY 1", db)).map((r) => r.name);

describe('migrate against PostgreSQL', () => {
  it('plans, preflights and applies a three-module platform through all four phases', async () => {
    const { name, env } = await freshDatabase();
    const dir = checkout(THREE_MODULES);
    const plan = json<Run>(['migrate', 'plan', dir, '--db', 'staging'], env);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.out.steps.map((s) => `${s.id} ${s.status} ${s.wave}`)).toEqual([
      'core_0001_create_settings pending 1',
      'billing_0001_create_invoices pending 1',
      'reports_0001_totals_view pending 1',
      'billing_0002_invoice_status pending 2',
      'billing_0003_invoice_status pending 3',
      'reports_0002_total_function pending 4',
    ]);
    // The contract step says which statements need the window, and why.
    expect(plan.out.steps[4].window?.map((w) => w.line)).toEqual([1, 2]);
    expect(plan.out.steps[4].window?.[1].why).toMatch(/drops column note of billing_invoices; destructive/);
    expect(plan.out.steps[0].window).toBeUndefined();

    const preflight = json<Run>(['migrate', 'preflight', dir, '--db', 'staging'], env);
    expect(preflight.status, JSON.stringify(preflight.out.steps)).toBe(0);
    expect(preflight.out.steps.map((s) => s.outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(preflight.out.database).toEqual({ path: expect.stringMatching(/^staging \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/mwb_\d+\)$/), exists: true, dialect: 'postgres' });
    expect(await relations(name), 'preflight rolled everything back').toEqual([]);

    const first = json<Run>(['migrate', 'apply', dir, '--db', 'staging'], env);
    expect(first.status, first.out.stopped).toBe(0);
    expect(first.out.stopped).toMatch(/stopped before wave 3 \(contract\)/);
    expect(await ledger(name)).toEqual(['billing_0001_create_invoices', 'billing_0002_invoice_status', 'core_0001_create_settings', 'reports_0001_totals_view']);

    const second = json<Run>(['migrate', 'apply', dir, '--db', 'staging', '--yes'], env);
    expect(second.status, second.out.stopped).toBe(0);
    expect(second.out.steps.map((s) => s.outcome)).toEqual(['applied', 'applied']);
    expect(await ledger(name)).toHaveLength(6);
    expect(await server.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'billing_invoices' ORDER BY ordinal_position", name)).toEqual([{ column_name: 'id' }, { column_name: 'tenant_id' }, { column_name: 'total' }, { column_name: 'status' }]);
    expect(await server.query("SELECT reports_total('t1') AS total", name)).toEqual([{ total: '12.50' }]);

    const after = json<Run>(['migrate', 'plan', dir, '--db', 'staging'], env);
    expect(after.out.steps.every((s) => s.status === 'applied')).toBe(true);
    expect(fs.existsSync(path.join(dir, '.workbench')), 'nothing written to the checkout').toBe(false);
  });

  it("a failing statement in the middle of a migration leaves schema and ledger unchanged, with the database's message at its file, line and column", async () => {
    const { name, env } = await freshDatabase();
    const dir = checkout({
      ...THREE_MODULES,
      [mig('billing', 'billing_0001_create_invoices.expand.sql')]: "CREATE TABLE billing_invoices (id int, tenant_id text, total numeric(12,2));\nINSERT INTO billing_invoices (id, tenant_id, total)\nVALUES (1, 't1', 'twelve');\n",
    });
    const run = json<Run>(['migrate', 'apply', dir, '--db', 'staging'], env);
    expect(run.status).toBe(1);
    const failed = run.out.steps.find((s) => s.outcome === 'failed');
    expect(failed?.error).toEqual({ message: 'invalid input syntax for type numeric: "twelve"', file: 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', line: 3, column: 18 });
    expect(run.out.stopped).toMatch(/it was rolled back, nothing of it is applied/);
    expect(await ledger(name)).toEqual(['core_0001_create_settings']);
    expect(await relations(name)).toEqual(['core.settings', 'core.settings_pkey', 'public.workbench_migrations', 'public.workbench_migrations_pkey']);
  });

  it('runs CREATE INDEX CONCURRENTLY outside a transaction, only with --yes, and writes its ledger row after it succeeded', async () => {
    const { name, env } = await freshDatabase();
    const file = mig('core', 'core_0002_settings_value.expand.sql');
    const dir = checkout({ ...THREE_MODULES, [file]: 'CREATE INDEX CONCURRENTLY core_settings_value ON core.settings (value);\n' });
    const plan = json<Run>(['migrate', 'plan', dir, '--db', 'staging'], env);
    expect(plan.out.steps.find((s) => s.id === 'core_0002_settings_value')?.window).toEqual([{ line: 1, statement: expect.stringContaining('CREATE INDEX CONCURRENTLY'), why: expect.stringContaining('cannot run inside a transaction block'), outsideTransaction: true }]);
    expect(cli(['migrate', 'plan', dir, '--db', 'staging'], env).stdout).toMatch(/core_0002_settings_value +core +expand +pending +needs --yes: line 1 runs outside a transaction/);
    const preflight = json<Run>(['migrate', 'preflight', dir, '--db', 'staging'], env);
    expect(preflight.out.steps.find((s) => s.id === 'core_0002_settings_value')?.note).toMatch(/not run by preflight/);

    const held = json<Run>(['migrate', 'apply', dir, '--db', 'staging'], env);
    expect(held.status).toBe(0);
    expect(held.out.stopped).toMatch(/core_0002_settings_value: it cannot run inside a transaction .* only with --yes/);
    expect(await ledger(name)).not.toContain('core_0002_settings_value');
    expect(await server.query("SELECT 1 FROM pg_indexes WHERE indexname = 'core_settings_value'", name)).toEqual([]);

    const run = json<Run>(['migrate', 'apply', dir, '--db', 'staging', '--yes'], env);
    expect(run.status, run.out.stopped).toBe(0);
    expect(await server.query("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'core_settings_value'", name)).toEqual([{ indisvalid: true }]);
    expect(await ledger(name)).toContain('core_0002_settings_value');
  });

  it('reports drift and out-of-order migrations as for SQLite', async () => {
    const { env } = await freshDatabase();
    const dir = checkout(THREE_MODULES);
    expect(cli(['migrate', 'apply', dir, '--db', 'staging', '--yes'], env).status).toBe(0);
    fs.appendFileSync(path.join(dir, mig('billing', 'billing_0002_invoice_status.backfill.sql')), '-- reviewed\n');
    fs.writeFileSync(path.join(dir, mig('core', 'core_0000_early.expand.sql')), 'CREATE TABLE core.early (id int);\n');
    const plan = json<Run>(['migrate', 'plan', dir, '--db', 'staging'], env);
    expect(plan.status).toBe(1);
    expect(plan.out.diagnostics.map((d) => d.rule).sort()).toEqual(['migration-checksum-drift', 'migration-out-of-order']);
    expect(plan.out.steps.find((s) => s.id === 'billing_0002_invoice_status')?.status).toBe('drifted');
    const apply = json<Run>(['migrate', 'apply', dir, '--db', 'staging', '--yes'], env);
    expect(apply.status).toBe(1);
    expect(apply.out.stopped).toMatch(/nothing applied: the ledger of staging .* does not match the checkout/);
  });

  it('never prints the password, not even when the server refuses it or the URL is given on the command line', async () => {
    const { name, env } = await freshDatabase();
    const dir = checkout(THREE_MODULES);
    const wrong = String(env.SHOP_DATABASE_URL).replace(PG_PASSWORD, 'not-the-password-x');
    const refused = runBuiltCli(['migrate', 'plan', dir, '--db', 'staging'], { env: { SHOP_DATABASE_URL: wrong } });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/staging \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/mwb_\d+\) cannot be reached: password authentication failed/);
    expect(refused.stdout + refused.stderr).not.toContain('not-the-password-x');
    const direct = cli(['migrate', 'plan', dir, '--db', server.url(name)], {});
    expect(direct.status, direct.stderr).toBe(0);
    expect(direct.stdout).toContain(`postgres://postgres@127.0.0.1:${server.port}/${name}`);
    const unset = cli(['migrate', 'plan', dir, '--db', 'staging'], { SHOP_DATABASE_URL: '' });
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain("connection 'staging' reads its connection string from the environment variable SHOP_DATABASE_URL, which is not set");
  });
});

function startApply(dir: string, env: NodeJS.ProcessEnv, extra: string[] = []) {
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'migrate', 'apply', dir, '--db', 'staging', ...extra], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (err += String(d)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(probe: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const advisoryHolders = async () => (await server.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).map((r) => Number(r.n))[0];
/** Sessions holding the apply lock (a two-key advisory lock: objsubid 2), not the test's own one-key lock. */
const applyLockHolders = async () => (await server.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2")).map((r) => Number(r.n))[0];

describe('the example platform on both targets', () => {
  it('its portable migrations pass on SQLite and PostgreSQL; each dialect-only file runs on its own target only', async () => {
    const { name } = await freshDatabase();
    const dir = writeCheckout({});
    temps.push(dir);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const env = { ACME_STAGING_DATABASE_URL: server.url(name) };
    const pg = json<Run>(['migrate', 'apply', dir, '--db', 'staging', '--yes'], env);
    expect(pg.status, JSON.stringify(pg.out.steps.filter((s) => s.outcome !== 'applied'))).toBe(0);
    const onPg = await ledger(name);
    expect(onPg).toContain('analytics_0003_metric_month_index');
    expect(onPg.filter((id) => id.startsWith('messaging_') || id.startsWith('monitoring_') || id === 'audit_0001_create_logs')).toEqual([]);
    const sqlite = json<Run>(['migrate', 'apply', dir, '--yes'], {});
    expect(sqlite.status, JSON.stringify(sqlite.out.steps.filter((s) => s.outcome !== 'applied'))).toBe(0);
    const onSqlite = sqlite.out.steps.map((s) => s.id);
    expect(onSqlite).not.toContain('analytics_0003_metric_month_index');
    expect(onSqlite).toContain('messaging_0001_create_outbox');
    // Every migration without a dialect header ran on both.
    expect(onSqlite.filter((id) => !onPg.includes(id)).sort()).toEqual(['audit_0001_create_logs', 'messaging_0001_create_outbox', 'messaging_0002_default_templates', 'monitoring_0001_create_health_history', 'monitoring_0002_rebuild_statistics']);
  }, 60_000);
});

describe('two applies and a killed one', () => {
  it('a second apply while one runs fails naming the lock holder; the first finishes', async () => {
    const { name, env } = await freshDatabase();
    // The first apply waits inside its migration for an advisory lock this test holds, and goes on
    // only once the second apply has failed: no fixed sleep, however slow the machine.
    const gate = new pg.Client({ connectionString: env.SHOP_DATABASE_URL });
    await gate.connect();
    let released = false;
    const release = async () => {
      if (!released) await gate.end();
      released = true;
    };
    try {
      await gate.query('SELECT pg_advisory_lock(4242)');
      const dir = checkout({
        ...THREE_MODULES,
        [mig('core', 'core_0002_wait.backfill.sql')]: "INSERT INTO core.settings VALUES ('started', 'yes');\nSELECT pg_advisory_xact_lock(4242);\n",
      });
      const first = startApply(dir, env);
      await until(async () => (await applyLockHolders()) > 0 && first.stdout().includes('core_0002_wait … '), 'the first apply to hold its lock');
      const second = startApply(dir, env);
      const secondExit = await second.exit;
      expect(secondExit.code, second.stdout()).toBe(2);
      expect(second.stderr()).toMatch(new RegExp(`is locked by another migrate apply \\(server process \\d+, 'mwb migrate apply \\(pid ${first.child.pid} on [^)]+\\)'`));
      expect(second.stdout() + second.stderr()).not.toContain(PG_PASSWORD);
      expect(first.child.exitCode, 'the first apply still runs').toBeNull();
      await release();
      const firstExit = await first.exit;
      expect(firstExit.code, first.stderr()).toBe(0);
      expect(await ledger(name)).toContain('core_0002_wait');
    } finally {
      await release();
    }
  }, 60_000);

  it('SIGKILL in the middle of apply loses nothing: the migration that ran is rolled back, the ledger matches, the lock is gone', async () => {
    const { name, env } = await freshDatabase();
    const dir = checkout({
      ...THREE_MODULES,
      [mig('core', 'core_0002_slow.backfill.sql')]: "INSERT INTO core.settings VALUES ('half', 'done');\nSELECT pg_sleep(60);\n",
    });
    const apply = startApply(dir, env);
    await until(async () => (await server.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'")).length > 0, 'the slow migration to run');
    apply.child.kill('SIGKILL');
    expect((await apply.exit).signal).toBe('SIGKILL');
    // The server notices the dead client (client_connection_check_interval) and rolls its transaction back.
    await until(async () => (await advisoryHolders()) === 0, 'the killed session to end');
    expect(await server.query('SELECT * FROM core.settings', name)).toEqual([]);
    expect(await ledger(name)).toEqual(['billing_0001_create_invoices', 'core_0001_create_settings', 'reports_0001_totals_view']);
    const plan = json<Run>(['migrate', 'plan', dir, '--db', 'staging'], env);
    expect(plan.status).toBe(0);
    expect(plan.out.steps.filter((s) => s.status === 'pending').map((s) => s.id)).toEqual(['core_0002_slow', 'billing_0002_invoice_status', 'billing_0003_invoice_status', 'reports_0002_total_function']);
  }, 60_000);
});
