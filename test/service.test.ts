import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import { AppStore } from '../src-main/node/app-store';
import type { WorkbenchService } from '../src-main/service/service';
import { EXAMPLE, writeCheckout } from './helpers/checkout';
import { waitFor } from './helpers/wait';
import { testService } from './helpers/service';

function makeService(opts: { store?: AppStore | null; watch?: boolean } = {}) {
  return testService({ ...opts, now: () => 1000 });
}

const services: WorkbenchService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-svc-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

describe('WorkbenchService', () => {
  it('opens the example when nothing is named, and reports progress', async () => {
    const { service, seen } = makeService();
    services.push(service);
    const r = await service.handle('session.open', {});
    expect(r.ok).toBe(true);
    const snap = (r as { result: WorkbenchSnapshot }).result;
    expect(snap.checkout).toBe(EXAMPLE);
    expect(snap.modules).toHaveLength(15);
    expect(snap.capabilities.map((c) => c.profile)).toEqual(['default', 'full']);
    expect(seen['session.progress']?.at(-1)).toEqual({ phase: 'done', done: 15, total: 15 });
    expect(seen['session.snapshot']).toHaveLength(1);
  });

  it('answers bad requests with data, not throws', async () => {
    const { service } = makeService();
    services.push(service);
    expect(await service.handle('nope', {})).toEqual({ ok: false, error: { code: 'bad-request', message: "unknown request 'nope'" } });
    expect(await service.handle('file.read', { path: 'x' })).toEqual({ ok: false, error: { code: 'no-checkout', message: 'no checkout is open' } });
    expect(await service.handle('session.open', { path: '/nonexistent/x' })).toEqual({ ok: false, error: { code: 'checkout-unreadable', message: 'checkout not found: /nonexistent/x' } });
    await service.handle('session.open', {});
    expect(await service.handle('session.setProfile', { profile: 'prod' })).toEqual({ ok: false, error: { code: 'unknown-profile', message: "unknown profile 'prod' (profiles: default, full)" } });
  });

  it('switches profiles: capability findings follow the profile', async () => {
    const dir = writeCheckout({
      'platform.yaml': 'profiles:\n  default: {capabilities: []}\n  full: {capabilities: [search 1.0.0]}\n',
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ncapabilities: {requires: [search]}\n',
    });
    const { service } = makeService();
    services.push(service);
    const first = await service.open(dir);
    expect(first.diagnostics.map((d) => d.rule)).toEqual(['capability-missing']);
    const full = await service.session.setProfile('full');
    expect(full.profile).toBe('full');
    expect(full.diagnostics).toEqual([]);
    expect(full.revision).toBe(first.revision + 1);
  });

  it('saves atomically and refuses to overwrite a file changed on disk since it was read', async () => {
    const dir = copyExample();
    const { service } = makeService();
    services.push(service);
    await service.open(dir);
    const rel = 'modules/blog/module.yaml';
    const read = service.session.readFile(rel);
    fs.writeFileSync(path.join(dir, rel), read.text.replace('version: 1.0.3', 'version: 1.0.4'));
    const mine = read.text.replace('description:', '# edited in the workbench\ndescription:');
    const conflict = await service.session.saveFile(rel, mine, read.version);
    expect(conflict.status).toBe('conflict');
    expect(conflict.status === 'conflict' && conflict.diskText).toContain('version: 1.0.4');
    expect(fs.readFileSync(path.join(dir, rel), 'utf8')).toContain('version: 1.0.4');
    const forced = await service.session.saveFile(rel, mine, read.version, true);
    expect(forced.status).toBe('saved');
    expect(fs.readFileSync(path.join(dir, rel), 'utf8')).toBe(mine);
    expect(fs.readdirSync(path.join(dir, 'modules/blog')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A save based on the current version goes through.
    const again = await service.session.saveFile(rel, mine + '\n', (forced as { version: string }).version);
    expect(again.status).toBe('saved');
    fs.rmSync(path.join(dir, rel));
    expect(await service.session.saveFile(rel, mine, 'whatever')).toEqual({ status: 'deleted' });
  });

  it('lints unsaved manifest text with every rule, for that file only', async () => {
    const { service } = makeService();
    services.push(service);
    await service.open(copyExample());
    const rel = 'modules/blog/module.yaml';
    const text = service.session.readFile(rel).text.replace('dependencies:\n', 'dependencies:\n  - ledger\n');
    const found = service.session.lintManifest(rel, text);
    expect(found.map((d) => [d.rule, d.file])).toEqual([['dependency-missing', rel]]);
    expect(service.session.lintManifest(rel, 'name: blog\nversion: [\n').map((d) => d.rule)).toEqual(['manifest-parse-error']);
  });

  it('lints a manifest that closes a dependency cycle with the cycle, wherever it is reported (its related location in this file)', async () => {
    const { service } = makeService();
    services.push(service);
    await service.open(writeCheckout({ 'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ndependencies: [b]\n', 'modules/b/module.yaml': 'name: b\nversion: 1.0.0\n' }));
    for (const [rel, text] of [
      ['modules/b/module.yaml', 'name: b\nversion: 1.0.0\ndependencies: [a]\n'],
      ['modules/a/module.yaml', 'name: a\nversion: 1.0.0\ndependencies: [b]\n'],
    ]) {
      if (rel === 'modules/a/module.yaml') await service.session.saveFile('modules/b/module.yaml', 'name: b\nversion: 1.0.0\ndependencies: [a]\n', service.session.readFile('modules/b/module.yaml').version);
      const cycle = service.session.lintManifest(rel, text).filter((d) => d.rule === 'dependency-cycle');
      expect(cycle.length, rel).toBe(1);
      expect(cycle[0].file === rel || cycle[0].related?.some((r) => r.file === rel)).toBe(true);
    }
    // Reported once, on one of the two manifests, with the other as a related location.
    const reported = service.session.lintManifest('modules/a/module.yaml', 'name: a\nversion: 1.0.0\ndependencies: [b]\n').find((d) => d.rule === 'dependency-cycle')!;
    expect([reported.file, ...(reported.related ?? []).map((r) => r.file)].sort()).toEqual(['modules/a/module.yaml', 'modules/b/module.yaml']);
  });

  it('picks up an outside edit: adding the missing module clears the problem', async () => {
    const dir = writeCheckout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [ledger]\n',
    });
    const { service, seen } = makeService({ watch: true });
    services.push(service);
    const first = await service.open(dir);
    expect(first.diagnostics.map((d) => d.rule)).toEqual(['dependency-missing']);
    fs.mkdirSync(path.join(dir, 'modules/ledger'));
    fs.writeFileSync(path.join(dir, 'modules/ledger/module.yaml'), 'name: ledger\nversion: 1.0.0\n');
    const updated = await waitFor(() => seen['session.snapshot']?.find((s) => s.modules.length === 2));
    expect(updated.diagnostics).toEqual([]);
    expect(updated.order).toEqual(['ledger', 'shop']);
    // Editing one manifest re-reads it and re-runs the registry.
    fs.writeFileSync(path.join(dir, 'modules/ledger/module.yaml'), 'name: ledger\nversion: 0.9.0\ntier: gold\n');
    const edited = await waitFor(() => seen['session.snapshot']?.find((s) => s.diagnostics.some((d) => d.rule === 'manifest-invalid')));
    expect(edited.diagnostics[0]).toMatchObject({ file: 'modules/ledger/module.yaml', line: 3 });
    expect(seen['file.changed']?.some((c) => c.path === 'modules/ledger/module.yaml')).toBe(true);
  });

  it('watches symlinks: a migrations folder replaced by a link out of the module is reported, and cleared when put back', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-outside-'));
    fs.writeFileSync(path.join(outside, 'shop_0001_init.expand.sql'), 'CREATE TABLE shop_t (id INTEGER);\n');
    const dir = writeCheckout({
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
      'modules/shop/migrations/shop_0001_init.expand.sql': 'CREATE TABLE shop_t (id INTEGER);\n',
      'modules/other/module.yaml': 'name: other\nversion: 1.0.0\n',
    });
    const { service, seen } = makeService({ watch: true });
    services.push(service);
    const first = await service.open(dir);
    expect(first.diagnostics).toEqual([]);
    const migrations = path.join(dir, 'modules/shop/migrations');
    fs.renameSync(migrations, path.join(dir, 'modules/shop/kept'));
    fs.symlinkSync(outside, migrations);
    const linked = await waitFor(() => seen['session.snapshot']?.find((s) => s.diagnostics.some((d) => d.rule === 'path-outside-module')));
    expect(linked.diagnostics.filter((d) => d.rule === 'path-outside-module')).toMatchObject([{ module: 'shop', file: 'modules/shop/module.yaml' }]);
    const count = seen['session.snapshot']?.length ?? 0;
    fs.rmSync(migrations);
    fs.renameSync(path.join(dir, 'modules/shop/kept'), migrations);
    const back = await waitFor(() => seen['session.snapshot']?.slice(count).find((s) => !s.diagnostics.some((d) => d.rule === 'path-outside-module')));
    expect(back.diagnostics).toEqual([]);
  });

  it('remembers recent checkouts and per-checkout UI state in the app store', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-store-'));
    const store = new AppStore({ dataDir });
    const { service } = makeService({ store });
    services.push(service);
    await service.handle('session.open', {});
    expect(await service.handle('ui.setState', { key: 'graph', value: { zoom: 2 } })).toEqual({ ok: true, result: null });
    expect(await service.handle('ui.getState', { key: 'graph' })).toEqual({ ok: true, result: { zoom: 2 } });
    const recent = await service.handle('app.recent', {});
    expect(recent).toEqual({ ok: true, result: [{ path: EXAMPLE, name: 'acme-commerce', openedAt: 1000 }] });
    // The store lives in the data folder only.
    expect(fs.readdirSync(dataDir)).toContain('workbench.sqlite');
    expect(fs.existsSync(path.join(EXAMPLE, 'workbench.sqlite'))).toBe(false);
  });
});

describe('watching after atomic saves', () => {
  it('still sees outside edits to a file the workbench saved (replaced by rename)', async () => {
    const dir = writeCheckout({ 'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n' });
    const { service, seen } = makeService({ watch: true });
    services.push(service);
    await service.open(dir);
    const rel = 'modules/shop/module.yaml';
    const read = service.session.readFile(rel);
    expect((await service.session.saveFile(rel, 'name: shop\nversion: 1.0.1\n', read.version)).status).toBe('saved');
    await new Promise((r) => setTimeout(r, 200));
    fs.writeFileSync(path.join(dir, rel), 'name: shop\nversion: 1.0.2\ndependencies: [ghost]\n');
    const after = await waitFor(() => seen['session.snapshot']?.find((s) => s.diagnostics.some((d) => d.rule === 'dependency-missing')));
    expect(after.modules[0].version).toBe('1.0.2');
    // A module folder moved in from elsewhere is picked up with its manifest.
    const outside = writeCheckout({ 'cart/module.yaml': 'name: cart\nversion: 1.0.0\n' });
    fs.renameSync(path.join(outside, 'cart'), path.join(dir, 'modules', 'cart'));
    const moved = await waitFor(() => seen['session.snapshot']?.find((s) => s.modules.some((m) => m.name === 'cart')));
    expect(moved.modules.map((m) => m.name).sort()).toEqual(['cart', 'shop']);
  });
});

describe('graph export', () => {
  it('exports every module, or only those named (the view filter), with the edges between them', async () => {
    const { service } = makeService();
    services.push(service);
    await service.open(EXAMPLE);
    const all = await service.handle('graph.export', { format: 'mermaid', edges: ['dependency'] });
    expect((all as { result: string }).result).toContain('m_monitoring');
    const some = (await service.handle('graph.export', { format: 'dot', edges: ['dependency'], modules: ['core', 'payments', 'billing'] })) as { result: string };
    expect(some.result).toContain('"billing" -> "payments";');
    expect(some.result).not.toContain('tenancy');
    expect(await service.handle('graph.export', { format: 'dot', edges: [], modules: [42] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
