import type { Diagnostic } from '../../common/diagnostic';
import { callbackMightGive, isKnownCallback } from './dynamic-permissions';
import type { RoleConfig } from './roles-config';

export interface RefineContext {
  roleConfigs: readonly RoleConfig[];
  /** Modules on disk. */
  modules: ReadonlySet<string>;
  /** `required: true` modules: every module may rely on them. */
  required: ReadonlySet<string>;
  /** permission_callbacks by module. */
  callbacks: ReadonlyMap<string, readonly string[]>;
  /** `module\0callback` pairs whose permissions were all derived from the site's config. */
  derived: ReadonlySet<string>;
  /** Each module's dependencies on disk, and those composer provides (not on disk). */
  dependencies: ReadonlyMap<string, readonly string[]>;
  absent: ReadonlyMap<string, readonly string[]>;
}

/** Whether a permission's text names a module (a word of its machine name, `paragraphs` in 'administer paragraphs library'). */
const mentions = (permission: string, module: string): boolean => module.split('_').some((w) => w.length >= 4 && permission.includes(w));

/**
 * Why a permission a route of `module` requires might exist at runtime though nothing declares it,
 * or null: a dependency composer provides (not on disk) whose name the permission mentions; a
 * permission callback of core that could give it; an unknown callback of the module itself, or of
 * a dependency the permission mentions.
 */
function routeMightHave(permission: string, module: string, ctx: RefineContext): string | null {
  const seen = new Set<string>();
  const stack = [module];
  while (stack.length > 0) {
    const m = stack.pop() as string;
    if (seen.has(m)) continue;
    seen.add(m);
    const gone = (ctx.absent.get(m) ?? []).find((a) => mentions(permission, a));
    if (gone) return `'${m}' depends on '${gone}', which is not in the checkout`;
    for (const cb of ctx.callbacks.get(m) ?? []) {
      if (ctx.derived.has(`${m}\u0000${cb}`)) continue;
      const could = isKnownCallback(cb) ? callbackMightGive(cb, permission) : m === module || mentions(permission, m);
      if (could) return `module '${m}' builds permissions at runtime (${cb.replace(/^\\+/, '')})`;
    }
    stack.push(...(ctx.dependencies.get(m) ?? []));
  }
  return null;
}

const IMPORT_FAILS = 'config import fails with "Adding non-existent permissions to a role is not allowed"';

/**
 * Why a grant nothing declares might still exist at runtime, or null: the role depends on a module
 * that is not on disk (contrib composer installs), or on a module whose permission_callbacks could
 * give it. A role without dependencies could rely on any module's callbacks.
 */
function mightExist(grant: string, role: RoleConfig, unknown: readonly string[], ctx: RefineContext): string | null {
  const candidates = role.modules.length > 0 ? role.modules : [...ctx.callbacks.keys()];
  // Drupal lists the providers of a role's permissions as its module dependencies. An absent one
  // that the grant names is its likeliest provider; one that no unknown grant of the role names
  // could provide any of them. One named only by other grants is taken: a grant that names nothing
  // is then checked (a planted 'administer the moon' beside 'administer pathauto' is an error).
  const absent = candidates.filter((m) => !ctx.modules.has(m));
  const named = absent.find((m) => mentions(grant, m));
  if (named) return `the role depends on module '${named}', which is not in the checkout`;
  const unexplained = absent.find((m) => !unknown.some((g) => mentions(g, m)));
  if (unexplained) return `the role depends on module '${unexplained}', which is not in the checkout`;
  for (const m of candidates) {
    for (const cb of ctx.callbacks.get(m) ?? []) {
      if (ctx.derived.has(`${m}\u0000${cb}`)) continue;
      if (callbackMightGive(cb, grant)) return `module '${m}' builds permissions at runtime (${cb.replace(/^\\+/, '')})`;
    }
  }
  return null;
}

/** Drupal's reading of the generic findings: rules that do not apply dropped, role grants told in Drupal's terms. */
export function refineFindings(findings: Diagnostic[], ctx: RefineContext, skip: ReadonlySet<string>): Diagnostic[] {
  const grantAt = new Map<string, { role: RoleConfig; id: string }>();
  for (const c of ctx.roleConfigs) for (const g of c.role.grants) grantAt.set(`${g.file}:${g.line}:${g.column}`, { role: c, id: g.id });
  // Each role's grants nothing declares.
  const unknownOf = new Map<RoleConfig, string[]>();
  for (const d of findings) {
    const g = d.rule === 'role-grant-unknown' ? grantAt.get(`${d.file}:${d.line}:${d.column}`) : undefined;
    if (g) unknownOf.set(g.role, [...(unknownOf.get(g.role) ?? []), g.id]);
  }
  const out: Diagnostic[] = [];
  for (const d of findings) {
    if (skip.has(d.rule)) continue;
    // A required core module (system, user, ...) is a dependency of every module.
    if (d.rule === 'route-permission-foreign' && d.related?.some((r) => r.module !== undefined && ctx.required.has(r.module))) continue;
    if (d.rule === 'route-permission-undeclared' && d.module !== undefined) {
      const id = /requires '(.*)', which no module declares$/.exec(d.message)?.[1];
      const why = id === undefined ? null : routeMightHave(id, d.module, ctx);
      if (why !== null) {
        out.push({ ...d, rule: 'drupal-permission-unverifiable', severity: 'info', message: `${d.message}; cannot verify: ${why}` });
        continue;
      }
    }
    if (d.rule === 'role-grant-unknown') {
      const g = grantAt.get(`${d.file}:${d.line}:${d.column}`);
      if (g) {
        const why = mightExist(g.id, g.role, unknownOf.get(g.role) ?? [], ctx);
        if (why !== null) {
          out.push({ ...d, rule: 'drupal-permission-unverifiable', severity: 'info', message: `role '${g.role.role.name}' grants '${g.id}', which no module on disk declares; cannot verify: ${why}` });
        } else {
          out.push({ ...d, message: `role '${g.role.role.name}' grants '${g.id}', which no module on disk declares or can build: ${IMPORT_FAILS}` });
        }
        continue;
      }
    }
    out.push(d);
  }
  return out;
}
