import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLib } from '../libraries';
import type { RoleReconcile } from '../../common/contract-permissions';

/**
 * Surgical edits of the roles file: new grants are inserted as lines after a role's last grant
 * with the same indentation, a stale grant's line is removed exactly, a new role is appended at
 * the end of the `roles:` map. Every other byte of the file stays as it was: comments, key order,
 * blank lines, quoting, line endings. Flow-style lists (`grants: [a, b]`) are rewritten in place,
 * on their own line(s) only. Layouts the edit cannot handle safely raise RolesEditError.
 */
export class RolesEditError extends Error {
  /** Offset in the text of the node the edit cannot handle, when there is one. */
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

interface Splice {
  start: number;
  end: number;
  text: string;
  /** Order among splices at the same offset (lower first in the result). */
  seq: number;
}

interface Style {
  /** Indent of role keys under `roles:`. */
  role: number;
  /** Extra indent of a role's keys (grants, risk) relative to the role key. */
  body: number;
  /** Extra indent of a grant's `- ` relative to the `grants:` key. */
  item: number;
  /** Whether roles are separated by blank lines. */
  blankBetweenRoles: boolean;
}

const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

/** A grant id as YAML: plain when it is a well-formed id (never starting with `*`, an alias sign), else double-quoted. */
export function yamlScalar(value: string): string {
  if (/^[a-z][a-z0-9_-]*(\.([a-z][a-z0-9_-]*|\*))+$/.test(value)) return value;
  return JSON.stringify(value);
}

function yamlKey(value: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value) && !RESERVED.has(value.toLowerCase()) ? value : JSON.stringify(value);
}

const keyName = (p: Pair): unknown => (yamlLib().isScalar(p.key) ? p.key.value : p.key);

export function editRolesText(original: string | undefined, changes: readonly RoleReconcile[], removeStale: boolean): string {
  const src = original ?? '';
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const doc = yamlLib().parseDocument(src, { uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) throw new RolesEditError('the file does not parse');
  const splices: Splice[] = [];
  let seq = 0;
  const splice = (start: number, end: number, text: string) => splices.push({ start, end, text, seq: seq++ });

  const lineStart = (offset: number): number => src.lastIndexOf('\n', offset - 1) + 1;
  /** Where a new line goes after the line holding `offset`, and whether a line break must come first. */
  const afterLine = (offset: number): { at: number; lead: string } => {
    const nl = src.indexOf('\n', offset);
    return nl < 0 ? { at: src.length, lead: src.length > 0 ? eol : '' } : { at: nl + 1, lead: '' };
  };
  /** After the last line of a node (block nodes may already end with their line break). */
  const afterNode = (node: Node): { at: number; lead: string } => {
    const end = (node.range as [number, number, number])[1];
    return end > 0 && src[end - 1] === '\n' ? { at: end, lead: '' } : afterLine(end);
  };
  const column = (offset: number): number => offset - lineStart(offset);
  const range = (node: Node): [number, number, number] => {
    if (!node.range) throw new RolesEditError('a node has no position');
    return node.range;
  };
  const guard = (node: unknown, what: string): void => {
    if (yamlLib().isAlias(node)) throw new RolesEditError(`${what} is a YAML alias; editing it would change every role sharing it`, (node as Node).range?.[0]);
    if (node && (node as Node).anchor) throw new RolesEditError(`${what} carries a YAML anchor (&${(node as Node).anchor}); editing it would change every role sharing it`, (node as Node).range?.[0]);
  };
  const isImplicitNull = (node: unknown): boolean => yamlLib().isScalar(node) && node.value === null && range(node)[0] === range(node)[1];
  const isExplicitNull = (node: unknown): boolean => yamlLib().isScalar(node) && node.value === null && !isImplicitNull(node);
  const pad = (n: number): string => ' '.repeat(n);
  const flowList = (items: readonly string[]): string => `[${items.join(', ')}]`;
  const blockItems = (indent: number, ids: readonly string[]): string => ids.map((id) => `${pad(indent)}- ${yamlScalar(id)}${eol}`).join('');

  const top = doc.contents;
  guard(top, 'the document');
  const rolesPair = yamlLib().isMap(top) ? top.items.find((p) => keyName(p) === 'roles') : undefined;
  const rolesNode = rolesPair?.value;
  guard(rolesNode, "'roles'");
  const style = detectStyle(src, yamlLib().isMap(rolesNode) && !rolesNode.flow ? rolesNode : null, lineStart);

  const newRoleBlock = (name: string, ids: readonly string[], indent: number): string =>
    `${pad(indent)}${yamlKey(name)}:${eol}${pad(indent + style.body)}grants:${eol}${blockItems(indent + style.body + style.item, ids)}`;
  const newRoleFlow = (name: string, ids: readonly string[]): string => `${yamlKey(name)}: {grants: ${flowList(ids.map(yamlScalar))}}`;

  const created = changes.filter((c) => !(yamlLib().isMap(rolesNode) && rolesNode.items.some((p) => keyName(p) === c.role)));
  const existing = changes.filter((c) => !created.includes(c));

  // Existing roles: edit their grants.
  for (const change of existing) {
    const pair = (rolesNode as YAMLMap).items.find((p) => keyName(p) === change.role) as Pair;
    const remove = new Set(removeStale ? change.stale : []);
    const add = change.add;
    const body = pair.value;
    guard(body, `role '${change.role}'`);
    const roleKeyColumn = column(range(pair.key as Node)[0]);
    if (isImplicitNull(body) || body === null) {
      if (add.length === 0) continue;
      const { at, lead } = afterLine(range(pair.key as Node)[1]);
      splice(at, at, `${lead}${pad(roleKeyColumn + style.body)}grants:${eol}${blockItems(roleKeyColumn + style.body + style.item, add)}`);
      continue;
    }
    if (isExplicitNull(body)) {
      if (add.length === 0) continue;
      const [s, e] = range(body as Node);
      splice(s, e, `{grants: ${flowList(add.map(yamlScalar))}}`);
      continue;
    }
    if (!yamlLib().isMap(body)) throw new RolesEditError(`role '${change.role}' is not a mapping`, (body as Node | null)?.range?.[0]);
    const grantsPair = body.items.find((p) => keyName(p) === 'grants');
    const grants = grantsPair?.value;
    guard(grants, `the 'grants' list of role '${change.role}'`);
    if (!grantsPair) {
      if (add.length === 0) continue;
      if (body.flow) {
        const close = closing(src, range(body), '}');
        splice(close, close, `${body.items.length > 0 ? ', ' : ''}grants: ${flowList(add.map(yamlScalar))}`);
      } else {
        const keyCol = column(range(body.items[0].key as Node)[0]);
        const last = body.items[body.items.length - 1];
        const { at, lead } = afterNode((last.value ?? last.key) as Node);
        splice(at, at, `${lead}${pad(keyCol)}grants:${eol}${blockItems(keyCol + style.item, add)}`);
      }
      continue;
    }
    if (isImplicitNull(grants) || grants === null) {
      if (add.length === 0) continue;
      const keyNode = grantsPair.key as Node;
      if (body.flow) throw new RolesEditError(`role '${change.role}' has an empty flow 'grants:'`, range(keyNode)[0]);
      const { at, lead } = afterLine(range(keyNode)[1]);
      splice(at, at, `${lead}${blockItems(column(range(keyNode)[0]) + style.item, add)}`);
      continue;
    }
    if (isExplicitNull(grants)) {
      if (add.length === 0) continue;
      const [s, e] = range(grants as Node);
      splice(s, e, flowList(add.map(yamlScalar)));
      continue;
    }
    if (!yamlLib().isSeq(grants)) throw new RolesEditError(`the grants of role '${change.role}' are not a list`, (grants as Node).range?.[0]);
    editGrantList(grants as YAMLSeq, change.role, remove, add);
  }

  function editGrantList(list: YAMLSeq, role: string, remove: ReadonlySet<string>, add: readonly string[]): void {
    const items = list.items as Node[];
    const value = (n: Node): unknown => (yamlLib().isScalar(n) ? n.value : undefined);
    if (list.flow) {
      const kept = items.filter((n) => !remove.has(value(n) as string)).map((n) => src.slice(range(n)[0], range(n)[1]));
      const [s, e] = range(list);
      splice(s, e, flowList([...kept, ...add.map(yamlScalar)]));
      return;
    }
    for (const n of items) {
      if (!remove.has(value(n) as string)) continue;
      const [s, e] = range(n);
      const start = lineStart(s);
      if (!/^[ \t]*-[ \t]+$/.test(src.slice(start, s))) throw new RolesEditError(`the grant '${String(value(n))}' of role '${role}' does not sit on its own '- ' line`, s);
      const { at } = afterLine(e);
      const rest = src.slice(e, at).replace(/\r?\n$/, '');
      if (!/^[ \t]*(#.*)?$/.test(rest)) throw new RolesEditError(`the grant '${String(value(n))}' of role '${role}' shares its line with other content`, s);
      splice(start, at, '');
    }
    if (add.length === 0) return;
    const last = items[items.length - 1];
    const prefix = src.slice(lineStart(range(last)[0]), range(last)[0]);
    if (!/^[ \t]*-[ \t]+$/.test(prefix)) throw new RolesEditError(`the last grant of role '${role}' does not sit on its own '- ' line`, range(last)[0]);
    const { at, lead } = afterLine(range(last)[1]);
    splice(at, at, lead + add.map((id) => `${prefix}${yamlScalar(id)}${eol}`).join(''));
  }

  // New roles: appended at the end of the `roles:` map (or a new `roles:` map at the end of the file).
  if (created.length > 0) {
    if (yamlLib().isMap(rolesNode) && rolesNode.flow) {
      const close = closing(src, range(rolesNode), '}');
      splice(close, close, created.map((c, i) => `${rolesNode.items.length > 0 || i > 0 ? ', ' : ''}${newRoleFlow(c.role, c.add)}`).join(''));
    } else if (yamlLib().isMap(rolesNode) && rolesNode.items.length > 0) {
      const last = rolesNode.items[rolesNode.items.length - 1];
      const { at, lead } = afterNode((last.value ?? last.key) as Node);
      const gap = style.blankBetweenRoles ? eol : '';
      splice(at, at, lead + created.map((c) => `${gap}${newRoleBlock(c.role, c.add, style.role)}`).join(''));
    } else if (rolesPair && isExplicitNull(rolesNode)) {
      const [s, e] = range(rolesNode as Node);
      splice(s, e, `{${created.map((c) => newRoleFlow(c.role, c.add)).join(', ')}}`);
    } else if (rolesPair && (rolesNode === null || isImplicitNull(rolesNode))) {
      const keyNode = rolesPair.key as Node;
      const { at, lead } = afterLine(range(keyNode)[1]);
      splice(at, at, lead + created.map((c) => newRoleBlock(c.role, c.add, column(range(keyNode)[0]) + style.role)).join(''));
    } else if (rolesPair) {
      throw new RolesEditError("'roles' is not a mapping");
    } else if (top === null || top === undefined || (yamlLib().isScalar(top) && top.value === null) || (yamlLib().isMap(top) && !top.flow)) {
      const lead = src.length > 0 && !src.endsWith('\n') ? eol : '';
      splice(src.length, src.length, `${lead}roles:${eol}${created.map((c) => newRoleBlock(c.role, c.add, style.role)).join('')}`);
    } else {
      throw new RolesEditError('the document is not a block mapping');
    }
  }

  splices.sort((a, b) => a.start - b.start || a.seq - b.seq);
  for (let i = 1; i < splices.length; i++) {
    if (splices[i].start < splices[i - 1].end) throw new RolesEditError('two edits overlap');
  }
  let out = src;
  for (let i = splices.length - 1; i >= 0; i--) {
    const s = splices[i];
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  }
  return out;
}

/** Offset of the closing bracket of a flow collection. */
function closing(src: string, r: [number, number, number], bracket: '}' | ']'): number {
  const at = src.lastIndexOf(bracket, r[1] - 1);
  if (at < r[0]) throw new RolesEditError(`cannot find the closing '${bracket}'`);
  return at;
}

/** The indentation habits of the file, so added lines look like the ones around them. */
function detectStyle(src: string, roles: YAMLMap | null, lineStart: (offset: number) => number): Style {
  const style: Style = { role: 2, body: 2, item: 2, blankBetweenRoles: false };
  if (!roles || roles.items.length === 0) return style;
  const col = (n: Node | null | undefined): number | null => (n?.range ? n.range[0] - lineStart(n.range[0]) : null);
  style.role = col(roles.items[0].key as Node) ?? 2;
  for (const pair of roles.items) {
    const body = pair.value;
    if (!yamlLib().isMap(body) || body.flow || body.items.length === 0) continue;
    const roleCol = col(pair.key as Node);
    const keyCol = col(body.items[0].key as Node);
    if (roleCol === null || keyCol === null || keyCol <= roleCol) continue;
    style.body = keyCol - roleCol;
    const grants = body.items.find((p) => keyName(p) === 'grants');
    if (grants && yamlLib().isSeq(grants.value) && !grants.value.flow && grants.value.items.length > 0) {
      const dash = src.lastIndexOf('-', (grants.value.items[0] as Node).range?.[0] ?? 0);
      const gCol = col(grants.key as Node);
      if (dash >= 0 && gCol !== null) style.item = Math.max(0, dash - lineStart(dash) - gCol);
      break;
    }
  }
  for (let i = 1; i < roles.items.length; i++) {
    const prevEnd = (roles.items[i - 1].value as Node | null)?.range?.[1] ?? (roles.items[i - 1].key as Node).range?.[1] ?? 0;
    const nextStart = (roles.items[i].key as Node).range?.[0] ?? 0;
    if (/\n[ \t]*\r?\n/.test(src.slice(Math.max(0, prevEnd - 1), lineStart(nextStart)))) {
      style.blankBetweenRoles = true;
      break;
    }
  }
  return style;
}
