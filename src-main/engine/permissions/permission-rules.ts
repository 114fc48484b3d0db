import type { Diagnostic } from '../../common/diagnostic';
import { nameList, type Registry } from '../registry';
import { dependencyClosure } from './declarations';
import { CoverageIndex, isWildcard, permissionIdProblem } from './permission-id';
import type { ParsedRoles } from './roles-file';
import { ruleInputs, type RuleInputs } from './rule-inputs';
import type { Position } from '../yaml-source';

/** Exactly the line and column of a position (a locator's answer may carry more). */
const lineColumn = (p: Position): Position => ({ line: p.line, column: p.column });

const hasText = (s: string | undefined): boolean => s !== undefined && s.trim() !== '';

/**
 * The permission rules of SPEC §3 over the declared permissions, the routes and the roles file.
 * Manifest findings point at the YAML node (the id, the route, the required id); roles findings
 * at the grant's line in the roles file. The roles file's own read and shape problems come with it.
 */
export function permissionFindings(registry: Registry, roles: ParsedRoles): Diagnostic[] {
  const decl = ruleInputs(registry);
  const out: Diagnostic[] = [...roles.diagnostics];
  declarationFindings(decl, out);
  routeFindings(registry, decl, out);
  roleFindings(decl, roles, out);
  return out;
}

/** Where a declaration's finding points: looked up only for a finding (declarations.ts). */
function placeOf(p: RuleInputs['permissions'][number]): { module: string; file: string; line: number; column: number } {
  const where = p.at();
  return { module: p.module, file: p.file, line: where.line, column: where.column };
}

/** `id`'s namespace (the text before its first dot) is `module`, without splitting the id (this runs for every declaration). */
const inNamespace = (id: string, module: string): boolean => id.startsWith(module) && (id.length === module.length || id.charCodeAt(module.length) === 46) && !module.includes('.');

function declarationFindings(decl: RuleInputs, out: Diagnostic[]): void {
  for (const p of decl.permissions) {
    const problem = permissionIdProblem(p.id);
    if (problem) out.push({ rule: 'permission-format', severity: 'error', message: `permission id '${p.id}' is not module.resource.action: ${problem}`, ...placeOf(p) });
    if (!p.first) {
      const first = decl.byId.get(p.id);
      const where = first && first.module === p.module ? 'earlier in this manifest' : `by module '${first?.module}'`;
      out.push({
        rule: 'permission-duplicate',
        severity: 'error',
        message: `permission '${p.id}' is already declared ${where}`,
        ...placeOf(p),
        related: first ? [{ message: 'first declared here', module: first.module, file: first.file, ...lineColumn(first.at()) }] : undefined,
      });
    }
    if (!problem && !inNamespace(p.id, p.module)) {
      const namespace = p.id.split('.', 1)[0];
      out.push({ rule: 'permission-foreign-namespace', severity: 'warning', message: `'${p.module}' declares '${p.id}' in namespace '${namespace}'; its own permissions start with '${p.module}.'`, ...placeOf(p) });
    }
    if (!problem && isWildcard(p.id) && !hasText(p.risk)) {
      out.push({ rule: 'broad-scope-undocumented', severity: 'error', message: `broad permission '${p.id}' has no risk text: say what it allows and who may hold it (risk: ...)`, ...placeOf(p) });
    }
  }
}

/** A route as findings name it; made only for a finding (these rules run for every route). */
const routeText = (r: RuleInputs['routes'][number]): string => `${r.method} ${r.path}`;

const requiredAt = (r: RuleInputs['routes'][number], req: RuleInputs['routes'][number]['required'][number]) => ({ module: r.module, file: r.file, ...lineColumn(req.at()) });

function declarersById(decl: RuleInputs): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of decl.permissions) {
    const list = out.get(p.id);
    if (list) list.push(p.module);
    else out.set(p.id, [p.module]);
  }
  return out;
}

function routeFindings(registry: Registry, decl: RuleInputs, out: Diagnostic[]): void {
  const closure = dependencyClosure(registry);
  let declarers: Map<string, string[]> | null = null;
  for (const r of decl.routes) {
    if (r.required.length === 0 && !r.public) {
      const where = r.at();
      out.push({
        rule: 'route-permission-missing',
        severity: 'error',
        message: `route ${routeText(r)} of '${r.module}' requires no permission and is not public: add 'permission: <id>' or 'public: true'`,
        module: r.module,
        file: r.file,
        line: where.line,
        column: where.column,
      });
    }
    for (const req of r.required) {
      const owner = decl.byId.get(req.id);
      if (!owner) {
        out.push({ rule: 'route-permission-undeclared', severity: 'error', message: `route ${routeText(r)} requires '${req.id}', which no module declares`, ...requiredAt(r, req) });
        continue;
      }
      if (owner.module === r.module || closure(r.module).has(owner.module)) continue;
      // Every module declaring the id (a duplicate may be one the route's module relies on), indexed once rather than a scan of every declaration per route.
      declarers ??= declarersById(decl);
      if ((declarers.get(req.id) ?? []).some((d) => d === r.module || closure(r.module).has(d))) continue;
      out.push({
        rule: 'route-permission-foreign',
        severity: 'warning',
        message: `route ${routeText(r)} requires '${req.id}' of module '${owner.module}', which '${r.module}' does not depend on`,
        ...requiredAt(r, req),
        related: [{ message: `declared by ${owner.module}`, module: owner.module, file: owner.file, ...lineColumn(owner.at()) }],
      });
    }
  }
}

function roleFindings(decl: RuleInputs, roles: ParsedRoles, out: Diagnostic[]): void {
  // Built on the first grant that is not a declared id itself (platforms mostly grant ids directly).
  let index: CoverageIndex | null = null;
  const granted = new Set<string>();
  for (const role of roles.roles) {
    for (const g of role.grants) {
      if (!g.id.includes('*') && decl.byId.has(g.id)) {
        granted.add(g.id);
        continue;
      }
      index ??= new CoverageIndex(decl.byId.keys());
      const covered = index.covered(g.id);
      if (covered.length === 0) {
        const problem = permissionIdProblem(g.id);
        const why = problem ? ` ('${g.id}' is not a well-formed id: ${problem})` : '';
        out.push({ rule: 'role-grant-unknown', severity: 'error', message: `role '${role.name}' grants '${g.id}', which covers no declared permission${why}`, file: g.file ?? roles.file, line: g.line, column: g.column });
      }
      for (const id of covered) granted.add(id);
    }
    const wild = role.grants.filter((g) => isWildcard(g.id));
    if (wild.length > 0 && !hasText(role.risk)) {
      const ids = [...new Set(wild.map((g) => g.id))];
      out.push({
        rule: 'broad-scope-undocumented',
        severity: 'error',
        message: `role '${role.name}' grants the broad scope${ids.length > 1 ? 's' : ''} ${nameList(ids.map((i) => `'${i}'`), 4)} but has no risk text: add 'risk:' to the role saying why it needs ${ids.length > 1 ? 'them' : 'it'}`,
        file: wild[0].file ?? roles.file,
        line: wild[0].line,
        column: wild[0].column,
      });
    }
  }
  // Until the roles file can be read, nobody knows who is granted what: its own finding says why.
  if (!roles.usable) return;
  for (const p of decl.permissions) {
    if (!p.first || granted.has(p.id) || permissionIdProblem(p.id)) continue;
    const hint = !roles.present ? ` (there is no ${roles.file})` : p.defaultRoles.length > 0 ? `; 'mwb permissions reconcile --apply' grants it to ${nameList(p.defaultRoles)}` : '; set default_roles and reconcile, or grant it in ' + roles.file;
    out.push({ rule: 'permission-ungranted', severity: 'warning', message: `no role grants '${p.id}'${hint}`, module: p.module, file: p.file, ...lineColumn(p.at()) });
  }
}
