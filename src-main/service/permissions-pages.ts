import type { CatalogPermission, PermissionCatalog } from '../common/contract-permissions';
import type { PermissionsSummary } from '../common/contract-pages';
import type { PagedResults } from './paged-results';

/**
 * A permission catalog as the Permissions view reads it on a large platform (issue 16): counts and
 * roles in one message, the permissions kept in `store` for the view to page through. A search
 * looks where the view's search box says: ids, modules, descriptions, risks, roles, routes.
 */
export function summarizeCatalog(catalog: PermissionCatalog, store: PagedResults<CatalogPermission>): PermissionsSummary {
  const id = store.put(catalog.permissions, permissionHaystack);
  return {
    id,
    checkout: catalog.checkout,
    rolesFile: catalog.rolesFile,
    total: catalog.permissions.length,
    modules: new Set(catalog.permissions.map((p) => p.module)).size,
    ungranted: catalog.permissions.filter((p) => p.grantedBy.length === 0).length,
    stale: catalog.roles.reduce((n, r) => n + r.grants.filter((g) => g.covers === 0).length, 0),
    roles: catalog.roles.map((r) => ({
      name: r.name,
      line: r.line,
      column: r.column,
      risk: r.risk,
      description: r.description,
      grantCount: r.grants.length,
      staleGrants: r.grants.filter((g) => g.covers === 0),
    })),
    diagnostics: catalog.diagnostics,
    ...(catalog.rolesElsewhere !== undefined ? { rolesElsewhere: catalog.rolesElsewhere } : {}),
  };
}

export function permissionHaystack(p: CatalogPermission): string {
  return [p.id, p.module, p.description ?? '', p.risk ?? '', ...p.grantedBy.map((g) => g.role), ...p.routes.map((r) => `${r.method} ${r.path}`)].join('\n').toLowerCase();
}
