import type { Diagnostic } from '../../common/diagnostic';
import type { PermissionDecl } from '../../common/model';
import type { DeclaredPermission } from '../../engine/permissions/declarations';
import { parseYamlSource, type Position } from '../../engine/yaml-source';
import { isRecord, str } from './model';

/** `<module>.permissions.yml`: permission phrases with title, description and `restrict access`, and permission_callbacks. */
export interface PermissionsFile {
  declared: DeclaredPermission[];
  decls: PermissionDecl[];
  /** `permission_callbacks` items (PHP callables), with their positions. */
  callbacks: (Position & { callback: string })[];
  diagnostics: Diagnostic[];
}

export const RESTRICTED_RISK = "restrict access: true (Drupal warns: give it to trusted roles only; it has security implications)";

export function readPermissionsFile(module: string, file: string, text: string): PermissionsFile {
  const out: PermissionsFile = { declared: [], decls: [], callbacks: [], diagnostics: [] };
  const yaml = parseYamlSource(file, text, module);
  out.diagnostics.push(...yaml.diagnostics);
  const raw = yaml.value;
  if (!isRecord(raw)) return out;
  for (const [id, body] of Object.entries(raw)) {
    if (id === 'permission_callbacks') {
      if (Array.isArray(body)) {
        body.forEach((cb, i) => {
          if (typeof cb === 'string') out.callbacks.push({ callback: cb, ...yaml.locator.at([id, i]) });
        });
      }
      continue;
    }
    const at = yaml.locator.at([id], 'key');
    const b = isRecord(body) ? body : {};
    const title = str(b.title);
    const risk = b['restrict access'] === true ? RESTRICTED_RISK : undefined;
    const description = title ?? str(b.description);
    out.decls.push({ id, description, risk });
    out.declared.push({ id, module, description, risk, defaultRoles: [], file, line: at.line, column: at.column, first: true });
  }
  return out;
}
