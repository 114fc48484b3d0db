/**
 * `migrate apply|preflight --phase P` never breaks the module order (issue 13, item 1; SPEC §4:
 * within a module a migration never runs before a lower sequence). The choice: `--phase` refuses,
 * naming the earlier pending migrations, and exits 1; nothing runs. Real processes, real SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltCli, writeCheckout } from './helpers/checkout';
import { devDb } from './helpers/dev-db';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const mig = (file: string) => `modules/m/migrations/${file}`;

function ledgerIds(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id FROM workbench_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

interface Run {
  ok: boolean;
  stopped?: string;
  steps: { id: string; outcome: string; error?: { message: string } }[];
}

function run(args: string[]): { status: number; out: Run } {
  const r = runBuiltCli([...args, '--format', 'json']);
  try {
    return { status: r.status, out: JSON.parse(r.stdout) as Run };
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

/** m_0001 applied; m_0002_c.expand (wave 1), m_0003_d.backfill (wave 2) and m_0004_e.contract (wave 3) pending. */
function staged(): string {
  const dir = writeCheckout({
    'modules/m/module.yaml': 'name: m\nversion: 1.0.0\n',
    [mig('m_0001_a.expand.sql')]: 'CREATE TABLE m_items (id TEXT PRIMARY KEY, name TEXT);\n',
  });
  temps.push(dir);
  expect(runBuiltCli(['migrate', 'apply', dir]).status).toBe(0);
  fs.writeFileSync(path.join(dir, mig('m_0002_c.expand.sql')), 'CREATE TABLE m_tags (id TEXT PRIMARY KEY);\nCREATE INDEX m_items_name ON m_items (name);\n');
  fs.writeFileSync(path.join(dir, mig('m_0003_d.backfill.sql')), "INSERT INTO m_tags (id) VALUES ('default');\n");
  fs.writeFileSync(path.join(dir, mig('m_0004_e.contract.sql')), 'DROP INDEX m_items_name;\n');
  return dir;
}

describe('--phase keeps the module order', () => {
  it('apply --phase backfill refuses, naming the earlier pending expand; nothing runs, exit 1', () => {
    const dir = staged();
    const apply = run(['migrate', 'apply', dir, '--phase', 'backfill']);
    expect(apply.status).toBe(1);
    expect(apply.out.ok).toBe(false);
    expect(apply.out.stopped).toMatch(/--phase backfill .*still pending: m_0002_c \(expand, wave 1\)/);
    expect(apply.out.steps.map((s) => [s.id, s.outcome])).toEqual([['m_0003_d', 'not-run']]);
    expect(ledgerIds(devDb(dir))).toEqual(['m_0001_a']);
    const text = runBuiltCli(['migrate', 'apply', dir, '--phase', 'backfill']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('m_0002_c (expand, wave 1)');
    expect(text.stdout).not.toContain('nothing to apply');
    // check never reports the module as stuck: nothing ran out of order.
    expect(runBuiltCli(['check', dir]).stdout).not.toContain('migration-out-of-order');
  });

  it('apply --phase contract --yes refuses too (a DROP INDEX never runs before its CREATE INDEX)', () => {
    const dir = staged();
    const apply = run(['migrate', 'apply', dir, '--phase', 'contract', '--yes']);
    expect(apply.status).toBe(1);
    expect(apply.out.stopped).toMatch(/still pending: m_0002_c \(expand, wave 1\), m_0003_d \(backfill, wave 2\)/);
    expect(ledgerIds(devDb(dir))).toEqual(['m_0001_a']);
  });

  it('preflight --phase backfill refuses with the same reason instead of a false "no such table"', () => {
    const dir = staged();
    const preflight = run(['migrate', 'preflight', dir, '--phase', 'backfill']);
    expect(preflight.status).toBe(1);
    expect(preflight.out.stopped).toMatch(/^nothing run: --phase backfill .*m_0002_c \(expand, wave 1\)/);
    expect(JSON.stringify(preflight.out)).not.toContain('no such table');
  });

  it('phase by phase in order works: expand, then backfill, then contract', () => {
    const dir = staged();
    expect(run(['migrate', 'apply', dir, '--phase', 'expand']).status).toBe(0);
    expect(run(['migrate', 'preflight', dir, '--phase', 'backfill']).out.steps.map((s) => s.outcome)).toEqual(['ok']);
    expect(run(['migrate', 'apply', dir, '--phase', 'backfill']).status).toBe(0);
    expect(run(['migrate', 'apply', dir, '--phase', 'contract', '--yes']).status).toBe(0);
    expect(ledgerIds(devDb(dir))).toEqual(['m_0001_a', 'm_0002_c', 'm_0003_d', 'm_0004_e']);
  });

  it('a migration of another module that a selected one depends on also has to run first', () => {
    const dir = writeCheckout({
      'modules/a/module.yaml': 'name: a\nversion: 1.0.0\n',
      'modules/a/migrations/a_0001_create.expand.sql': 'CREATE TABLE a_items (id TEXT);\n',
      'modules/b/module.yaml': 'name: b\nversion: 1.0.0\n',
      'modules/b/migrations/b_0001_create.expand.sql': 'CREATE TABLE b_items (id TEXT);\n',
      'modules/b/migrations/b_0002_seed.backfill.sql': '-- depends: a_0001_create\nINSERT INTO b_items SELECT id FROM a_items;\n',
    });
    temps.push(dir);
    const apply = run(['migrate', 'apply', dir, '--phase', 'backfill']);
    expect(apply.status).toBe(1);
    expect(apply.out.stopped).toMatch(/still pending: a_0001_create \(expand, wave 1\), b_0001_create \(expand, wave 1\)/);
  });
});
