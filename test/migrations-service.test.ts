/**
 * The Migrations view's requests through the service (the same code as `mwb migrate`): plan,
 * preflight and apply on the open checkout's dev database, progress events, and the snapshot
 * re-checked after apply so ledger findings show in Problems.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationRun, MigrationsView } from '../src-main/common/contract-migrations';
import { acquireApplyLock } from '../src-main/node/dev-database';
import { EXAMPLE } from './helpers/checkout';
import { ok, testService, type Seen } from './helpers/service';
import type { WorkbenchService } from '../src-main/service/service';

const services: WorkbenchService[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

function open(): { service: WorkbenchService; seen: Seen; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-svc-migr-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  temps.push(dir);
  const { service, seen } = testService();
  services.push(service);
  return { service, seen, dir };
}

describe('migrations.* requests', () => {
  it('plan, apply with progress, and the snapshot follows the ledger', async () => {
    const { service, seen, dir } = open();
    await ok(service.handle('session.open', { path: dir }));
    const plan = await ok<MigrationsView>(service.handle('migrations.plan', {}));
    expect(plan.database).toEqual({ path: '.workbench/dev.sqlite', exists: false });
    expect(plan.order[0]).toBe('core');
    expect(plan.steps).toHaveLength(40);
    expect((await ok<MigrationsView>(service.handle('migrations.plan', { phase: 'maintenance' }))).steps.map((s) => s.wave)).toEqual([4, 4, 4, 4]);

    const run = await ok<MigrationRun>(service.handle('migrations.apply', {}));
    expect(run.ok).toBe(true);
    expect(run.steps.filter((s) => s.outcome === 'applied')).toHaveLength(32);
    const progress = seen['migrations.progress'] ?? [];
    expect(progress.length).toBeGreaterThanOrEqual(64);
    expect(progress[progress.length - 1]).toMatchObject({ command: 'apply', total: 32, done: 32 });

    // An applied migration edited on disk: the re-check after the next apply (or any re-check) reports drift.
    fs.appendFileSync(path.join(dir, 'modules/core/migrations/core_0001_create_settings.expand.sql'), '-- edited\n');
    const refused = await ok<MigrationRun>(service.handle('migrations.apply', { yes: true }));
    expect(refused.ok).toBe(false);
    expect(refused.stopped).toMatch(/nothing applied/);
    const snap = service.session.current();
    expect(snap.diagnostics.map((d) => d.rule)).toEqual(['migration-checksum-drift']);
  });

  it('validates parameters and reports a held lock as an error with its code', async () => {
    const { service, dir } = open();
    await ok(service.handle('session.open', { path: dir }));
    const bad = await service.handle('migrations.apply', { phase: 'cleanup' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const noDb = await service.handle('migrations.plan', { db: '/etc/passwd' });
    expect(noDb).toMatchObject({ ok: false, error: { code: 'bad-request', message: "migrations.plan: unknown parameter 'db'" } });
    const lock = acquireApplyLock(path.join(dir, '.workbench/dev.sqlite'));
    try {
      // The lock file holds this process's pid, which is alive: another apply must wait.
      const locked = await service.handle('migrations.apply', {});
      expect(locked).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringContaining(`pid ${process.pid}`) } });
    } finally {
      lock.release();
    }
    const preflight = await ok<MigrationRun>(service.handle('migrations.preflight', { phase: 'expand' }));
    expect(preflight.steps).toHaveLength(25);
    expect(preflight.ok).toBe(true);
  });
});
