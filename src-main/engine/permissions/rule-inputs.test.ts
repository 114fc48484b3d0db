import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest';
import { parsePlatform } from '../platform';
import { buildRegistry } from '../registry';
import { cachedDeclarations, collectDeclarations, primeDeclarations } from './declarations';
import { permissionFindings } from './permission-rules';
import { parseRoles } from './roles-file';

/**
 * The permission rules read the manifests' permissions and routes as plain objects and ask for a
 * position only for a finding (rule-inputs.ts, issue 16). These tests pin that: a check builds no
 * position-carrying declarations, the positions it reports are the ones the declarations (the
 * catalog's view) give, and an adapter's primed declarations keep their own positions.
 */

const SHOP = [
  'name: shop',
  'version: 1.0.0',
  'permissions:',
  '  - id: shop.order.read',
  '  - id: shop.order.read',
  '  - id: Shop.Bad',
  '  - id: billing.invoice.read',
  'routes:',
  '  - method: GET',
  '    path: /orders',
  '    permission: shop.order.read',
  '  - method: POST',
  '    path: /orders',
  '  - method: GET',
  '    path: /x',
  '    permissions: [shop.nothing.here, shop.order.read]',
  '',
].join('\n');

function registry(text = SHOP) {
  return buildRegistry({
    platform: parsePlatform(undefined, 'shop'),
    manifests: [parseManifest({ dir: 'modules/shop', file: 'modules/shop/module.yaml', text })],
    exists: () => true,
  });
}

const roles = parseRoles('roles.yaml', 'roles:\n  viewer:\n    grants: [shop.order.read, shop.*.nope]\n');

describe('permission rules over plain declarations', () => {
  it('build no position-carrying declarations for a check (nothing cached per manifest)', () => {
    const reg = registry();
    const found = permissionFindings(reg, roles);
    expect(found.length).toBeGreaterThan(4);
    for (const m of reg.manifests) expect(cachedDeclarations(m)).toBeUndefined();
  });

  it('report the positions the declarations give', () => {
    const reg = registry();
    const found = permissionFindings(reg, roles);
    const decl = collectDeclarations(reg);
    const at = (d: { line?: number; column?: number }) => `${d.line}:${d.column}`;
    const byRule = (rule: string) => found.filter((d) => d.rule === rule).map(at);
    // The duplicate at the second declaration, its related entry at the first.
    const dup = found.find((d) => d.rule === 'permission-duplicate');
    expect(at(dup ?? {})).toBe(at(decl.permissions[1]));
    expect(at(dup?.related?.[0] ?? {})).toBe(at(decl.permissions[0]));
    expect(byRule('permission-format')).toEqual([at(decl.permissions[2])]);
    expect(byRule('permission-foreign-namespace')).toEqual([at(decl.permissions[3])]);
    expect(byRule('route-permission-missing')).toEqual([at(decl.routes[1])]);
    expect(byRule('route-permission-undeclared')).toEqual([at(decl.routes[2].required[0])]);
    expect(byRule('permission-ungranted')).toEqual([at(decl.permissions[3])]);
    expect(found.map((d) => d.rule)).toContain('role-grant-unknown');
  });

  it('decide again on every check which declaration of an id is the first (the inputs are kept per manifest)', () => {
    const other = parseManifest({ dir: 'modules/a-other', file: 'modules/a-other/module.yaml', text: 'name: a-other\nversion: 1.0.0\npermissions:\n  - id: shop.order.read\n' });
    const shop = parseManifest({ dir: 'modules/shop', file: 'modules/shop/module.yaml', text: 'name: shop\nversion: 1.0.0\npermissions:\n  - id: shop.order.read\n' });
    const reg = (manifests: typeof shop[]) => buildRegistry({ platform: parsePlatform(undefined, 'shop'), manifests, exists: () => true });
    const dup = (found: ReturnType<typeof permissionFindings>) => found.filter((d) => d.rule === 'permission-duplicate').map((d) => d.module);
    const both = reg([other, shop]);
    expect(dup(permissionFindings(both, roles))).toEqual(['shop']);
    // The same parsed manifest, now alone (a session after the other module was deleted): its declaration is the first.
    expect(dup(permissionFindings(reg([shop]), roles))).toEqual([]);
    expect(dup(permissionFindings(both, roles))).toEqual(['shop']);
  });

  it("take an adapter's primed declarations with their own positions", () => {
    const reg = registry('name: shop\nversion: 1.0.0\n');
    const m = reg.manifests[0];
    primeDeclarations(m, { permissions: [{ id: 'shop.thing.read', module: 'shop', defaultRoles: [], file: 'shop.permissions.yml', first: true, line: 7, column: 3 }], routes: [] });
    const found = permissionFindings(reg, parseRoles('roles.yaml', 'roles: {}\n'));
    expect(found.map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`)).toEqual(['permission-ungranted shop.permissions.yml:7:3']);
  });
});
