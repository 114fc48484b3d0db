import type { ParsedManifest } from '../manifest';
import type { Registry } from '../registry';
import type { Position } from '../yaml-source';
import { cachedDeclarations, owningManifests, type DeclaredPermission, type DeclaredRoute } from './declarations';

/**
 * The declarations as the permission rules read them (permission-rules.ts): plain objects with no
 * position of their own. A position is looked up only for a finding (`at`), with the same locator
 * question manifestDeclarations asks. The rules used to go through collectDeclarations, whose
 * objects each carry lazy position getters (defineProperty, two closures): on 5,000 modules that
 * was most of the permission analysis, for positions a clean check never reads (issue 16). A
 * manifest whose declarations exist already (primed by an adapter, or built for the catalog) is
 * read from those objects, so adapters' own positions stay the ones reported.
 */

export interface RulePermission {
  id: string;
  module: string;
  file: string;
  risk: string | undefined;
  defaultRoles: string[];
  /** False for a second declaration of an id (permission-duplicate). */
  first: boolean;
  at(): Position;
}

export interface RuleRequirement {
  id: string;
  at(): Position;
}

export interface RuleRoute {
  module: string;
  method: string;
  path: string;
  public: boolean;
  required: RuleRequirement[];
  file: string;
  at(): Position;
}

export interface RuleInputs {
  permissions: RulePermission[];
  /** The first declaration of each id. */
  byId: Map<string, RulePermission>;
  routes: RuleRoute[];
}

/** A permission read from the manifest itself: its position is asked of the locator on demand. */
class RawPermission implements RulePermission {
  first = true;
  constructor(
    readonly id: string,
    readonly module: string,
    readonly file: string,
    readonly risk: string | undefined,
    readonly defaultRoles: string[],
    private readonly m: ParsedManifest,
    private readonly index: number,
  ) {}
  at(): Position {
    return this.m.locator.at(['permissions', this.m.rawIndex.permissions[this.index], 'id']);
  }
}

/** A permission of existing declaration objects (their positions, possibly an adapter's own). */
class DeclaredRulePermission implements RulePermission {
  readonly id: string;
  readonly module: string;
  readonly file: string;
  readonly risk: string | undefined;
  readonly defaultRoles: string[];
  first = true;
  constructor(private readonly p: DeclaredPermission) {
    this.id = p.id;
    this.module = p.module;
    this.file = p.file;
    this.risk = p.risk;
    this.defaultRoles = p.defaultRoles;
  }
  at(): Position {
    return { line: this.p.line, column: this.p.column };
  }
}

const positionOf = (p: Position) => (): Position => ({ line: p.line, column: p.column });

function declaredRoute(r: DeclaredRoute): RuleRoute {
  return { module: r.module, method: r.method, path: r.path, public: r.public, required: r.required.map((q) => ({ id: q.id, at: positionOf(q) })), file: r.file, at: positionOf(r) };
}

function rawRoutes(m: ParsedManifest, out: RuleRoute[]): void {
  m.manifest.routes.forEach((r, i) => {
    const index = m.rawIndex.routes[i];
    const required: RuleRequirement[] = [];
    if (r.permission !== undefined) required.push({ id: r.permission, at: () => m.locator.at(['routes', index, 'permission']) });
    for (const id of r.permissions ?? []) required.push({ id, at: () => m.locator.item(['routes', index, 'permissions'], id) });
    out.push({ module: m.name, method: r.method, path: r.path, public: r.public === true, required, file: m.file, at: () => m.locator.at(['routes', index]) });
  });
}

/** One manifest's declarations as the rules read them, kept per parsed manifest: a re-check of a session makes them again only for the manifests that changed. */
const perManifest = new WeakMap<ParsedManifest, { permissions: RulePermission[]; routes: RuleRoute[] }>();

function manifestInputs(m: ParsedManifest): { permissions: RulePermission[]; routes: RuleRoute[] } {
  const hit = perManifest.get(m);
  if (hit) return hit;
  const permissions: RulePermission[] = [];
  const routes: RuleRoute[] = [];
  const own = cachedDeclarations(m);
  if (own) {
    for (const p of own.permissions) permissions.push(new DeclaredRulePermission(p));
    for (const r of own.routes) routes.push(declaredRoute(r));
  } else {
    const list = m.manifest.permissions;
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      permissions.push(new RawPermission(p.id, m.name, m.file, p.risk, p.default_roles ?? [], m, i));
    }
    rawRoutes(m, routes);
  }
  const out = { permissions, routes };
  // Adapters prime their declarations while reading the checkout, before any check asks here.
  perManifest.set(m, out);
  return out;
}

/** Every declaration of the manifests that take part in the platform, by folder path, items in file order. */
export function ruleInputs(registry: Registry): RuleInputs {
  const permissions: RulePermission[] = [];
  const routes: RuleRoute[] = [];
  const byId = new Map<string, RulePermission>();
  for (const m of owningManifests(registry)) {
    const own = manifestInputs(m);
    for (const p of own.permissions) {
      // Set on every collection: the objects are kept per manifest, and which one is first depends on the others.
      p.first = !byId.has(p.id);
      if (p.first) byId.set(p.id, p);
      permissions.push(p);
    }
    for (const r of own.routes) routes.push(r);
  }
  return { permissions, byId, routes };
}
