import type { Diagnostic } from '../../common/diagnostic';
import type { ReconcilePlan, RoleReconcile } from '../../common/contract-permissions';
import type { Registry } from '../registry';
import { collectDeclarations } from './declarations';
import { CoverageIndex, covers, GrantSet } from './permission-id';
import { editRolesText, RolesEditError } from './roles-edit';
import { parseRoles, type ParsedRoles } from './roles-file';

/**
 * Reconciling roles with the desired grants (each permission's `default_roles`), by coverage:
 * `add` is what a role should hold and no grant of it covers yet, `stale` the grants that cover
 * no declared permission. Pure: the caller reads and writes the file.
 */

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Drops ids another id of the list covers (`billing.*` makes `billing.invoice.read` redundant). */
function minimal(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)].sort(compare);
  return unique.filter((id) => !unique.some((other) => other !== id && covers(other, id)));
}

export interface ReconcileComputation {
  plan: ReconcilePlan;
  /** Roles the plan creates, by name. */
  created: string[];
}

export function planReconcile(registry: Registry, roles: ParsedRoles): ReconcileComputation {
  const decl = collectDeclarations(registry);
  const desired = new Map<string, string[]>();
  for (const p of decl.byId.values()) {
    for (const role of p.defaultRoles) {
      const list = desired.get(role) ?? [];
      list.push(p.id);
      desired.set(role, list);
    }
  }
  const index = new CoverageIndex(decl.byId.keys());
  const out: RoleReconcile[] = [];
  const existing = new Set<string>();
  for (const role of roles.roles) {
    existing.add(role.name);
    const set = new GrantSet(role.grants.map((g) => g.id));
    const add = minimal((desired.get(role.name) ?? []).filter((id) => set.coveringGrant(id) === null));
    const stale = [...new Set(role.grants.map((g) => g.id).filter((id) => !index.coversAny(id)))];
    out.push({ role: role.name, add, stale });
  }
  const created = [...desired.keys()].filter((r) => !existing.has(r)).sort(compare);
  for (const role of created) out.push({ role, add: minimal(desired.get(role) ?? []), stale: [] });
  return { plan: { roles: out, required: out.some((r) => r.add.length > 0 || r.stale.length > 0) }, created };
}

export interface ReconcileResult extends ReconcileComputation {
  /** The roles file text after reconciling, or null when nothing would change or it cannot be written. */
  next: string | null;
  /** Why the file cannot be written (its diagnostics, or a layout the edit does not handle). */
  problem: string | null;
  diagnostics: Diagnostic[];
}

/**
 * Plans and, when something is to change, computes the new text of the roles file by editing
 * it surgically (see roles-edit.ts). The result is parsed again and must reconcile: every
 * addition present, stale grants gone when asked, every other grant unchanged; otherwise nothing
 * is proposed. A roles file that does not read, parse or have the expected shape is never edited.
 */
export function reconcileRoles(registry: Registry, roles: ParsedRoles, text: string | undefined, removeStale: boolean): ReconcileResult {
  if (!roles.usable) {
    const first = roles.diagnostics[0];
    const where = first ? `${first.file ?? roles.file}:${first.line ?? 1}` : roles.file;
    return {
      plan: { roles: [], required: true },
      created: [],
      next: null,
      problem: `${roles.file} cannot be reconciled until it is fixed (${where}: ${first?.message ?? 'unreadable'})`,
      diagnostics: roles.diagnostics,
    };
  }
  const computed = planReconcile(registry, roles);
  const changes = computed.plan.roles.filter((r) => r.add.length > 0 || (removeStale && r.stale.length > 0));
  if (changes.length === 0) return { ...computed, next: null, problem: null, diagnostics: [] };
  let next: string;
  try {
    next = editRolesText(text, changes, removeStale);
  } catch (err) {
    if (!(err instanceof RolesEditError)) throw err;
    return { ...computed, next: null, problem: `${roles.file}: ${err.message}; edit it by hand`, diagnostics: [notEditable(roles.file, text ?? '', `${err.message}; edit it by hand`, err.offset)] };
  }
  const problem = verify(registry, roles, next, computed.plan, removeStale);
  if (problem) {
    const message = `the reconciled file would not be right (${problem}); nothing is written`;
    return { ...computed, next: null, problem: `${roles.file}: ${message}`, diagnostics: [notEditable(roles.file, text ?? '', message)] };
  }
  return { ...computed, next, problem: null, diagnostics: [] };
}

/** Why reconcile cannot write the roles file, as a finding at the node it cannot edit (or the file's first line). */
function notEditable(file: string, text: string, message: string, offset?: number): Diagnostic {
  if (offset === undefined) return { rule: 'roles-not-editable', severity: 'error', message, file, line: 1, column: 1 };
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { rule: 'roles-not-editable', severity: 'error', message, file, line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Re-parses the edited text and checks it holds exactly the intended grants. */
function verify(registry: Registry, before: ParsedRoles, next: string, plan: ReconcilePlan, removeStale: boolean): string | null {
  const after = parseRoles(before.file, next);
  if (!after.usable) return `it does not parse: ${after.diagnostics[0]?.message ?? 'unknown problem'}`;
  const again = planReconcile(registry, after).plan;
  if (again.roles.some((r) => r.add.length > 0)) return 'additions are still missing';
  if (removeStale && again.roles.some((r) => r.stale.length > 0)) return 'stale grants remain';
  const planned = new Map(plan.roles.map((r) => [r.role, r]));
  const afterByName = new Map(after.roles.map((r) => [r.name, r]));
  const names = new Set([...before.roles.map((r) => r.name), ...plan.roles.map((r) => r.role)]);
  for (const name of names) {
    const old = before.roles.find((r) => r.name === name);
    const p = planned.get(name);
    const stale = new Set(removeStale ? (p?.stale ?? []) : []);
    const expected = [...(old?.grants.map((g) => g.id).filter((id) => !stale.has(id)) ?? []), ...(p?.add ?? [])];
    const actual = afterByName.get(name)?.grants.map((g) => g.id) ?? [];
    if (expected.join('\n') !== actual.join('\n')) return `role '${name}' would hold ${actual.join(', ') || 'nothing'} instead of ${expected.join(', ') || 'nothing'}`;
    if (old && (old.risk !== afterByName.get(name)?.risk || old.description !== afterByName.get(name)?.description)) return `role '${name}' would change beyond its grants`;
  }
  if (after.roles.length !== names.size) return 'roles would appear or disappear unexpectedly';
  return null;
}
