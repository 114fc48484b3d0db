/**
 * Issue 16: the Migrations and Permissions views page their data. Through the service, as both
 * hosts carry it: a summary keeps the whole result on the server under an id, `*.rows` answers
 * windows of it (with a search), and the pages put together are exactly what `migrations.plan` and
 * `permissions.catalog` answer in one message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationsView } from '../src-main/common/contract-migrations';
import type { MigrationModuleSteps, MigrationsSummary, Page, PermissionsSummary } from '../src-main/common/contract-pages';
import type { CatalogPermission, PermissionCatalog } from '../src-main/common/contract-permissions';
import type { WorkbenchService } from '../src-main/service/service';
import { copyFixture, EXAMPLE } from './helpers/checkout';
import { ok, testService } from './helpers/service';

const services: WorkbenchService[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

async function open(dir: string) {
  temps.push(dir);
  const { service } = testService();
  services.push(service);
  await ok(service.handle('session.open', { path: dir }));
  return <T>(name: string, params: unknown): Promise<T> => ok<T>(service.handle(name, params));
}

function example(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-paged-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

/** Every row of a paged result, read `limit` rows at a time. */
async function allRows<T>(call: <R>(n: string, p: unknown) => Promise<R>, name: string, id: string, limit: number, search?: string): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await call<Page<T>>(name, { id, offset, limit, ...(search ? { search } : {}) });
    expect(page.offset).toBe(offset);
    rows.push(...page.rows);
    if (offset + limit >= page.total) {
      expect(rows).toHaveLength(page.total);
      return rows;
    }
    expect(page.rows).toHaveLength(limit);
  }
}

describe('paged permissions', () => {
  it('the summary counts the catalog, and its pages put together are the catalog; a search filters on the server', async () => {
    const call = await open(copyFixture('permissions/reconcile'));
    const catalog = await call<PermissionCatalog>('permissions.catalog', {});
    const summary = await call<PermissionsSummary>('permissions.summary', {});
    expect(summary.total).toBe(catalog.permissions.length);
    expect(summary.modules).toBe(new Set(catalog.permissions.map((p) => p.module)).size);
    expect(summary.ungranted).toBe(catalog.permissions.filter((p) => p.grantedBy.length === 0).length);
    expect(summary.ungranted).toBeGreaterThan(0);
    expect(summary.roles.map((r) => [r.name, r.grantCount, r.staleGrants.map((g) => g.id)])).toEqual(
      catalog.roles.map((r) => [r.name, r.grants.length, r.grants.filter((g) => g.covers === 0).map((g) => g.id)]),
    );
    expect(summary.stale).toBe(1);
    expect(await allRows<CatalogPermission>(call, 'permissions.rows', summary.id, 3)).toEqual(catalog.permissions);

    // The search looks where the search box says: ids, modules, roles, routes.
    const byRole = await allRows<CatalogPermission>(call, 'permissions.rows', summary.id, 2, 'Support');
    expect(byRole.map((p) => p.id)).toEqual(catalog.permissions.filter((p) => p.grantedBy.some((g) => g.role === 'support')).map((p) => p.id));
    expect(byRole.length).toBeGreaterThan(0);
    const route = catalog.permissions.find((p) => p.routes.length > 0)?.routes[0];
    expect(route).toBeDefined();
    const byRoute = await call<Page<CatalogPermission>>('permissions.rows', { id: summary.id, offset: 0, limit: 50, search: route?.path });
    expect(byRoute.rows.every((p) => p.routes.some((r) => r.path.includes(route?.path ?? '')))).toBe(true);
    expect(byRoute.total).toBeGreaterThan(0);
    // Past the end: no rows, the total still said.
    expect(await call('permissions.rows', { id: summary.id, offset: 10_000, limit: 10 })).toEqual({ id: summary.id, offset: catalog.permissions.length, total: catalog.permissions.length, rows: [] });
  });

  it('the summary reuses the check\'s parse of the roles file only while the file on disk is that text', async () => {
    const dir = copyFixture('permissions/reconcile');
    const call = await open(dir);
    const before = await call<PermissionsSummary>('permissions.summary', {});
    expect(before.ungranted).toBe(1);
    // Edited outside, not seen by the session (no watcher here): the summary and preview read the disk.
    const file = path.join(dir, 'roles.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("grants: ['blog.post.read']", "grants: ['blog.post.read', 'blog.post.publish']"));
    const after = await call<PermissionsSummary>('permissions.summary', {});
    expect(after.ungranted).toBe(0);
    expect(after.roles.find((r) => r.name === 'viewer')?.grantCount).toBe(2);
    const rows = await call<Page<CatalogPermission>>('permissions.rows', { id: after.id, offset: 0, limit: 50, search: 'blog.post.publish' });
    expect(rows.rows[0].grantedBy).toEqual([{ role: 'viewer', grant: 'blog.post.publish', direct: true }]);
  });

  it('a result replaced by newer ones answers stale; bad windows are refused', async () => {
    const dir = copyFixture('permissions/reconcile');
    temps.push(dir);
    const { service } = testService();
    services.push(service);
    await ok(service.handle('session.open', { path: dir }));
    const first = await ok<PermissionsSummary>(service.handle('permissions.summary', {}));
    for (let i = 0; i < 4; i++) await ok(service.handle('permissions.summary', {}));
    expect(await service.handle('permissions.rows', { id: first.id, offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(await service.handle('permissions.rows', { id: 'x', offset: 0, limit: 501 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await service.handle('permissions.rows', { id: 'x', offset: -1, limit: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await service.handle('migrations.rows', { id: 'x', offset: 0.5, limit: 1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('paged migrations', () => {
  it('the summary counts the plan, and its pages are the steps by module in load order; a search finds a module or a step', async () => {
    const call = await open(example());
    const plan = await call<MigrationsView>('migrations.plan', {});
    const summary = await call<MigrationsSummary>('migrations.summary', {});
    expect(summary.database).toEqual(plan.database);
    expect(summary.targets).toEqual(plan.targets);
    expect(summary.diagnostics).toEqual(plan.diagnostics);
    expect(summary.counts).toEqual({ total: 40, applied: 0, pending: 40, drifted: 0, blocked: 0 });
    // Pending steps by wave: what the apply confirmation names (waves 3 and 4 need the window).
    const byWave: Record<number, number> = {};
    for (const s of plan.steps) byWave[s.wave] = (byWave[s.wave] ?? 0) + 1;
    expect(summary.waves).toEqual(byWave);
    expect(summary.waves).toMatchObject({ 3: 4, 4: 4 });
    const rows = await allRows<MigrationModuleSteps>(call, 'migrations.rows', summary.id, 2);
    expect(rows).toHaveLength(summary.modules);
    expect(rows.map((r) => r.module)).toEqual(plan.order.filter((m) => plan.steps.some((s) => s.module === m)));
    expect(rows.flatMap((r) => r.steps).sort((a, b) => a.id.localeCompare(b.id))).toEqual([...plan.steps].sort((a, b) => a.id.localeCompare(b.id)));
    // The window statements of a step travel with it.
    expect(rows.flatMap((r) => r.steps).filter((s) => s.window && s.window.length > 0).length).toBeGreaterThan(0);

    const billing = await call<Page<MigrationModuleSteps>>('migrations.rows', { id: summary.id, offset: 0, limit: 50, search: 'BILLING' });
    expect(billing.rows.map((r) => r.module)).toEqual(['billing']);
    const byStep = await call<Page<MigrationModuleSteps>>('migrations.rows', { id: summary.id, offset: 0, limit: 50, search: 'invoice_status' });
    expect(byStep.rows.map((r) => r.module)).toContain('billing');

    // A phase filter plans again: its own id and counts.
    const maintenance = await call<MigrationsSummary>('migrations.summary', { phase: 'maintenance' });
    expect(maintenance.id).not.toBe(summary.id);
    expect(maintenance.counts.total).toBe(4);
    expect(maintenance.waves).toEqual({ 4: 4 });
  });

  it('applied steps carry the wave they had, so the timeline keeps them in place', async () => {
    const call = await open(example());
    await call('migrations.apply', {});
    const summary = await call<MigrationsSummary>('migrations.summary', {});
    expect(summary.counts).toMatchObject({ applied: 32, pending: 8 });
    expect(summary.waves).toEqual({ 3: 4, 4: 4 });
    const plan = await call<MigrationsView>('migrations.plan', {});
    const rows = await allRows<MigrationModuleSteps>(call, 'migrations.rows', summary.id, 100);
    expect(Object.assign({}, ...rows.map((r) => r.columns))).toEqual(plan.columns);
    expect(Object.keys(plan.columns)).toHaveLength(32);
  });
});
