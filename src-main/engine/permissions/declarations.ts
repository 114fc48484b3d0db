import type { ParsedManifest } from '../manifest';
import type { Registry } from '../registry';
import { withLazyPosition } from '../lazy-position';
import type { Position } from '../yaml-source';

/** One `permissions` item of a manifest, without its position. */
export interface PermissionFields {
  id: string;
  module: string;
  description?: string;
  risk?: string;
  defaultRoles: string[];
  file: string;
  /** False for a second declaration of an id (permission-duplicate); the first one is the catalog's. */
  first: boolean;
}

/** One `routes` item of a manifest, without its position; `R` is how its required permissions are placed. */
export interface RouteFields<R> {
  module: string;
  method: string;
  path: string;
  public: boolean;
  required: R[];
  file: string;
}

/** One `permissions` item of a manifest, with the position of its id. */
export interface DeclaredPermission extends PermissionFields, Position {}

/** A permission a route requires, with the position of the id in the manifest. */
export interface RequiredPermission extends Position {
  id: string;
}

export interface DeclaredRoute extends RouteFields<RequiredPermission>, Position {}

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

/** Where a declaration is: the locator's question itself, asked only when a position is needed. */
export interface Locatable {
  at(): Position;
}

/** One manifest's permissions and routes as the permission rules read them (rule-inputs.ts). */
export interface PlainDeclarations {
  permissions: (PermissionFields & Locatable)[];
  routes: (RouteFields<{ id: string } & Locatable> & Locatable)[];
}

/**
 * One manifest's permissions and routes in file order, each with `at()`, the locator question for
 * its position. With `lazyPositions` each also gets `line` and `column`, looked up when first read
 * (lazy-position.ts): the catalog's and reconcile's view (manifestDeclarations). Without, no getter
 * is defined on any object: a clean check reads no position, and defining them was most of the
 * permission analysis on 5,000 modules (issue 16).
 */
export function buildDeclarations(m: ParsedManifest, options: { lazyPositions: true }): ManifestDeclarations;
export function buildDeclarations(m: ParsedManifest, options: { lazyPositions: false }): PlainDeclarations;
export function buildDeclarations(m: ParsedManifest, { lazyPositions }: { lazyPositions: boolean }): ManifestDeclarations | PlainDeclarations {
  if (!lazyPositions) return plainDeclarations(m);
  const place = <T extends Locatable>(o: T): T => withLazyPosition(o, o.at);
  const permissions = m.manifest.permissions.map((p, i) =>
    place({ id: p.id, module: m.name, description: p.description, risk: p.risk, defaultRoles: p.default_roles ?? [], file: m.file, first: true, at: () => m.locator.at(['permissions', m.rawIndex.permissions[i], 'id']) }),
  );
  const routes = m.manifest.routes.map((r, i) => {
    const index = m.rawIndex.routes[i];
    const required: ({ id: string } & Locatable)[] = [];
    if (r.permission !== undefined) required.push(place({ id: r.permission, at: () => m.locator.at(['routes', index, 'permission']) }));
    for (const id of r.permissions ?? []) required.push(place({ id, at: () => m.locator.item(['routes', index, 'permissions'], id) }));
    return place({ module: m.name, method: r.method, path: r.path, public: r.public === true, required, file: m.file, at: () => m.locator.at(['routes', index]) });
  });
  return { permissions, routes };
}

/*
 * The rules' plain declarations: classes whose `at()` is a method reading the manifest and the
 * item's index, not an object literal with a closure of its own. On 5,000 modules (~15,000
 * permissions, routes and required ids each) the closures and their contexts were ~45,000
 * allocations kept per manifest (issue 16). Only permission-rules.ts reads these objects, by name.
 */
class PlainPermission implements PermissionFields, Locatable {
  readonly id: string;
  readonly module: string;
  readonly description: string | undefined;
  readonly risk: string | undefined;
  readonly defaultRoles: string[];
  readonly file: string;
  first = true;
  readonly #m: ParsedManifest;
  readonly #i: number;
  constructor(m: ParsedManifest, i: number) {
    const p = m.manifest.permissions[i];
    this.id = p.id;
    this.module = m.name;
    this.description = p.description;
    this.risk = p.risk;
    this.defaultRoles = p.default_roles ?? [];
    this.file = m.file;
    this.#m = m;
    this.#i = i;
  }
  at(): Position {
    return this.#m.locator.at(['permissions', this.#m.rawIndex.permissions[this.#i], 'id']);
  }
}

/** A route's `permission` (`item` false) or one of its `permissions` (looked up by value). */
class PlainRequired implements Locatable {
  readonly id: string;
  readonly #m: ParsedManifest;
  readonly #index: number;
  readonly #item: boolean;
  constructor(m: ParsedManifest, index: number, id: string, item: boolean) {
    this.id = id;
    this.#m = m;
    this.#index = index;
    this.#item = item;
  }
  at(): Position {
    return this.#item ? this.#m.locator.item(['routes', this.#index, 'permissions'], this.id) : this.#m.locator.at(['routes', this.#index, 'permission']);
  }
}

class PlainRoute implements RouteFields<PlainRequired>, Locatable {
  readonly module: string;
  readonly method: string;
  readonly path: string;
  readonly public: boolean;
  readonly required: PlainRequired[] = [];
  readonly file: string;
  readonly #m: ParsedManifest;
  readonly #index: number;
  constructor(m: ParsedManifest, i: number) {
    const r = m.manifest.routes[i];
    const index = m.rawIndex.routes[i];
    this.module = m.name;
    this.method = r.method;
    this.path = r.path;
    this.public = r.public === true;
    if (r.permission !== undefined) this.required.push(new PlainRequired(m, index, r.permission, false));
    for (const id of r.permissions ?? []) this.required.push(new PlainRequired(m, index, id, true));
    this.file = m.file;
    this.#m = m;
    this.#index = index;
  }
  at(): Position {
    return this.#m.locator.at(['routes', this.#index]);
  }
}

function plainDeclarations(m: ParsedManifest): PlainDeclarations {
  const permissions: PlainPermission[] = [];
  for (let i = 0; i < m.manifest.permissions.length; i++) permissions.push(new PlainPermission(m, i));
  const routes: PlainRoute[] = [];
  for (let i = 0; i < m.manifest.routes.length; i++) routes.push(new PlainRoute(m, i));
  return { permissions, routes };
}

/** One manifest's permissions and routes with positions; cached per parsed manifest. */
export function manifestDeclarations(m: ParsedManifest): ManifestDeclarations {
  const hit = cache.get(m);
  if (hit) return hit;
  const out = buildDeclarations(m, { lazyPositions: true });
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
