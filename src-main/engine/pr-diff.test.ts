import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';
import { parsePlatform } from './platform';
import { diffPlatforms, filesByModuleDir, filesOfModule, isMigrationOf } from './pr-diff';
import { buildRegistry } from './registry';

function registry(manifests: Record<string, string>) {
  return buildRegistry({
    platform: parsePlatform(undefined, 'shop'),
    manifests: Object.entries(manifests).map(([name, text]) => parseManifest({ dir: `modules/${name}`, file: `modules/${name}/module.yaml`, text })),
    exists: () => true,
  });
}

describe('diffPlatforms', () => {
  it('compares like with like: every category, sorted, with before and after', () => {
    const base = registry({
      core: 'name: core\nversion: 1.0.0\ntier: core\n',
      billing: [
        'name: billing',
        'version: 1.0.0',
        'dependencies: [core, "ledger ^1.0.0"]',
        'optional_dependencies: [search]',
        'capabilities:\n  requires: [tenancy.context]\n  provides: [billing.invoices 1.0.0]',
        'permissions:\n  - {id: billing.invoice.read}\n  - {id: billing.invoice.void, risk: Voids an invoice}',
        'routes:\n  - {method: get, path: /invoices, permission: billing.invoice.read}',
        'events:\n  publishes: [billing.invoice.paid]',
      ].join('\n'),
      ledger: 'name: ledger\nversion: 1.0.0\n',
    });
    const head = registry({
      core: 'name: core\nversion: 1.0.0\ntier: core\n',
      billing: [
        'name: billing',
        'version: 1.1.0',
        'tier: internal',
        'dependencies: [core, search]',
        'capabilities:\n  requires: ["tenancy.context >=1.2"]\n  provides: [billing.invoices 1.1.0]',
        'permissions:\n  - {id: billing.invoice.read}\n  - {id: billing.invoice.void, risk: Voids an invoice and refunds it}',
        'routes:\n  - {method: GET, path: /invoices, permission: billing.invoice.read, tenant_scoped: true}\n  - {method: POST, path: /invoices, public: true}',
        'events:\n  subscribes: [core.tenant.created]',
      ].join('\n'),
      search: 'name: search\nversion: 0.1.0\n',
    });
    const diff = diffPlatforms(base, head, [
      { path: 'modules/billing/module.yaml', status: 'modified' },
      { path: 'modules/ledger/module.yaml', status: 'deleted' },
      { path: 'modules/search/module.yaml', status: 'added' },
      { path: 'docs/notes/0001-x.md', status: 'added' },
    ]);
    expect(diff.modules.map((m) => [m.change, m.name, m.files, m.manifestChanged])).toEqual([
      ['changed', 'billing', ['modules/billing/module.yaml'], true],
      ['removed', 'ledger', ['modules/ledger/module.yaml'], true],
      ['added', 'search', ['modules/search/module.yaml'], true],
    ]);
    expect(diff.entries.map((e) => [e.category, e.change, e.subject, e.role ?? '', e.before ?? '', e.after ?? ''])).toEqual([
      ['version', 'changed', 'version', '', '1.0.0', '1.1.0'],
      ['tier', 'changed', 'tier', '', 'optional', 'internal'],
      ['dependency', 'removed', 'ledger', 'required', 'required ^1.0.0', ''],
      ['dependency', 'changed', 'search', 'required', 'optional', 'required'],
      ['capability', 'changed', 'tenancy.context', 'requires', 'any version', '>=1.2'],
      ['capability', 'changed', 'billing.invoices', 'provides', '1.0.0', '1.1.0'],
      ['permission', 'changed', 'billing.invoice.void', '', 'risk: Voids an invoice', 'risk: Voids an invoice and refunds it'],
      ['route', 'changed', 'GET /invoices', '', 'needs billing.invoice.read', 'needs billing.invoice.read, tenant-scoped'],
      ['route', 'added', 'POST /invoices', '', '', 'public'],
      ['event', 'removed', 'billing.invoice.paid', 'publishes', '', ''],
      ['event', 'added', 'core.tenant.created', 'subscribes', '', ''],
    ]);
    expect(diff.edges).toEqual([
      { from: 'billing', to: 'ledger', kind: 'dependency', change: 'removed' },
      // At the base, the optional dependency on search pointed at no module: no edge to remove.
      { from: 'billing', to: 'search', kind: 'dependency', change: 'added' },
    ]);
    expect(diff.summary).toEqual({ modulesAdded: 1, modulesRemoved: 1, modulesChanged: 1, entries: 11, files: 4 });
  });

  it('an unchanged module is not listed; a nested module owns its own files', () => {
    const both = registry({ shop: 'name: shop\nversion: 1.0.0\n' });
    expect(diffPlatforms(both, both, []).modules).toEqual([]);
    const outer = buildRegistry({
      platform: parsePlatform('modules: ["modules/*", "modules/*/plugins/*"]\n', 'shop'),
      manifests: [
        parseManifest({ dir: 'modules/shop', file: 'modules/shop/module.yaml', text: 'name: shop\nversion: 1.0.0\n' }),
        parseManifest({ dir: 'modules/shop/plugins/coupons', file: 'modules/shop/plugins/coupons/module.yaml', text: 'name: coupons\nversion: 1.0.0\n' }),
      ],
      exists: () => true,
    });
    const diff = diffPlatforms(outer, outer, [{ path: 'modules/shop/plugins/coupons/src/apply.py', status: 'modified' }]);
    expect(diff.modules.map((m) => [m.name, m.files])).toEqual([['coupons', ['modules/shop/plugins/coupons/src/apply.py']]]);
  });

  it('migrations are .sql files directly in the manifest migrations folder', () => {
    const [m] = registry({ billing: 'name: billing\nversion: 1.0.0\nmigrations: ./db/\n' }).manifests;
    expect(isMigrationOf(m, 'modules/billing/db/billing_0001_x.expand.sql')).toBe(true);
    expect(isMigrationOf(m, 'modules/billing/db/archive/billing_0001_x.expand.sql')).toBe(false);
    expect(isMigrationOf(m, 'modules/billing/migrations/billing_0001_x.expand.sql')).toBe(false);
    expect(isMigrationOf(m, 'modules/billing/db/README.md')).toBe(false);
  });
});

describe('filesByModuleDir', () => {
  it('gives every folder the files filesOfModule gives it, nested and root folders included', () => {
    const dirs = ['', 'modules/a', 'modules/a/sub', 'modules/b', 'modules/bb', 'x/y'];
    const paths = ['README.md', 'modules/a/module.yaml', 'modules/a/sub/module.yaml', 'modules/a/sub/deep/file.sql', 'modules/a/other/file', 'modules/b/m.yaml', 'modules/bb/m.yaml', 'modules/c/m.yaml', 'x/y/z', 'x/q'];
    const byDir = filesByModuleDir(dirs, paths);
    for (const d of dirs) expect(byDir.get(d) ?? []).toEqual(filesOfModule(d, dirs, paths));
    expect(filesByModuleDir(['modules/a'], paths)).toEqual(new Map([['modules/a', ['modules/a/module.yaml', 'modules/a/sub/module.yaml', 'modules/a/sub/deep/file.sql', 'modules/a/other/file']]]));
  });
});
