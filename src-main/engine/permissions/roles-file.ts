import type { Diagnostic } from '../../common/diagnostic';
import { withLazyPosition } from '../lazy-position';
import { parseYamlSource, type Locator, type Position, type YamlPath } from '../yaml-source';
import { readPlainRoles } from './roles-plain';

/**
 * The roles file (`roles.yaml`, or platform.yaml's `roles:`): `roles: {<role>: {grants: [..],
 * risk?: .., description?: ..}}`. Parsed from text with the position of every role and grant;
 * pure, never throws. Problems become diagnostics: read and YAML problems under the rules every
 * YAML input uses, a wrong shape as `roles-invalid`.
 */

export interface RoleGrant {
  id: string;
  /** Index in the role's `grants` list as written. */
  index: number;
  line: number;
  column: number;
  /** The file the grant is in, when roles come from several files (an adapter's config); else the roles file. */
  file?: string;
}

export interface RoleDefinition {
  name: string;
  /** Position of the role's key. */
  line: number;
  column: number;
  risk?: string;
  description?: string;
  grants: RoleGrant[];
  /** The file that defines the role, when roles come from several files; else the roles file. */
  file?: string;
}

export interface ParsedRoles {
  /** Checkout-relative path of the roles file. */
  file: string;
  /** Whether the file exists. */
  present: boolean;
  /** Roles in file order. */
  roles: RoleDefinition[];
  diagnostics: Diagnostic[];
  /** Read, parsed and of the expected shape: only such a file is ever rewritten by reconcile. */
  usable: boolean;
}

/**
 * A grant read from the roles file: its position is looked up when first read, through the role's
 * site (the file's locator and the role's name, one per role). A class, with `line` and `column`
 * getters on its prototype: a generated roles file of 5,000 modules holds ~22,000 grants, and
 * giving each its own lazy getters (withLazyPosition: a property definition and two closures per
 * grant) took ~70 ms and ~6 MB of retained heap, for positions a clean check never reads
 * (issue 16). So a grant's own enumerable properties are `id` and `index`: its readers read
 * `line` and `column` by name (the catalog copies them), none spreads or serializes a grant.
 */
class FileGrant implements RoleGrant {
  readonly id: string;
  readonly index: number;
  readonly #site: { locator: Locator; role: string };
  #found: Position | undefined = undefined;
  constructor(id: string, index: number, site: { locator: Locator; role: string }) {
    this.id = id;
    this.index = index;
    this.#site = site;
  }
  #where(): Position {
    return (this.#found ??= this.#site.locator.at(['roles', this.#site.role, 'grants', this.index]));
  }
  get line(): number {
    return this.#where().line;
  }
  get column(): number {
    return this.#where().column;
  }
}

const ROLE_KEYS = new Set(['grants', 'risk', 'description']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kind = (v: unknown): string => (v === null ? 'empty' : Array.isArray(v) ? 'a list' : `a ${typeof v}`);

/** `text` undefined: the file does not exist (no roles; not a problem in itself). */
export function parseRoles(file: string, text: string | undefined, unreadable?: { message: string; line?: number; column?: number }): ParsedRoles {
  const plain = text !== undefined && unreadable === undefined ? readPlainRoles(text) : null;
  if (plain !== null) {
    // Only grants, positions from the lines (roles-plain.ts): what the YAML reader would make of it.
    const roles = plain.map((r): RoleDefinition => ({ name: r.name, line: r.line, column: r.column, grants: r.grants ?? [] }));
    return { file, present: true, roles, diagnostics: [], usable: true };
  }
  return parseRolesByYaml(file, text, unreadable);
}

/** parseRoles without the line reader (roles-plain.ts): tests compare the two. */
export function parseRolesByYaml(file: string, text: string | undefined, unreadable?: { message: string; line?: number; column?: number }): ParsedRoles {
  const result: ParsedRoles = { file, present: text !== undefined || unreadable !== undefined, roles: [], diagnostics: [], usable: false };
  if (unreadable) {
    result.diagnostics.push({ rule: 'manifest-unreadable', severity: 'error', message: `${file} ${unreadable.message}`, file, line: unreadable.line ?? 1, column: unreadable.column ?? 1 });
    return result;
  }
  if (text === undefined) {
    result.usable = true;
    return result;
  }
  const yaml = parseYamlSource(file, text);
  result.diagnostics.push(...yaml.diagnostics);
  if (yaml.diagnostics.length > 0) return result;
  if (yaml.empty) {
    result.usable = true;
    return result;
  }
  const invalid = (path: YamlPath, message: string, part: 'key' | 'value' = 'value') => {
    const p = yaml.locator.at(path, part);
    result.diagnostics.push({ rule: 'roles-invalid', severity: 'error', message, file, line: p.line, column: p.column });
  };
  const raw = yaml.value;
  if (!isRecord(raw)) {
    invalid([], `${file} must be a mapping with a 'roles' key (roles: {<role>: {grants: [..]}}), not ${kind(raw)}`);
    return result;
  }
  for (const key of Object.keys(raw)) if (key !== 'roles') invalid([key], `unknown top-level key '${key}' in ${file}; the file holds 'roles' only`, 'key');
  const roles = raw.roles;
  if (roles !== undefined && roles !== null && !isRecord(roles)) invalid(['roles'], `'roles' must be a mapping of role name to {grants, risk}, not ${kind(roles)}`);
  if (isRecord(roles)) {
    for (const [name, body] of Object.entries(roles)) {
      // Positions are looked up when first read (lazy-position.ts): most are never needed.
      const role: RoleDefinition = Object.assign(
        withLazyPosition({ name }, () => yaml.locator.at(['roles', name], 'key')),
        { grants: [] as RoleDefinition['grants'] },
      );
      result.roles.push(role);
      if (body === null) continue;
      if (!isRecord(body)) {
        invalid(['roles', name], `role '${name}' must be a mapping with 'grants' (and 'risk' for broad grants), not ${kind(body)}`);
        continue;
      }
      for (const [key, value] of Object.entries(body)) {
        if (!ROLE_KEYS.has(key)) {
          invalid(['roles', name, key], `role '${name}': unknown key '${key}' (a role has grants, risk and description)`, 'key');
        } else if (key === 'risk' || key === 'description') {
          if (typeof value === 'string') role[key] = value;
          else if (value !== null) invalid(['roles', name, key], `role '${name}': '${key}' must be text, not ${kind(value)}`);
        } else if (Array.isArray(value)) {
          const site = { locator: yaml.locator, role: name };
          value.forEach((g, index) => {
            if (typeof g === 'string' && g !== '') role.grants.push(new FileGrant(g, index, site));
            else invalid(['roles', name, 'grants', index], `role '${name}': grants[${index}] must be a permission id, not ${g === '' ? 'empty text' : kind(g)}`);
          });
        } else if (value !== null) {
          invalid(['roles', name, 'grants'], `role '${name}': 'grants' must be a list of permission ids, not ${kind(value)}`);
        }
      }
    }
  }
  result.usable = result.diagnostics.length === 0;
  return result;
}
