import type { Diagnostic } from '../../common/diagnostic';
import { callbackMightGive } from './dynamic-permissions';
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
}

const IMPORT_FAILS = 'config import fails with "Adding non-existent permissions to a role is not allowed"';

/**
 * Why a grant nothing declares might still exist at runtime, or null: the role depends on a module
 * that is not on disk (contrib composer installs), or on a module whose permission_callbacks could
 * give it. A role without dependencies could rely on any module's callbacks.
 */
function mightExist(grant: string, role: RoleConfig, ctx: RefineContext): string | null {
  const candidates = role.modules.length > 0 ? role.modules : [...ctx.callbacks.keys()];
  // An absent module whose name the grant mentions is the likeliest provider.
  const absent = candidates.filter((m) => !ctx.modules.has(m));
  const named = absent.find((m) => grant.includes(m.replace(/_/g, ' ')));
  if (named) return `the role depends on module '${named}', which is not in the checkout`;
  for (const m of candidates) {
    if (!ctx.modules.has(m)) return `the role depends on module '${m}', which is not in the checkout`;
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
  const out: Diagnostic[] = [];
  for (const d of findings) {
    if (skip.has(d.rule)) continue;
    // A required core module (system, user, ...) is a dependency of every module.
    if (d.rule === 'route-permission-foreign' && d.related?.some((r) => r.module !== undefined && ctx.required.has(r.module))) continue;
    if (d.rule === 'role-grant-unknown') {
      const g = grantAt.get(`${d.file}:${d.line}:${d.column}`);
      if (g) {
        const why = mightExist(g.id, g.role, ctx);
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
