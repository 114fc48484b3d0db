/**
 * `mwb migrate preflight --scratch-clone` against a real PostgreSQL server (started for this file):
 * the steps run for real in a scratch database cloned from the target with CREATE DATABASE ...
 * TEMPLATE (CONCURRENTLY included), the target's schema and ledger are unchanged afterwards, the
 * scratch database is gone afterwards (also when a step fails), and the refusals when the target has
 * other sessions or the role has no CREATEDB right say why. The password is never printed.
 */
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli, writeCheckout } from './helpers/checkout';
import { mig } from './helpers/dev-db';
import { PG_PASSWORD, startPgServer, type PgServer } from './helpers/pg-server';

let server: PgServer;
const temps: string[] = [];
beforeAll(async () => {
  server = await startPgServer();
}, 60_000);
afterAll(() => {
  server?.stop();
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

let dbCount = 0;
async function freshDatabase(): Promise<{ name: string; env: NodeJS.ProcessEnv }> {
  const name = `mwb_s${++dbCount}`;
  return { name, env: { SHOP_DATABASE_URL: await server.createDatabase(name) } };
}

const PLATFORM = 'name: shop\ndatabase:\n  dialect: postgres\n  connections:\n    staging: { env: SHOP_DATABASE_URL }\n';

/** Two modules, all four phases, and a CREATE INDEX CONCURRENTLY (which a rolled-back preflight cannot run). */
const FILES: Record<string, string> = {
  'platform.yaml': PLATFORM,
  'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
  [mig('core', 'core_0001_create_settings.expand.sql')]: 'CREATE SCHEMA core;\nCREATE TABLE core.settings (key text PRIMARY KEY, value text);\n',
  [mig('core', 'core_0002_settings_value.expand.sql')]: 'CREATE INDEX CONCURRENTLY core_settings_value ON core.settings (value);\n',
  'modules/billing/module.yaml': 'name: billing\nversion: 1.0.0\ndependencies: [core]\n',
  [mig('billing', 'billing_0001_create_invoices.expand.sql')]: "CREATE TABLE billing_invoices (id serial PRIMARY KEY, tenant_id text NOT NULL, total numeric(12,2), status text, note text);\nINSERT INTO billing_invoices (tenant_id, total, status) VALUES ('t1', 0, 'open');\n",
  [mig('billing', 'billing_0002_invoice_status.backfill.sql')]: "UPDATE billing_invoices SET status = 'paid' WHERE total = 0;\n",
  [mig('billing', 'billing_0003_invoice_status.contract.sql')]: 'ALTER TABLE billing_invoices DROP COLUMN note;\nALTER TABLE billing_invoices ALTER COLUMN status SET NOT NULL;\n',
  [mig('billing', 'billing_0004_reindex.maintenance.sql')]: 'ANALYZE billing_invoices;\n',
};

function checkout(files: Record<string, string>): string {
  const dir = writeCheckout(files);
  temps.push(dir);
  return dir;
}

interface Run {
  ok: boolean;
  scratch?: string;
  steps: { id: string; outcome?: string; note?: string; durationMs?: number; error?: { message: string; file: string; line: number } }[];
}

function cli(args: string[], env: NodeJS.ProcessEnv): { status: number; stdout: string; stderr: string } {
  const r = runBuiltCli(args, { env });
  expect(r.stdout + r.stderr).not.toContain(PG_PASSWORD);
  return r;
}

function json(args: string[], env: NodeJS.ProcessEnv): { status: number; out: Run; stderr: string } {
  const r = cli([...args, '--format', 'json'], env);
  try {
    return { status: r.status, out: JSON.parse(r.stdout) as Run, stderr: r.stderr };
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

const ledger = async (db: string) => (await server.query<{ id: string }>('SELECT id FROM workbench_migrations ORDER BY id', db)).map((r) => r.id);
const schema = async (db: string) =>
  (await server.query<{ name: string }>("SELECT table_schema || '.' || table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema IN ('public', 'core') UNION ALL SELECT schemaname || '.' || indexname FROM pg_indexes WHERE schemaname IN ('public', 'core') ORDER BY 1", db)).map((r) => r.name);
const scratchDatabases = async () => (await server.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'mwb_scratch_%'")).map((r) => r.datname);

describe('migrate preflight --scratch-clone against PostgreSQL', () => {
  it('runs the pending steps for real (CONCURRENTLY too) in a clone, leaves the target and its ledger unchanged, and drops the clone', async () => {
    const { name, env } = await freshDatabase();
    const dir = checkout(FILES);
    // The target has the first migration applied (from a checkout that has only it); the clone starts from there, its ledger too.
    const only = checkout({ 'platform.yaml': PLATFORM, 'modules/core/module.yaml': FILES['modules/core/module.yaml'], [mig('core', 'core_0001_create_settings.expand.sql')]: FILES[mig('core', 'core_0001_create_settings.expand.sql')] });
    const first = json(['migrate', 'apply', only, '--db', 'staging'], env);
    expect(first.status, JSON.stringify(first.out)).toBe(0);
    const ledgerBefore = await ledger(name);
    const schemaBefore = await schema(name);
    expect(ledgerBefore).toEqual(['core_0001_create_settings']);

    const run = json(['migrate', 'preflight', dir, '--db', 'staging', '--scratch-clone'], env);
    expect(run.status, JSON.stringify(run.out)).toBe(0);
    expect(run.out.scratch).toMatch(/^mwb_scratch_[0-9a-z]+_[0-9a-f]{8}$/);
    // core_0001 is applied in the target, so also in the clone: not selected again.
    expect(run.out.steps.map((s) => `${s.id} ${s.outcome}`)).toEqual([
      'core_0002_settings_value ok',
      'billing_0001_create_invoices ok',
      'billing_0002_invoice_status ok',
      'billing_0003_invoice_status ok',
      'billing_0004_reindex ok',
    ]);
    // The CONCURRENTLY index really ran (the rolled-back preflight notes it as not run).
    expect(run.out.steps[0].note).toBeUndefined();
    expect(typeof run.out.steps[0].durationMs).toBe('number');

    expect(await ledger(name), 'the target ledger is unchanged').toEqual(ledgerBefore);
    expect(await schema(name), 'the target schema is unchanged').toEqual(schemaBefore);
    expect(await scratchDatabases(), 'the scratch database is dropped').toEqual([]);

    const text = cli(['migrate', 'preflight', dir, '--db', 'staging', '--scratch-clone'], env);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Preflight in scratch database mwb_scratch_\S+, cloned from staging \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/mwb_s\d+\)/);
    expect(await scratchDatabases()).toEqual([]);
  });

  it("a failing step is reported with the database's message at its file and line, from the target's data; the clone is dropped and the target unchanged", async () => {
    const { name, env } = await freshDatabase();
    const dir = checkout(FILES);
    expect(json(['migrate', 'apply', dir, '--db', 'staging', '--phase', 'expand', '--yes'], env).status).toBe(0);
    expect(await ledger(name)).toHaveLength(3);
    // A row in the target that the contract step's SET NOT NULL refuses: the clone has it too.
    await server.query("INSERT INTO billing_invoices (tenant_id, total, status) VALUES ('t2', 5, NULL)", name);
    const ledgerBefore = await ledger(name);
    const schemaBefore = await schema(name);

    const run = json(['migrate', 'preflight', dir, '--db', 'staging', '--scratch-clone'], env);
    expect(run.status).toBe(1);
    expect(run.out.ok).toBe(false);
    const failed = run.out.steps.find((s) => s.id === 'billing_0003_invoice_status');
    expect(failed?.outcome).toBe('failed');
    expect(failed?.error).toMatchObject({ file: mig('billing', 'billing_0003_invoice_status.contract.sql'), line: 2, message: expect.stringMatching(/column "status" .*contains null values/) });
    expect(run.out.steps.find((s) => s.id === 'billing_0004_reindex')?.outcome).toBe('skipped');

    expect(await ledger(name)).toEqual(ledgerBefore);
    expect(await schema(name), 'the note column is still in the target').toEqual(schemaBefore);
    expect(await scratchDatabases(), 'the scratch database is dropped after a failure too').toEqual([]);
  });

  it('refuses, saying why and suggesting the plain preflight, when another session is connected to the target', async () => {
    const { env } = await freshDatabase();
    const dir = checkout(FILES);
    const other = new pg.Client({ connectionString: env.SHOP_DATABASE_URL });
    await other.connect();
    try {
      const r = cli(['migrate', 'preflight', dir, '--db', 'staging', '--scratch-clone'], env);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot be cloned for a scratch preflight: other sessions are connected to it/);
      expect(r.stderr).toMatch(/There is 1 other session using the database/);
      expect(r.stderr).toMatch(/run the plain preflight \(without --scratch-clone\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await other.end();
    }
    expect(await scratchDatabases()).toEqual([]);
  });

  it('refuses, saying why, when the role has no CREATEDB right', async () => {
    const { name } = await freshDatabase();
    await server.query(`CREATE ROLE mwb_nocreate LOGIN NOCREATEDB PASSWORD '${PG_PASSWORD}'`);
    const env = { SHOP_DATABASE_URL: server.url(name).replace('postgres:s3', 'mwb_nocreate:s3') };
    expect(env.SHOP_DATABASE_URL).toContain('mwb_nocreate:');
    const r = cli(['migrate', 'preflight', checkout(FILES), '--db', 'staging', '--scratch-clone'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the role has no CREATEDB right \(PostgreSQL: permission denied to create database \(42501\)\)/);
    expect(r.stderr).toMatch(/without --scratch-clone/);
    expect(await scratchDatabases()).toEqual([]);
  });

  it('is documented in mwb migrate --help and refused for a SQLite target', () => {
    const help = runBuiltCli(['migrate', '--help']);
    expect(help.stdout).toMatch(/--scratch-clone +preflight on PostgreSQL only/);
    const r = runBuiltCli(['migrate', 'preflight', checkout(FILES), '--scratch-clone']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--scratch-clone needs a PostgreSQL target/);
  });
});
