import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src-main/common/diagnostic';
import { checkCheckout, checkCheckoutAsync, loadCheckout } from '../src-main/service/load-checkout';
import { loadPermissionContext, permissionCatalog } from '../src-main/service/permissions';
import { copyFixture, runBuiltCli, writeCheckout } from './helpers/checkout';

/** The Drupal adapter on a trimmed real site (test/fixtures/drupal: drupal/core 10.3.14) and on planted defects. */

const edit = (root: string, rel: string, change: (text: string) => string): void => {
  const abs = path.join(root, rel);
  fs.writeFileSync(abs, change(fs.readFileSync(abs, 'utf8')));
};
const write = (root: string, rel: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const lineOf = (root: string, rel: string, needle: string): number => fs.readFileSync(path.join(root, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');

describe('a Drupal site read as it is', () => {
  it('reads every module and profile with its machine name, folder, version and tier, in an order that respects every edge', async () => {
    const { report, registry } = await checkCheckoutAsync(copyFixture('drupal/site'));
    expect(registry.platform.kind).toBe('drupal');
    const byName = new Map(report.modules.map((m) => [m.name, m]));
    expect(byName.get('system')).toEqual({ name: 'system', version: '10.3.14', tier: 'core', path: 'core/modules/system', status: 'ok' });
    expect(byName.get('node')?.tier).toBe('optional');
    expect(byName.get('standard')?.path).toBe('core/profiles/standard');
    // Contrib: composer.lock's version; custom: none.
    expect(byName.get('token')?.version).toBe('1.15.0');
    expect(byName.get('site_base')?.version).toBeNull();
    expect(report.modules).toHaveLength(35);
    // Every info file dependency present on disk is an edge, and the order respects it.
    const pos = new Map(report.order.map((n, i) => [n, i]));
    for (const m of registry.manifests) for (const d of m.manifest.dependencies) expect(pos.get(d.name)).toBeLessThan(pos.get(m.name) as number);
    expect(registry.byName.get('site_base')?.manifest.dependencies.map((d) => d.name)).toEqual(['node', 'taxonomy', 'token']);
  });

  it('has no false errors: composer-provided and dynamic grants are infos, and reports at real lines', async () => {
    const root = copyFixture('drupal/site');
    const { report } = await checkCheckoutAsync(root);
    expect(errors(report.diagnostics)).toEqual([]);
    const notInCheckout = report.diagnostics.find((d) => d.rule === 'drupal-dependency-not-in-checkout');
    expect(notInCheckout).toMatchObject({ severity: 'info', file: 'modules/custom/site_base/site_base.info.yml', line: lineOf(root, 'modules/custom/site_base/site_base.info.yml', 'paragraphs:paragraphs') });
    // 'search content' is granted to anonymous in the standard profile; search is not in the fixture.
    const search = report.diagnostics.find((d) => d.rule === 'drupal-permission-unverifiable' && d.file === 'config/sync/user.role.anonymous.yml');
    expect(search).toMatchObject({ severity: 'info', line: lineOf(root, 'config/sync/user.role.anonymous.yml', "'search content'") });
    // Rules of the native format that do not apply to Drupal are not run.
    expect(report.diagnostics.filter((d) => ['permission-format', 'permission-foreign-namespace', 'module-name-mismatch', 'route-permission-missing'].includes(d.rule))).toEqual([]);
  });

  it('finds each planted defect at its file and line', async () => {
    const root = copyFixture('drupal/site');
    edit(root, 'config/sync/user.role.content_editor.yml', (t) => t.replace("  - 'view site reports'\n", "  - 'view site reports'\n  - 'administer the moon'\n"));
    edit(root, 'modules/custom/site_events/site_events.info.yml', (t) => `${t}  - drupal:nonexistent_module\n`);
    edit(root, 'modules/custom/site_base/site_base.info.yml', (t) => `${t}  - site_events:site_events\n`);
    write(root, 'modules/custom/future/future.info.yml', 'name: Future\ntype: module\ncore_version_requirement: ^11\n');
    // Depending on a hidden module is ordinary in Drupal (no tier-violation).
    write(root, 'modules/custom/helper/helper.info.yml', 'name: Helper\ntype: module\nhidden: true\n');
    edit(root, 'modules/custom/site_events/site_events.info.yml', (t) => `${t}  - helper\n`);
    edit(root, 'modules/custom/site_base/site_base.routing.yml', (t) => t.replace("_permission: 'administer site base'", "_permission: 'administer site base+administer galaxies'"));
    const { report } = await checkCheckoutAsync(root);
    const at = (rule: string, file: string) => report.diagnostics.filter((d) => d.rule === rule && d.file === file).map((d) => ({ line: d.line, column: d.column, severity: d.severity, message: d.message }));
    expect(at('role-grant-unknown', 'config/sync/user.role.content_editor.yml')).toEqual([
      expect.objectContaining({ severity: 'error', line: lineOf(root, 'config/sync/user.role.content_editor.yml', 'administer the moon'), column: 5, message: expect.stringContaining('Adding non-existent permissions to a role is not allowed') }),
    ]);
    expect(at('dependency-missing', 'modules/custom/site_events/site_events.info.yml')).toEqual([expect.objectContaining({ severity: 'error', line: lineOf(root, 'modules/custom/site_events/site_events.info.yml', 'nonexistent_module') })]);
    expect(report.diagnostics.filter((d) => d.rule === 'tier-violation')).toEqual([]);
    const cycle = report.diagnostics.find((d) => d.rule === 'dependency-cycle');
    expect(cycle?.message).toContain('site_base -> site_events -> site_base');
    expect(at('core-version-unsatisfied', 'modules/custom/future/future.info.yml')).toEqual([expect.objectContaining({ severity: 'error', line: 3, message: expect.stringContaining('10.3.14') })]);
    const routeLine = lineOf(root, 'modules/custom/site_base/site_base.routing.yml', 'administer galaxies');
    const routeCol = fs.readFileSync(path.join(root, 'modules/custom/site_base/site_base.routing.yml'), 'utf8').split('\n')[routeLine - 1].indexOf('administer galaxies') + 1;
    expect(at('route-permission-undeclared', 'modules/custom/site_base/site_base.routing.yml')).toEqual([expect.objectContaining({ severity: 'error', line: routeLine, column: routeCol })]);
  });

  it('derives the permissions of core callbacks from the config the site holds (node types, vocabularies, text formats)', () => {
    const ctx = loadPermissionContext(copyFixture('drupal/site'));
    const catalog = permissionCatalog(ctx);
    const ids = new Map(catalog.permissions.map((p) => [p.id, p]));
    expect(ids.get('create article content')?.module).toBe('node');
    expect(ids.get('edit terms in tags')?.module).toBe('taxonomy');
    expect(ids.get('use text format basic_html')?.module).toBe('filter');
    expect(ids.has('use text format plain_text')).toBe(false);
    // Static permissions with their module; restrict access is the risk flag.
    expect(ids.get('administer site base')).toMatchObject({ module: 'site_base', file: 'modules/custom/site_base/site_base.permissions.yml', line: 1 });
    expect(ids.get('administer site base')?.risk).toContain('restrict access');
    expect(ids.get('view site reports')?.risk ?? null).toBeNull();
    expect(ids.get('bypass node access')?.risk).toContain('restrict access');
    // is_admin grants everything.
    expect(ids.get('view site reports')?.grantedBy.map((g) => g.role).sort()).toEqual(['administrator', 'content_editor']);
  });

  it('reads a role granting a permission of a module that builds permissions at runtime as "cannot verify"', async () => {
    const root = copyFixture('drupal/site');
    // field_ui builds "administer <entity type> fields" at runtime; the role depends on it.
    edit(root, 'config/sync/user.role.content_editor.yml', (t) => t.replace('    - file\n', '    - field_ui\n    - file\n').replace("  - 'view site reports'\n", "  - 'view site reports'\n  - 'administer node fields'\n"));
    const { report } = await checkCheckoutAsync(root);
    expect(errors(report.diagnostics)).toEqual([]);
    expect(report.diagnostics.find((d) => d.rule === 'drupal-permission-unverifiable' && d.message.includes('administer node fields'))?.message).toContain('field_ui');
  });

  it('reads a route requiring a permission a runtime callback or an absent module could provide as "cannot verify"; other undeclared ones stay errors', async () => {
    const root = copyFixture('drupal/site');
    write(root, 'modules/contrib/workflow_x/workflow_x.info.yml', 'name: Workflow X\ntype: module\n');
    write(root, 'modules/contrib/workflow_x/workflow_x.permissions.yml', 'permission_callbacks:\n  - \\Drupal\\workflow_x\\Permissions::all\n');
    write(root, 'modules/contrib/workflow_x/workflow_x.routing.yml', "workflow_x.go:\n  path: '/wx'\n  requirements:\n    _permission: 'use wx transition publish'\n");
    // site_base depends on paragraphs (composer provides it): its permissions cannot be checked.
    edit(root, 'modules/custom/site_base/site_base.routing.yml', (t) => t.replace("_permission: 'administer site base'", "_permission: 'administer paragraphs library'"));
    write(root, 'modules/custom/plain/plain.info.yml', 'name: Plain\ntype: module\n');
    write(root, 'modules/custom/plain/plain.routing.yml', "plain.page:\n  path: '/plain'\n  requirements:\n    _permission: 'administer plain things'\n");
    const { report } = await checkCheckoutAsync(root);
    const infos = report.diagnostics.filter((d) => d.rule === 'drupal-permission-unverifiable' && d.file?.endsWith('.routing.yml'));
    expect(infos.map((d) => d.file).sort()).toEqual(['modules/contrib/workflow_x/workflow_x.routing.yml', 'modules/custom/site_base/site_base.routing.yml']);
    expect(errors(report.diagnostics).map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['route-permission-undeclared modules/custom/plain/plain.routing.yml:4']);
  });

  it('reads a grant of an absent module the role depends on as "cannot verify", unless other grants account for that module', async () => {
    const root = copyFixture('drupal/site');
    const role = (id: string, modules: string[], grants: string[]) =>
      write(root, `config/sync/user.role.${id}.yml`, ['langcode: en', 'status: true', 'dependencies:', '  module:', ...modules.map((m) => `    - ${m}`), `id: ${id}`, `label: ${id}`, 'is_admin: false', 'permissions:', ...grants.map((g) => `  - '${g}'`), ''].join('\n'));
    // pathauto is accounted for by 'administer pathauto': 'administer the moon' is nobody's.
    role('seo', ['node', 'pathauto'], ['access content', 'administer pathauto', 'administer the moon']);
    // metatag's permission does not name it: any unknown grant of the role may be its.
    role('meta', ['metatag', 'node'], ['access content', 'administer meta tags']);
    const { report } = await checkCheckoutAsync(root);
    const of = (file: string) => report.diagnostics.filter((d) => d.file === file).map((d) => `${d.rule} ${d.line}`);
    expect(of('config/sync/user.role.seo.yml')).toEqual(['drupal-permission-unverifiable 12', 'role-grant-unknown 13']);
    expect(of('config/sync/user.role.meta.yml')).toEqual(['drupal-permission-unverifiable 12']);
  });

  it('reads a composer.lock of several megabytes (large sites have them)', async () => {
    const root = copyFixture('drupal/site');
    const filler = Array.from({ length: 12000 }, (_, i) => ({ name: `vendor${i}/package${i}`, version: '1.0.0', description: 'x'.repeat(200) }));
    write(root, 'composer.lock', JSON.stringify({ packages: [{ name: 'drupal/token', version: '1.15.0' }, { name: 'drupal/paragraphs', version: '1.17.0' }, ...filler] }, null, 4));
    expect(fs.statSync(path.join(root, 'composer.lock')).size).toBeGreaterThan(2 * 1024 * 1024);
    const { report } = await checkCheckoutAsync(root);
    expect(errors(report.diagnostics)).toEqual([]);
    expect(report.modules.find((m) => m.name === 'token')?.version).toBe('1.15.0');
  });

  it('detects a module repository from its info files alone, and --kind / platform.yaml kind: force the adapter', () => {
    const repo = writeCheckout({ 'my_module.info.yml': 'name: Mine\ntype: module\ncore_version_requirement: ^10\n', 'my_module.permissions.yml': 'use mine:\n  title: Use it\n' });
    const r = checkCheckout(repo);
    expect(r.registry.platform.kind).toBe('drupal');
    expect(r.report.modules.map((m) => m.name)).toEqual(['my_module']);
    const forced = writeCheckout({ 'platform.yaml': 'kind: drupal\n', 'web/modules/custom/a/a.info.yml': 'name: A\ntype: module\n' });
    expect(loadCheckout(forced).adapted?.kind).toBe('drupal');
    const unknown = writeCheckout({ 'platform.yaml': 'kind: odoo-9\n' });
    expect(() => loadCheckout(unknown)).toThrow(/unknown kind 'odoo-9'/);
  });
});

describe('the CLI on a Drupal site', () => {
  it('list says which adapter read the checkout; --kind native reads it as the native format (where it finds no platform)', () => {
    const root = copyFixture('drupal/site');
    const run = runBuiltCli(['list', root]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('35 modules in load order, profile default, read by the drupal');
    expect(run.stdout).toMatch(/\n\d+\s+system\s+10\.3\.14\s+core\s+ok/);
    // Read as the native format, the site has no platform.yaml and no module.yaml: not a platform checkout.
    const native = runBuiltCli(['list', root, '--kind', 'native', '--format', 'json']);
    expect(native.status).toBe(2);
    expect(native.stdout).toBe('');
    expect(native.stderr).toContain('not a platform checkout');
    const bad = runBuiltCli(['list', root, '--kind', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown kind 'nope'");
  });

  it('migrate plan lists the update hooks in run order from the files; preflight and apply are refused (never runs PHP)', () => {
    const root = copyFixture('drupal/site');
    const run = runBuiltCli(['migrate', 'plan', root, '--format', 'json']);
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as { kind: string; steps: { id: string; kind: string; file: string; line: number; summary?: string; after: string[] }[] };
    expect(plan.kind).toBe('drupal');
    const ids = plan.steps.map((s) => s.id);
    // hook_update_dependencies: site_base 10002 waits for site_events 10001; post-updates after every update, by name.
    expect(ids.slice(0, 3)).toEqual(['site_base_update_10001', 'site_events_update_10001', 'site_base_update_10002']);
    expect(ids).not.toContain('site_base_update_99999');
    expect(ids).not.toContain('site_base_update_88888');
    expect(plan.steps[2]).toMatchObject({ kind: 'update', file: 'modules/custom/site_base/site_base.install', line: 30, summary: 'Creates the report table.', after: ['site_events_update_10001'] });
    const posts = plan.steps.filter((s) => s.kind === 'post-update').map((s) => s.id);
    expect(posts).toEqual([...posts].sort());
    expect(ids.indexOf('site_events_post_update_clear_view')).toBeLessThan(ids.indexOf('site_events_post_update_resave_events'));
    for (const action of ['apply', 'preflight']) {
      const refused = runBuiltCli(['migrate', action, root]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('never runs');
    }
  });
});

describe('permissions reconcile on a Drupal site', () => {
  it('removes only the stale grant from its role file, keeping every other byte; "cannot verify" grants stay', () => {
    const root = copyFixture('drupal/site');
    const rel = 'config/sync/user.role.content_editor.yml';
    edit(root, rel, (t) => t.replace("  - 'view site reports'\n", "  - 'view site reports'\n  - 'administer the moon'\n"));
    const before = fs.readFileSync(path.join(root, rel), 'utf8');
    const anonymous = fs.readFileSync(path.join(root, 'config/sync/user.role.anonymous.yml'), 'utf8');
    const dry = runBuiltCli(['permissions', 'reconcile', root, '--format', 'json']);
    expect(dry.status).toBe(1);
    expect(JSON.parse(dry.stdout).roles).toEqual(expect.arrayContaining([{ role: 'content_editor', add: [], stale: ['administer the moon'] }, { role: 'anonymous', add: [], stale: [] }]));
    const applied = runBuiltCli(['permissions', 'reconcile', root, '--apply', '--remove-stale']);
    expect(applied.status).toBe(0);
    expect(fs.readFileSync(path.join(root, rel), 'utf8')).toBe(before.replace("  - 'administer the moon'\n", ''));
    expect(fs.readFileSync(path.join(root, 'config/sync/user.role.anonymous.yml'), 'utf8')).toBe(anonymous);
    expect(runBuiltCli(['check', root]).status).toBe(0);
  });
});
