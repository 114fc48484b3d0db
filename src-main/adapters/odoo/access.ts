import type { Diagnostic } from '../../common/diagnostic';
import type { PermissionDecl } from '../../common/model';
import type { DeclaredPermission } from '../../engine/permissions/declarations';
import type { ParsedRoles, RoleDefinition, RoleGrant } from '../../engine/permissions/roles-file';
import { describeAccess, type AccessRow } from './access-csv';
import type { GroupRecord } from './security-xml';

/**
 * Odoo's access rights in the engine's permission model. One permission per access row, named by
 * the row's external id (`<addon>.<id>`, as Odoo names the ir.model.access record), described by
 * what it grants (`read, write on sale_order`). Groups are roles: a row grants its permission to
 * its group; a group holds the permissions of the groups it implies (`implied_ids`), transitively.
 * A row without a group applies to every user: a documented risk, granted to the role 'everyone'.
 */
/** The role of access rows without a group (group ids always have a dot, so no group takes this name). */
export const EVERYONE = 'everyone';

export const EVERYONE_RISK = 'no group: every user (portal and public users included) gets this access';

/** An external id as Odoo resolves it inside `addon`'s files: `x` is `addon.x`. */
export const qualify = (id: string, addon: string): string => (id.includes('.') ? id : `${addon}.${id}`);
export const addonOf = (qualified: string): string => qualified.slice(0, qualified.indexOf('.'));

export interface AddonSecurity {
  addon: string;
  rows: AccessRow[];
  groups: GroupRecord[];
}

export interface AccessModel {
  permissions: Map<string, { decls: PermissionDecl[]; declared: DeclaredPermission[] }>;
  roles: ParsedRoles;
  diagnostics: Diagnostic[];
}

/**
 * `reaches(addon, other)`: whether `other` is sure to be installed before `addon` (a dependency,
 * direct or not); null when that cannot be known (a group of one of Odoo's own addons, whose own
 * dependencies the workbench does not have).
 */
export type Reaches = (addon: string, other: string) => boolean | null;

export function accessModel(security: readonly AddonSecurity[], reaches: Reaches): AccessModel {
  const permissions: AccessModel['permissions'] = new Map();
  const diagnostics: Diagnostic[] = [];
  const roles = new Map<string, RoleDefinition>();
  const roleFor = (id: string, at: { file: string; line: number; column: number }): RoleDefinition => {
    let r = roles.get(id);
    if (!r) {
      r = { name: id, file: at.file, line: at.line, column: at.column, grants: [] };
      roles.set(id, r);
    }
    return r;
  };
  // Group records first, so that a role sits at its definition (the record without a module prefix).
  const implies = new Map<string, { id: string; file: string; line: number; column: number }[]>();
  for (const s of security) {
    for (const g of [...s.groups].sort((a, b) => Number(a.id.includes('.')) - Number(b.id.includes('.')))) {
      const id = qualify(g.id, s.addon);
      const r = roleFor(id, g);
      if (g.name !== undefined && r.description === undefined) r.description = g.name;
      for (const i of g.implies) implies.set(id, [...(implies.get(id) ?? []), { id: qualify(i.id, s.addon), file: g.file, line: i.line, column: i.column }]);
    }
  }
  for (const s of security) {
    const own = { decls: [] as PermissionDecl[], declared: [] as DeclaredPermission[] };
    permissions.set(s.addon, own);
    s.rows.forEach((row) => {
      const id = qualify(row.id, s.addon);
      const group = row.group === '' ? null : qualify(row.group, s.addon);
      const description = `${describeAccess(row)}${group ? ` for ${group}` : ''}`;
      const risk = group === null ? EVERYONE_RISK : undefined;
      own.decls.push({ id, description, risk });
      own.declared.push({ id, module: s.addon, description, risk, defaultRoles: [], file: row.file, line: row.line, column: row.column, first: true });
      if (group === null) {
        diagnostics.push({ rule: 'odoo-access-everyone', severity: 'info', message: `access right '${id}' has no group: ${describeAccess(row)} for every user, portal and public users included`, module: s.addon, file: row.file, line: row.groupAt.line, column: row.groupAt.column });
        // Held by every user: the catalog shows it granted to 'everyone', not as granted to nobody.
        const all = roleFor(EVERYONE, { file: row.file, ...row.groupAt });
        all.description = 'every user (an access row without a group)';
        all.risk = EVERYONE_RISK;
        all.grants.push({ id, index: all.grants.length, file: row.file, line: row.groupAt.line, column: row.groupAt.column });
        return;
      }
      const r = roleFor(group, { file: row.file, ...row.groupAt });
      r.grants.push({ id, index: r.grants.length, file: row.file, line: row.groupAt.line, column: row.groupAt.column });
      const other = addonOf(group);
      if (reaches(s.addon, other) === false) {
        diagnostics.push({
          rule: 'odoo-access-group-outside-dependencies',
          severity: 'error',
          message: `access right '${id}' of '${s.addon}' grants to group '${group}', but '${other}' is not among the dependencies of '${s.addon}': Odoo cannot load the row ("External ID not found") unless '${other}' happens to be installed first; add '${other}' to depends`,
          module: s.addon,
          file: row.file,
          line: row.groupAt.line,
          column: row.groupAt.column,
        });
      }
    });
  }
  inheritGrants(roles, implies);
  const list = [...roles.values()];
  // Roles are many files: name the first that defines a group (the catalog opens it), else the first access file.
  const first = security.flatMap((s) => s.groups)[0] ?? security.flatMap((s) => s.rows)[0];
  return { permissions, roles: { file: first?.file ?? 'security/ir.model.access.csv', present: list.length > 0, roles: list, diagnostics: [], usable: false }, diagnostics };
}

/** A group's users are added to the groups it implies: it holds their permissions, at the implied_ids line. */
function inheritGrants(roles: Map<string, RoleDefinition>, implies: ReadonlyMap<string, { id: string; file: string; line: number; column: number }[]>): void {
  const direct = new Map([...roles].map(([id, r]) => [id, [...r.grants]]));
  for (const [id, role] of roles) {
    const held = new Set(role.grants.map((g) => g.id));
    const names: string[] = [];
    const seen = new Set([id]);
    const queue = (implies.get(id) ?? []).map((i) => ({ ...i, via: i }));
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      names.push(next.id);
      for (const g of direct.get(next.id) ?? []) {
        if (held.has(g.id)) continue;
        held.add(g.id);
        const inherited: RoleGrant = { id: g.id, index: -1, file: next.via.file, line: next.via.line, column: next.via.column };
        role.grants.push(inherited);
      }
      for (const i of implies.get(next.id) ?? []) queue.push({ ...i, via: next.via });
    }
    if (names.length > 0) role.description = `${role.description ? `${role.description}; ` : ''}implies ${names.join(', ')}`;
  }
}
