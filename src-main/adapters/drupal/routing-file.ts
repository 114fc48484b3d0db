import type { Diagnostic } from '../../common/diagnostic';
import type { RouteDecl } from '../../common/model';
import type { DeclaredRoute, RequiredPermission } from '../../engine/permissions/declarations';
import { parseYamlSource } from '../../engine/yaml-source';
import { isRecord, str } from './model';

/**
 * `<module>.routing.yml`: route name -> {path, methods?, requirements}. `_permission: 'a+b'` needs
 * any of them, `'a,b'` all of them; `_access: 'TRUE'` is public; any other access check
 * (`_entity_access`, `_custom_access`, `_role`, ...) protects the route without a permission.
 */
export interface RoutingFile {
  routes: DeclaredRoute[];
  decls: RouteDecl[];
  diagnostics: Diagnostic[];
}

export function readRoutingFile(module: string, file: string, text: string): RoutingFile {
  const out: RoutingFile = { routes: [], decls: [], diagnostics: [] };
  const yaml = parseYamlSource(file, text, module);
  out.diagnostics.push(...yaml.diagnostics);
  const raw = yaml.value;
  if (!isRecord(raw)) return out;
  const lines = text.split('\n');
  for (const [name, body] of Object.entries(raw)) {
    if (name === 'route_callbacks' || !isRecord(body)) continue;
    const path = str(body.path);
    if (path === undefined) continue;
    const methods = Array.isArray(body.methods) ? body.methods.filter((m): m is string => typeof m === 'string').map((m) => m.toUpperCase()) : [];
    const method = methods.length > 0 ? methods.join('|') : 'ANY';
    const req = isRecord(body.requirements) ? body.requirements : {};
    const permission = str(req._permission);
    const required: RequiredPermission[] = [];
    let ids: string[] = [];
    if (permission !== undefined) {
      const at = yaml.locator.at([name, 'requirements', '_permission']);
      // Point at each id inside the scalar (after an opening quote).
      const line = lines[at.line - 1] ?? '';
      const start = at.column - 1 + (line[at.column - 1] === "'" || line[at.column - 1] === '"' ? 1 : 0);
      const separator = permission.includes('+') ? '+' : ',';
      let offset = 0;
      for (const part of permission.split(separator)) {
        const id = part.trim();
        const lead = part.length - part.trimStart().length;
        if (id !== '') {
          ids.push(id);
          required.push({ id, line: at.line, column: start + offset + lead + 1 });
        }
        offset += part.length + 1;
      }
      ids = [...new Set(ids)];
    }
    const isPublic = str(req._access)?.toUpperCase() === 'TRUE';
    const at = yaml.locator.at([name], 'key');
    out.routes.push({ module, method, path, public: isPublic, required, file, line: at.line, column: at.column });
    out.decls.push({ method, path, permissions: ids.length > 0 ? ids : undefined, public: isPublic || undefined });
  }
  return out;
}
