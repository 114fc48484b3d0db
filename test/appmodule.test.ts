import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src-main/common/diagnostic';
import { checkCheckoutAsync } from '../src-main/service/load-checkout';
import { loadPermissionContext, permissionCatalog } from '../src-main/service/permissions';
import { copyFixture, runBuiltCli, writeCheckout } from './helpers/checkout';

/**
 * The AppModule adapter on a trimmed copy of FusionSync/fastapi-foundation (its apps' module.py and
 * permissions.py as shipped) and on a platform with planted defects (test/fixtures/appmodule).
 */

const read = (root: string, rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
const edit = (root: string, rel: string, change: (text: string) => string): void => fs.writeFileSync(path.join(root, rel), change(read(root, rel)));
const write = (root: string, rel: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const lineOf = (root: string, rel: string, needle: string): number => read(root, rel).split('\n').findIndex((l) => l.includes(needle)) + 1;
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** Every module.py of a checkout (outside tests), walked here independently of the adapter. */
function moduleFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory() && e.name !== 'tests') out.push(...moduleFiles(root, r));
    else if (e.name === 'module.py') out.push(r);
  }
  return out.sort();
}

/** The oracle: label and dependencies as the module.py text spells them (literal lists only). */
function declared(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of moduleFiles(root)) {
    const text = read(root, f);
    const label = /label="([a-z_]+)"/.exec(text)?.[1];
    if (!label) continue;
    const deps = /dependencies=\[([^\]]*)\]/.exec(text)?.[1] ?? '';
    out.set(label, [...deps.matchAll(/"([a-z_]+)[^"]*"/g)].map((m) => m[1]));
  }
  return out;
}

/** The oracle for permissions: each PermissionSpec( ... ) block's resource.action and risk_level (default normal). */
function permissionSpecs(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of moduleFiles(root).map((m) => m.replace(/module\.py$/, 'permissions.py'))) {
    if (!fs.existsSync(path.join(root, f))) continue;
    for (const block of read(root, f).split('PermissionSpec(').slice(1)) {
      const body = block.slice(0, block.indexOf(')'));
      const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(body)?.[1];
      out.set(`${field('resource')}.${field('action')}`, field('risk_level') ?? 'normal');
    }
  }
  return out;
}

describe('an AppModule platform read statically (FusionSync/fastapi-foundation)', () => {
  it('reads every app with its label, version and tier; the module set and edges equal what module.py says, and the order respects them', async () => {
    const root = copyFixture('appmodule/foundation');
    // Give the shipped example app real edges, one with a version constraint, as a domain app would have.
    edit(root, 'src/apps/example_domain/module.py', (t) => t.replace('dependencies=[],', 'dependencies=["platform_tenants >= 0.1", "platform_access"],'));
    const { report, registry } = await checkCheckoutAsync(root);
    expect(registry.platform.kind).toBe('appmodule');
    const oracle = declared(root);
    expect(new Set(report.modules.map((m) => m.name))).toEqual(new Set(oracle.keys()));
    expect(report.modules).toHaveLength(7);
    for (const m of registry.manifests) expect(m.manifest.dependencies.map((d) => d.name)).toEqual(oracle.get(m.name));
    expect(registry.byName.get('example_domain')?.manifest.dependencies).toEqual([{ name: 'platform_tenants', range: '>=0.1.0' }, { name: 'platform_access' }]);
    const pos = new Map(report.order.map((n, i) => [n, i]));
    for (const [name, deps] of oracle) for (const d of deps) expect(pos.get(d)).toBeLessThan(pos.get(name) as number);
    expect(report.modules.find((m) => m.name === 'platform_access')).toEqual({ name: 'platform_access', version: '0.1.0', tier: 'core', path: 'src/platform_apps/access', status: 'ok' });
    expect(report.modules.find((m) => m.name === 'example_domain')?.tier).toBe('optional');
    // The framework's shipped apps give no finding at all (no error, and no warning of a rule that does not apply).
    expect(report.diagnostics).toEqual([]);
    // The framework has no tiers: a platform app may depend on a domain app.
    edit(root, 'src/platform_apps/audit/module.py', (t) => t.replace('version="0.1.0",', 'version="0.1.0",\n    dependencies=["example_domain"],'));
    const again = await checkCheckoutAsync(root);
    expect(again.registry.byName.get('platform_audit')?.manifest.dependencies).toEqual([{ name: 'example_domain' }]);
    expect(errors(again.report.diagnostics)).toEqual([]);
  });

  it('puts every PermissionSpec in the catalog with its risk level, at its line, with the routers that require it', () => {
    const root = copyFixture('appmodule/foundation');
    const catalog = permissionCatalog(loadPermissionContext(root));
    const oracle = permissionSpecs(root);
    expect(oracle.size).toBeGreaterThan(30);
    expect(new Map(catalog.permissions.map((p) => [p.id, p.risk]))).toEqual(oracle);
    // Role templates live in the platform's database: who holds a permission is unknown, not "ungranted".
    expect(catalog.rolesElsewhere).toContain('outside the checkout');
    const manage = catalog.permissions.find((p) => p.id === 'access.role_template.manage');
    const perms = 'src/platform_apps/access/permissions.py';
    const blockLine = read(root, perms).split('\n').findIndex((l, i, all) => l.includes('PermissionSpec(') && all[i + 1].includes('"access.role_template"') && all[i + 2].includes('"manage"')) + 1;
    expect(manage).toMatchObject({ module: 'platform_access', risk: 'critical', file: perms, line: blockLine });
    // create_router(permissions=["access.role_template:manage"]) requires it.
    expect(manage?.routes.map((r) => r.path)).toEqual(['/platform/access/role-templates']);
  });

  it('takes the core version from the framework and the runtime profiles from core/apps/capabilities.py', async () => {
    const root = copyFixture('appmodule/foundation');
    const { registry } = await checkCheckoutAsync(root);
    expect(registry.platform.coreVersion).toBe('0.1.0');
    const profiles = new Map(registry.platform.profiles.map((p) => [p.name, p.capabilities.map((c) => c.name)]));
    expect(registry.platform.defaultProfile).toBe('default');
    expect(profiles.get('default')).toEqual(expect.arrayContaining(['database', 'auth', 'provider.database.sqlite', 'tenancy']));
    expect(profiles.get('base')).toContain('tenancy');
    expect(profiles.get('base')).not.toContain('database');
    // The core package's __version__ is the framework's own version; pyproject is the fallback.
    edit(root, 'src/core/__init__.py', (t) => t.replace('__version__ = "0.1.0"', '__version__ = "0.4.2"'));
    expect((await checkCheckoutAsync(root)).registry.platform.coreVersion).toBe('0.4.2');
    fs.rmSync(path.join(root, 'src/core/__init__.py'));
    edit(root, 'pyproject.toml', (t) => t.replace('version = "0.1.0"', 'version = "0.3.0"'));
    expect((await checkCheckoutAsync(root)).registry.platform.coreVersion).toBe('0.3.0');
  });
});

describe('planted defects in an AppModule platform', () => {
  it('finds each at its module.py line: unknown app, core version gate, capability nobody provides, permission declared twice', async () => {
    const root = copyFixture('appmodule/planted');
    const { report } = await checkCheckoutAsync(root);
    const at = (rule: string) => report.diagnostics.filter((d) => d.rule === rule).map((d) => ({ file: d.file, line: d.line, severity: d.severity }));
    const billing = 'src/apps/billing/module.py';
    const reports = 'src/apps/reports/module.py';
    expect(at('dependency-missing')).toEqual([{ file: billing, line: lineOf(root, billing, '"ledger"'), severity: 'error' }]);
    expect(at('core-version-unsatisfied')).toEqual([{ file: reports, line: lineOf(root, reports, 'min_core_version='), severity: 'error' }]);
    expect(report.diagnostics.find((d) => d.rule === 'core-version-unsatisfied')?.message).toContain('1.2.0');
    expect(at('capability-missing')).toEqual([{ file: reports, line: lineOf(root, reports, 'required_capabilities='), severity: 'error' }]);
    expect(report.diagnostics.find((d) => d.rule === 'capability-missing')?.message).toContain('search.fulltext');
    expect(at('permission-duplicate')).toEqual([{ file: billing, line: lineOf(root, billing, 'Read invoices again'), severity: 'error' }]);
    // The column of a dependency is the string's own.
    const dep = report.diagnostics.find((d) => d.rule === 'dependency-missing');
    expect(dep?.column).toBe(read(root, billing).split('\n')[(dep?.line ?? 1) - 1].indexOf('"ledger"') + 1);
    expect(errors(report.diagnostics)).toHaveLength(4);
  });

  it('says "cannot read statically" at the line of a computed value, and reads the rest of the app', async () => {
    const root = copyFixture('appmodule/planted');
    const { report, registry } = await checkCheckoutAsync(root);
    const reports = 'src/apps/reports/module.py';
    const info = report.diagnostics.filter((d) => d.rule === 'python-not-static');
    expect(info).toEqual([expect.objectContaining({ severity: 'info', module: 'reports', file: reports, line: lineOf(root, reports, 'dependencies=_extra'), message: expect.stringContaining('a call to _extra_dependencies()') })]);
    const m = registry.byName.get('reports');
    expect(m?.manifest.version).toBe('0.1.0');
    expect(m?.manifest.requires.map((c) => c.name)).toEqual(['orders.api', 'search.fulltext']);
  });

  it('follows names into sibling files and reports one it cannot follow at its own line', async () => {
    const root = copyFixture('appmodule/planted');
    write(root, 'src/apps/orders/permissions.py', 'from core.permissions import PermissionSpec\nfrom somewhere import build\n\nPERMISSIONS = [\n    PermissionSpec(resource="order", action="read"),\n    build("order", "export"),\n]\n');
    const { report, registry } = await checkCheckoutAsync(root);
    expect(registry.byName.get('orders')?.manifest.permissions.map((p) => p.id)).toEqual(['order.read']);
    const info = report.diagnostics.find((d) => d.rule === 'python-not-static' && d.module === 'orders');
    expect(info).toMatchObject({ file: 'src/apps/orders/permissions.py', line: 6 });
  });

  it('checks routers, settings, error codes and events as the native model has them', async () => {
    const root = copyFixture('appmodule/planted');
    write(root, 'src/apps/orders/router.py', 'from core.base import create_router\n\nrouter = create_router(\n    "/orders",\n    permissions=["order:read", "order:cancel"],\n)\n');
    write(root, 'src/apps/orders/errors.py', 'from core.exceptions import ModuleErrorCode, define_module_error_codes\n\nERROR_CODES = define_module_error_codes(\n    "orders",\n    ModuleErrorCode("ORDER_LOCKED", 409, "Order is locked"),\n)\n');
    edit(root, 'src/apps/orders/module.py', (t) =>
      t
        .replace('from apps.orders.permissions import PERMISSIONS\n', 'from apps.orders.errors import ERROR_CODES\nfrom apps.orders.permissions import PERMISSIONS\nfrom apps.orders.router import router\n')
        .replace('    permissions=PERMISSIONS,\n', '    permissions=PERMISSIONS,\n    routers=[router],\n    error_codes=ERROR_CODES,\n    settings=[SettingSpec(module="orders", key="max_items", value_type="int", default=500, scopes=("tenant",), category="limits", description="Most items per order.", max_value=100)],\n    event_handlers=[EventHandlerSpec(event_type="invoice.paid", event_version=1, handler_path="apps.orders.handlers.paid")],\n'),
    );
    edit(root, 'src/apps/search/module.py', (t) => t.replace('    required_capabilities=["database"],\n', '    required_capabilities=["database"],\n    error_codes=[ErrorCodeSpec("ORDER_LOCKED", 409, "Locked", owner_module="search")],\n'));
    const { report, registry } = await checkCheckoutAsync(root);
    const of = (rule: string) => report.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.file}:${d.line}`);
    expect(of('route-permission-undeclared')).toEqual([`src/apps/orders/router.py:5`]);
    expect(registry.byName.get('orders')?.manifest.routes).toEqual([{ method: 'ANY', path: '/orders', permissions: ['order.read', 'order.cancel'] }]);
    expect(of('config-defaults-invalid')).toEqual([`src/apps/orders/module.py:${lineOf(root, 'src/apps/orders/module.py', 'settings=')}`]);
    expect(of('error-code-duplicate')).toEqual([`src/apps/search/module.py:${lineOf(root, 'src/apps/search/module.py', 'ErrorCodeSpec(')}`]);
    expect(registry.byName.get('orders')?.manifest.subscribes).toEqual(['invoice.paid']);
    expect(of('event-no-publisher')).toEqual([`src/apps/orders/module.py:${lineOf(root, 'src/apps/orders/module.py', 'EventHandlerSpec(')}`]);
    expect(registry.byName.get('orders')?.manifest.tasks).toEqual([{ name: 'orders.expire', handler: 'apps.orders.tasks.expire' }]);
  });

  it('lists the MigrationManifests in the order core.migrations.planner runs them (mwb migrate plan)', () => {
    const root = copyFixture('appmodule/planted');
    // billing's migration depends on nothing of its own, but billing depends on orders: it runs after all of orders'.
    write(root, 'src/apps/billing/migrations/__init__.py', '');
    write(root, 'src/apps/billing/migrations/manifest.py', 'from core.migrations import MigrationManifest\n\nMIGRATIONS = [\n    MigrationManifest(app_label="billing", migration_id="0001_invoices", phase="expand", classification="reversible", alembic_revision="b1"),\n    MigrationManifest(app_label="billing", migration_id="0002_x", phase="expand", classification="reversible", depends_on=["0009_missing"]),\n]\n');
    edit(root, 'src/apps/billing/module.py', (t) => t.replace('from core.apps import AppModule', 'from core.apps import AppModule, MigrationSpec').replace('    permissions=[', '    migrations=MigrationSpec(path="apps.billing.migrations"),\n    permissions=['));
    const run = runBuiltCli(['migrate', 'plan', root, '--format', 'json']);
    const out = JSON.parse(run.stdout) as { steps: { id: string; kind: string; file: string; line: number }[]; diagnostics: Diagnostic[] };
    expect(out.steps.map((s) => `${s.id} ${s.kind}`)).toEqual(['orders:0001_orders expand', 'orders:0002_drop_legacy_status contract', 'billing:0001_invoices expand', 'billing:0002_x expand']);
    expect(out.steps[1]).toMatchObject({ file: 'src/apps/orders/migrations/manifest.py', line: lineOf(root, 'src/apps/orders/migrations/manifest.py', '0002_drop') - 2 });
    const text = runBuiltCli(['migrate', 'plan', root]).stdout;
    expect(text).toContain('after orders:0001_orders (depends_on)');
    const refused = runBuiltCli(['migrate', 'apply', root]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Alembic revisions (Python), which the workbench reads but never runs');
    const check = runBuiltCli(['check', root, '--format', 'json']);
    const unknown = (JSON.parse(check.stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.rule === 'migration-depends-unknown');
    expect(unknown).toEqual([expect.objectContaining({ file: 'src/apps/billing/migrations/manifest.py', line: 5, message: expect.stringContaining('billing:0009_missing') })]);
  });
});

describe('detecting an AppModule platform', () => {
  const app = 'from core.apps import AppModule\n\nmodule = AppModule(label="shop", version="1.0.0")\n';

  it('is detected from a module.py constructing AppModule(, and only then', () => {
    const root = writeCheckout({ 'src/apps/shop/__init__.py': '', 'src/apps/shop/module.py': app });
    const list = runBuiltCli(['list', root]);
    expect(list.stdout).toContain('appmodule');
    expect(list.stdout).toContain('shop');
    // A module.py that is no app (a Python project with a file of that name) is not an AppModule platform.
    const other = writeCheckout({ 'pkg/util/__init__.py': '', 'pkg/util/module.py': 'def module():\n    return 1\n' });
    expect(runBuiltCli(['list', other]).stdout).not.toContain('appmodule');
  });

  it('--kind appmodule and platform.yaml kind: appmodule force it where the native format would be read', () => {
    const files = { 'platform.yaml': 'name: shop\n', 'src/apps/shop/__init__.py': '', 'src/apps/shop/module.py': app };
    const root = writeCheckout(files);
    expect(runBuiltCli(['list', root]).stdout).not.toContain('shop ');
    const forced = runBuiltCli(['list', root, '--kind', 'appmodule']);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/shop\s+1\.0\.0/);
    const declaredKind = writeCheckout({ ...files, 'platform.yaml': 'name: shop\nkind: appmodule\nprofiles:\n  prod:\n    capabilities: [database]\n' });
    const json = JSON.parse(runBuiltCli(['check', declaredKind, '--format', 'json']).stdout) as { modules: { name: string }[]; profile: string };
    expect(json.modules.map((m) => m.name)).toEqual(['shop']);
    // platform.yaml's profiles take the place of the framework's.
    expect(json.profile).toBe('prod');
  });

  it('reports a module.py that is not valid Python at its line and reads what it can', async () => {
    const root = writeCheckout({ 'src/apps/shop/__init__.py': '', 'src/apps/shop/module.py': 'from core.apps import AppModule\n\nmodule = AppModule(label="shop", version="1.0.0")\n\ndef broken(:\n    pass\n' });
    const { report } = await checkCheckoutAsync(root);
    expect(report.modules.map((m) => m.name)).toEqual(['shop']);
    expect(report.diagnostics.filter((d) => d.rule === 'manifest-parse-error').map((d) => d.line)).toEqual([5]);
  });

  it('a Python file too large to read is an info unless it is an app\'s module.py', async () => {
    const big = `DATA = "${'x'.repeat(1100 * 1024)}"\n`;
    const root = writeCheckout({ 'src/apps/shop/__init__.py': '', 'src/apps/shop/module.py': app, 'src/apps/shop/data.py': big, 'src/apps/big/__init__.py': '', 'src/apps/big/module.py': `${app}${big}` });
    const { report } = await checkCheckoutAsync(root);
    const unreadable = report.diagnostics.filter((d) => d.rule === 'manifest-unreadable').map((d) => `${d.severity} ${d.file}`);
    expect(unreadable.sort()).toEqual(['error src/apps/big/module.py', 'info src/apps/shop/data.py']);
  });
});

describe('AppModule apps the framework would refuse', () => {
  it('reports a wrong literal, a spec without a required field and an invalid risk level at their lines; a duplicate label and a cycle as everywhere', async () => {
    const root = writeCheckout({
      'src/apps/a/__init__.py': '',
      'src/apps/a/module.py': 'from core.apps import AppModule\n\nmodule = AppModule(\n    label="alpha",\n    version=1,\n    dependencies=["beta"],\n    permissions=[PermissionSpec(action="read"), PermissionSpec("x", "y", risk_level="extreme")],\n)\n',
      'src/apps/b/__init__.py': '',
      'src/apps/b/module.py': 'from core.apps import AppModule\n\nmodule = AppModule(label="beta", version="1.0.0", dependencies=["alpha"])\n',
      'src/apps/c/__init__.py': '',
      'src/apps/c/module.py': 'from core.apps import AppModule\n\nmodule = AppModule(label="beta", version="2.0.0")\n',
      // Test fixtures of the project are not apps of the platform.
      'tests/fixtures/app/module.py': 'module = AppModule(label="ghost", version="1.0.0")\n',
    });
    const { report } = await checkCheckoutAsync(root);
    expect(report.modules.map((m) => m.name).sort()).toEqual(['alpha', 'beta', 'beta']);
    const invalid = report.diagnostics.filter((d) => d.rule === 'manifest-invalid').map((d) => `${d.line}:${d.column} ${d.message}`);
    const line7 = read(root, 'src/apps/a/module.py').split('\n')[6];
    expect(invalid).toEqual([
      "5:13 app 'alpha': the app version is a number, which the framework does not accept there",
      `7:${line7.indexOf('PermissionSpec(action') + 1} app 'alpha': PermissionSpec resource is missing: the framework refuses the call`,
      expect.stringMatching(new RegExp(`^7:${line7.indexOf('"extreme"') + 1} app 'alpha': permission x\\.y: risk_level 'extreme' is not one of low, normal, high, critical`)),
    ]);
    expect(report.diagnostics.filter((d) => d.rule === 'python-not-static')).toEqual([]);
    expect(report.diagnostics.find((d) => d.rule === 'module-duplicate')).toMatchObject({ file: 'src/apps/c/module.py', line: 3 });
    expect(report.diagnostics.find((d) => d.rule === 'dependency-cycle')?.message).toContain('alpha -> beta -> alpha');
  });
});
