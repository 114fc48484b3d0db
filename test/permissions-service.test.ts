/**
 * The Permissions view's requests through the service, as the app and `mwb serve` carry them:
 * catalog, preview and apply run the CLI's code on the session; apply writes only what was
 * previewed (conflict otherwise), and the session re-checks the roles file afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PermissionCatalog, ReconcileApplyResult, ReconcilePreview } from '../src-main/common/contract-permissions';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import type { WorkbenchService } from '../src-main/service/service';
import { copyFixture } from './helpers/checkout';
import { ok, testService } from './helpers/service';

const services: WorkbenchService[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(dir: string, watch = false) {
  const { service, seen } = testService({ watch });
  services.push(service);
  const opened = await service.handle('session.open', { path: dir });
  expect(opened.ok).toBe(true);
  const call = <T>(name: string, params: unknown): Promise<T> => ok<T>(service.handle(name, params));
  return { service, seen, call, snapshot: () => service.session.current() };
}

const fixture = () => {
  const dir = copyFixture('permissions/reconcile');
  temps.push(dir);
  return dir;
};
const rules = (s: WorkbenchSnapshot) => s.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`);

describe('permission requests', () => {
  it('catalog and preview come from the session; nothing is written by a preview', async () => {
    const dir = fixture();
    const before = fs.readFileSync(path.join(dir, 'roles.yaml'));
    const { call } = await open(dir);
    const cat = await call<PermissionCatalog>('permissions.catalog', {});
    expect(cat.permissions.map((p) => p.id)).toContain('billing.invoice.read');
    expect(cat.roles.map((r) => r.name)).toEqual(['finance-admin', 'support', 'viewer']);
    const pre = await call<ReconcilePreview>('permissions.preview', { removeStale: true });
    expect(pre).toMatchObject({ rolesFile: 'roles.yaml', removeStale: true, created: ['auditor', 'editor'], canApply: true, problem: null });
    expect(pre.plan.required).toBe(true);
    expect(pre.diff.filter((l) => l.kind === 'remove').map((l) => (l as { text: string }).text)).toEqual(['      - helpdesk.ticket.read   # the helpdesk module was removed']);
    expect(pre.diff.filter((l) => l.kind === 'add')).toHaveLength(10);
    expect(fs.readFileSync(path.join(dir, 'roles.yaml')).equals(before)).toBe(true);
  });

  it('apply writes what was previewed, then the session re-checks: the findings it fixed are gone', async () => {
    const dir = fixture();
    const { call, seen, snapshot } = await open(dir);
    expect(rules(snapshot())).toEqual(['permission-ungranted modules/blog/module.yaml:7', 'role-grant-unknown roles.yaml:17']);
    const pre = await call<ReconcilePreview>('permissions.preview', { removeStale: true });
    const revision = snapshot().revision;
    const result = await call<ReconcileApplyResult>('permissions.apply', { removeStale: true, baseVersion: pre.baseVersion });
    expect(result).toMatchObject({ status: 'applied', written: 'roles.yaml', plan: { required: false } });
    expect(snapshot().revision).toBeGreaterThan(revision);
    expect(rules(snapshot())).toEqual([]);
    expect(seen['file.changed']?.at(-1)).toEqual({ path: 'roles.yaml', version: (result as { version: string }).version });
    // Settled: the next preview has nothing to do and applying again writes nothing.
    const next = await call<ReconcilePreview>('permissions.preview', { removeStale: true });
    expect(next.plan.required).toBe(false);
    expect(next.diff).toEqual([]);
    expect(await call('permissions.apply', { removeStale: true, baseVersion: next.baseVersion })).toMatchObject({ status: 'unchanged' });
  });

  it('apply refuses when roles.yaml changed since the preview, and writes nothing', async () => {
    const dir = fixture();
    const { call } = await open(dir);
    const pre = await call<ReconcilePreview>('permissions.preview', {});
    const edited = fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8').replace('# End of roles.', '# End of roles (edited elsewhere).');
    fs.writeFileSync(path.join(dir, 'roles.yaml'), edited);
    const result = await call<ReconcileApplyResult>('permissions.apply', { baseVersion: pre.baseVersion });
    expect(result.status).toBe('conflict');
    expect(fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8')).toBe(edited);
  });

  it('apply refuses a roles.yaml that does not parse; the preview says why', async () => {
    const dir = fixture();
    fs.writeFileSync(path.join(dir, 'roles.yaml'), 'roles:\n  viewer: {grants: [blog.post.read\n');
    const { call, snapshot } = await open(dir);
    expect(new Set(rules(snapshot()))).toEqual(new Set(['manifest-parse-error roles.yaml:2']));
    const pre = await call<ReconcilePreview>('permissions.preview', {});
    expect(pre).toMatchObject({ canApply: false, diff: [] });
    expect(pre.problem).toContain('roles.yaml cannot be reconciled until it is fixed (roles.yaml:2');
    const result = await call<ReconcileApplyResult>('permissions.apply', { baseVersion: pre.baseVersion });
    expect(result.status).toBe('refused');
    expect(fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8')).toBe('roles:\n  viewer: {grants: [blog.post.read\n');
  });

  it('an outside edit of roles.yaml (or of the file platform.yaml names) is re-checked by the watcher', async () => {
    const dir = fixture();
    fs.writeFileSync(path.join(dir, 'platform.yaml'), 'roles: access/roles.yaml\n');
    fs.mkdirSync(path.join(dir, 'access'));
    fs.renameSync(path.join(dir, 'roles.yaml'), path.join(dir, 'access/roles.yaml'));
    const { snapshot } = await open(dir, true);
    expect(rules(snapshot())).toContain('role-grant-unknown access/roles.yaml:17');
    const file = path.join(dir, 'access/roles.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('      - helpdesk.ticket.read   # the helpdesk module was removed\n', ''));
    const start = Date.now();
    while (rules(snapshot()).some((r) => r.startsWith('role-grant-unknown')) && Date.now() - start < 30_000) await new Promise((r) => setTimeout(r, 25));
    expect(rules(snapshot())).toEqual(['permission-ungranted modules/blog/module.yaml:7']);
  });

  it('validates parameters', async () => {
    const { service } = await open(fixture());
    expect(await service.handle('permissions.apply', {})).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await service.handle('permissions.apply', { baseVersion: 3 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await service.handle('permissions.preview', { removeStale: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
