import type { ParsedManifest } from '../manifest';
import type { Registry } from '../registry';
import { withLazyPosition } from '../lazy-position';
import type { Position } from '../yaml-source';

/** One `permissions` item of a manifest, with the position of its id. */
export interface DeclaredPermission extends Position {
  id: string;
  module: string;
  description?: string;
  risk?: string;
  defaultRoles: string[];
  file: string;
  /** False for a second declaration of an id (permission-duplicate); the first one is the catalog's. */
  first: boolean;
}

/** A permission a route requires, with the position of the id in the manifest. */
export interface RequiredPermission extends Position {
  id: string;
}

export interface DeclaredRoute extends Position {
  module: string;
  method: string;
  path: string;
  public: boolean;
  required: RequiredPermission[];
  file: string;
}

export interface PermissionDeclarations {
  /** Every declaration, manifests by folder path, items in file order. */
  permissions: DeclaredPermission[];
  /** The first declaration of each id. */
  byId: Map<string, DeclaredPermission>;
  routes: DeclaredRoute[];
}

/** Manifests that take part in the platform (a usable name, not a duplicate), by folder path. */
export function owningManifests(registry: Registry): ParsedManifest[] {
  return registry.manifests.filter((m) => m.named && registry.byName.get(m.name) === m);
}

/** One manifest's own permissions and routes, with positions. */
export interface ManifestDeclarations {
  permissions: DeclaredPermission[];
  routes: DeclaredRoute[];
}

const cache = new WeakMap<ParsedManifest, ManifestDeclarations>();

/**
 * Hands over declarations computed elsewhere (on a scan worker, with the manifest's document at
 * hand) for a manifest whose locator would otherwise have to parse its text again.
 */
export function primeDeclarations(m: ParsedManifest, declarations: ManifestDeclarations): void {
  cache.set(m, declarations);
}

/** The declarations of a manifest when they exist already (primed, or built before), else undefined. */
export function cachedDeclarations(m: ParsedManifest): ManifestDeclarations | undefined {
  return cache.get(m);
}

/** One manifest's permissions and routes with positions; cached per parsed manifest. */
export function manifestDeclarations(m: ParsedManifest): ManifestDeclarations {
  const hit = cache.get(m);
  if (hit) return hit;
  // Positions are looked up when first read (lazy-position.ts): most are never needed.
  const permissions = m.manifest.permissions.map((p, i): DeclaredPermission =>
    Object.assign(
      withLazyPosition({ id: p.id, module: m.name, description: p.description, risk: p.risk, defaultRoles: p.default_roles ?? [], file: m.file }, () => m.locator.at(['permissions', m.rawIndex.permissions[i], 'id'])),
      { first: true },
    ),
  );
  const required = (id: string, locate: () => Position): RequiredPermission => withLazyPosition({ id }, locate);
  const routes = m.manifest.routes.map((r, i): DeclaredRoute => {
    const index = m.rawIndex.routes[i];
    const requires: RequiredPermission[] = [];
    if (r.permission !== undefined) requires.push(required(r.permission, () => m.locator.at(['routes', index, 'permission'])));
    for (const id of r.permissions ?? []) requires.push(required(id, () => m.locator.item(['routes', index, 'permissions'], id)));
    return withLazyPosition({ module: m.name, method: r.method, path: r.path, public: r.public === true, required: requires, file: m.file }, () => m.locator.at(['routes', index]));
  });
  const out = { permissions, routes };
  cache.set(m, out);
  return out;
}

export function collectDeclarations(registry: Registry): PermissionDeclarations {
  const permissions: DeclaredPermission[] = [];
  const routes: DeclaredRoute[] = [];
  const byId = new Map<string, DeclaredPermission>();
  for (const m of owningManifests(registry)) {
    const own = manifestDeclarations(m);
    for (const p of own.permissions) {
      const first = !byId.has(p.id);
      if (first) byId.set(p.id, p);
      permissions.push(first ? p : { ...p, first: false });
    }
    routes.push(...own.routes);
  }
  return { permissions, byId, routes };
}

/** Modules a module may rely on being present: its dependencies and optional dependencies, transitively. */
export function dependencyClosure(registry: Registry): (module: string) => ReadonlySet<string> {
  const memo = new Map<string, Set<string>>();
  return (start) => {
    const hit = memo.get(start);
    if (hit) return hit;
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const name = stack.pop() as string;
      const m = registry.byName.get(name);
      if (!m) continue;
      for (const d of [...m.manifest.dependencies, ...m.manifest.optional_dependencies]) {
        if (!seen.has(d.name)) {
          seen.add(d.name);
          stack.push(d.name);
        }
      }
    }
    memo.set(start, seen);
    return seen;
  };
}
