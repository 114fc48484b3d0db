import type { CatalogPermission, PermissionCatalog, PermissionHolder, PermissionRouteRef, RoleView } from '../../common/contract-permissions';
import type { Registry } from '../registry';
import { collectDeclarations } from './declarations';
import { CoverageIndex, GrantSet, isWildcard } from './permission-id';
import type { ParsedRoles } from './roles-file';

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every declared permission with its module, description, risk, the routes requiring it and the
 * roles granting it (directly or through a wildcard), plus the roles with what each grant covers.
 */
export function buildCatalog(checkout: string, registry: Registry, roles: ParsedRoles): PermissionCatalog {
  const decl = collectDeclarations(registry);
  const rank = new Map(registry.order.map((n, i) => [n, i]));
  const routesOf = new Map<string, PermissionRouteRef[]>();
  const routes = [...decl.routes].sort((a, b) => (rank.get(a.module) ?? 0) - (rank.get(b.module) ?? 0));
  for (const r of routes) {
    for (const req of new Map(r.required.map((q) => [q.id, q])).values()) {
      const list = routesOf.get(req.id) ?? [];
      list.push({ module: r.module, method: r.method, path: r.path, file: r.file, line: req.line, column: req.column });
      routesOf.set(req.id, list);
    }
  }
  const grantSets = roles.roles.map((role) => ({ role: role.name, set: new GrantSet(role.grants.map((g) => g.id)) }));
  const permissions = [...decl.byId.values()]
    .map((p): CatalogPermission => {
      const grantedBy: PermissionHolder[] = [];
      for (const { role, set } of grantSets) {
        const grant = set.coveringGrant(p.id);
        if (grant !== null) grantedBy.push({ role, grant, direct: grant === p.id });
      }
      return {
        id: p.id,
        module: p.module,
        description: p.description ?? null,
        risk: p.risk ?? null,
        wildcard: isWildcard(p.id),
        defaultRoles: p.defaultRoles,
        file: p.file,
        line: p.line,
        column: p.column,
        routes: routesOf.get(p.id) ?? [],
        grantedBy,
      };
    })
    .sort(byId);
  const index = new CoverageIndex(decl.byId.keys());
  const roleViews = roles.roles.map(
    (role): RoleView => ({
      name: role.name,
      line: role.line,
      column: role.column,
      risk: role.risk ?? null,
      description: role.description ?? null,
      grants: role.grants.map((g) => ({ id: g.id, line: g.line, column: g.column, wildcard: isWildcard(g.id), covers: index.covered(g.id).length })),
    }),
  );
  return { checkout, rolesFile: roles.file, permissions, roles: roleViews, diagnostics: roles.diagnostics };
}
