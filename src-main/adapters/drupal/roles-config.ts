import type { Diagnostic } from '../../common/diagnostic';
import type { ParsedRoles, RoleDefinition } from '../../engine/permissions/roles-file';
import { parseYamlSource } from '../../engine/yaml-source';
import { baseOf } from './layout';
import { isRecord, str } from './model';

/** What a role's config says beyond its grants: the modules it depends on (Drupal lists the providers of its permissions there). */
export interface RoleConfig {
  role: RoleDefinition;
  file: string;
  isAdmin: boolean;
  modules: string[];
}

export const ADMIN_GRANT = '*';
export const ADMIN_RISK = 'is_admin: true: Drupal gives this role every permission';

/**
 * `user.role.<id>.yml` files, the first folder first: a role the sync folder defines is the site's,
 * a module's or profile's config/install copy of the same role is only its default.
 */
export function readRoleConfigs(files: readonly { path: string; text: string }[]): { roles: ParsedRoles; configs: RoleConfig[]; diagnostics: Diagnostic[] } {
  const configs: RoleConfig[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { path, text } of files) {
    const fallbackId = baseOf(path).slice('user.role.'.length, -'.yml'.length);
    const yaml = parseYamlSource(path, text);
    diagnostics.push(...yaml.diagnostics);
    const raw = yaml.value;
    if (!isRecord(raw)) continue;
    const id = str(raw.id) ?? fallbackId;
    if (seen.has(id)) continue;
    seen.add(id);
    const at = yaml.locator.at(['id'], 'key');
    const role: RoleDefinition = { name: id, line: at.line, column: at.column, grants: [], file: path, description: str(raw.label) };
    const isAdmin = raw.is_admin === true;
    if (isAdmin) {
      const a = yaml.locator.at(['is_admin']);
      role.risk = ADMIN_RISK;
      role.grants.push({ id: ADMIN_GRANT, index: -1, line: a.line, column: a.column, file: path });
    }
    if (Array.isArray(raw.permissions)) {
      raw.permissions.forEach((g, index) => {
        if (typeof g !== 'string' || g === '') return;
        const p = yaml.locator.at(['permissions', index]);
        role.grants.push({ id: g, index, line: p.line, column: p.column, file: path });
      });
    } else if (raw.permissions !== undefined && raw.permissions !== null && !isRecord(raw.permissions)) {
      const p = yaml.locator.at(['permissions']);
      diagnostics.push({ rule: 'roles-invalid', severity: 'error', message: `role '${id}': 'permissions' must be a list of permission names`, file: path, line: p.line, column: p.column });
    }
    const deps = isRecord(raw.dependencies) && Array.isArray(raw.dependencies.module) ? raw.dependencies.module.filter((m): m is string => typeof m === 'string') : [];
    configs.push({ role, file: path, isAdmin, modules: deps });
  }
  const roles: ParsedRoles = { file: configs[0]?.file ?? 'config/sync', present: configs.length > 0, roles: configs.map((c) => c.role), diagnostics: [], usable: true };
  return { roles, configs, diagnostics };
}
