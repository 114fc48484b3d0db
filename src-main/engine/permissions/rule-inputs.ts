import type { ParsedManifest } from '../manifest';
import type { Registry } from '../registry';
import type { Position } from '../yaml-source';
import { buildDeclarations, cachedDeclarations, owningManifests, type ManifestDeclarations, type PlainDeclarations } from './declarations';

/**
 * The declarations as the permission rules read them (permission-rules.ts): plain objects with no
 * position of their own. A position is looked up only for a finding (`at`): the same builder as
 * manifestDeclarations (declarations.ts, buildDeclarations) without its lazy `line` and `column`.
 * The rules used to go through collectDeclarations, whose objects each carry lazy position getters
 * (defineProperty): on 5,000 modules that was most of the permission analysis, for positions a
 * clean check never reads (issue 16). A manifest whose declarations exist already (primed by an adapter, or built for the catalog) is
 * read from those objects, so adapters' own positions stay the ones reported.
 */

export type RulePermission = PlainDeclarations['permissions'][number];
export type RuleRoute = PlainDeclarations['routes'][number];

export interface RuleInputs {
  permissions: RulePermission[];
  /** The first declaration of each id (`first` is false on the others: permission-duplicate). */
  byId: Map<string, RulePermission>;
  routes: RuleRoute[];
}

const positionOf = (p: Position) => (): Position => ({ line: p.line, column: p.column });

/** Existing declaration objects (possibly an adapter's, with its own positions) as the rules read them. */
function fromDeclared(own: ManifestDeclarations): PlainDeclarations {
  return {
    permissions: own.permissions.map((p) => ({ id: p.id, module: p.module, description: p.description, risk: p.risk, defaultRoles: p.defaultRoles, file: p.file, first: true, at: positionOf(p) })),
    routes: own.routes.map((r) => ({ module: r.module, method: r.method, path: r.path, public: r.public, required: r.required.map((q) => ({ id: q.id, at: positionOf(q) })), file: r.file, at: positionOf(r) })),
  };
}

/** One manifest's declarations as the rules read them, kept per parsed manifest: a re-check of a session makes them again only for the manifests that changed. */
const perManifest = new WeakMap<ParsedManifest, PlainDeclarations>();

export function manifestInputs(m: ParsedManifest): PlainDeclarations {
  const hit = perManifest.get(m);
  if (hit) return hit;
  const own = cachedDeclarations(m);
  const out = own ? fromDeclared(own) : buildDeclarations(m, { lazyPositions: false });
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
