/**
 * The roles file read line by line when it is plain: `roles:`, then role keys, each with a `grants:`
 * key and its items, nothing else (a generated roles file, and any that holds only grants). On 5,000
 * modules the roles file has ~26,000 lines; js-yaml took ~100 ms of the main thread for it and
 * left its garbage to the scan's scavenges (issue 16). Positions come with the lines, so nothing is
 * parsed again for a finding.
 *
 * Anything else gives null and the YAML reader decides (roles-file.ts): another top-level key, a
 * role's `risk` or `description`, flow lists, quotes, trailing spaces or comments after a value,
 * tabs, CR, a byte order mark, a multi-line scalar, indentation that varies, a repeated key, an
 * empty `roles:`. A grant must be a plain scalar the YAML 1.2 core schema reads as that text: a
 * lower-case letter, then letters, digits, `_`, `-`, `.` and `*` (never `null`, `true`, `false`).
 * test/roles-plain.test.ts compares it with the YAML reader on every roles file of the fixtures,
 * generated ones and a corpus of variants.
 */

export interface PlainRole {
  name: string;
  /** Position of the role's key. */
  line: number;
  column: number;
  /** null: the role has no keys (`admin:` alone), or `grants:` has no items. */
  grants: { id: string; index: number; line: number; column: number }[] | null;
  /** Whether the role has a `grants:` key. */
  hasGrants: boolean;
}

// Tested, not exec'd: a match array and its captures per line cost more than the rest of the reading.
const ROLE = /^ +[a-z][a-z0-9_-]*:$/;
const GRANTS = /^ +grants:$/;
const ITEM = /^ +- [a-z][a-z0-9_.*-]*$/;
const SPECIAL = new Set(['null', 'true', 'false']);

export function readPlainRoles(text: string): PlainRole[] | null {
  if (text.includes('\t') || text.includes('\r') || text.charCodeAt(0) === 0xfeff) return null;
  const lines = text.split('\n');
  const roles: PlainRole[] = [];
  const names = new Set<string>();
  let seenRoot = false;
  let roleIndent = -1;
  let keyIndent = -1;
  let itemIndent = -1;
  let role: PlainRole | null = null;
  // Whether the line before (comments and blank lines aside) was `grants:` or an item of it.
  let inGrants = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) {
      // A blank line, or a comment line: YAML ignores both wherever they are (a `#` after spaces only).
      continue;
    }
    if (!seenRoot) {
      if (line !== 'roles:') return null;
      seenRoot = true;
      continue;
    }
    if (inGrants && indent > keyIndent && line.charCodeAt(indent) === 45 /* - */) {
      if (!ITEM.test(line)) return null;
      const id = line.slice(indent + 2);
      if (SPECIAL.has(id)) return null;
      if (itemIndent === -1) {
        if (indent <= keyIndent) return null;
        itemIndent = indent;
      } else if (indent !== itemIndent) return null;
      const r = role as PlainRole;
      r.grants ??= [];
      r.grants.push({ id, index: r.grants.length, line: i + 1, column: indent + 3 });
      continue;
    }
    inGrants = false;
    if (role !== null && indent > roleIndent) {
      // A key of the role: `grants:` only, once.
      if (!GRANTS.test(line) || role.hasGrants) return null;
      if (keyIndent === -1) keyIndent = indent;
      else if (indent !== keyIndent) return null;
      role.hasGrants = true;
      inGrants = true;
      continue;
    }
    if (!ROLE.test(line)) return null;
    const name = line.slice(indent, -1);
    if (SPECIAL.has(name) || names.has(name)) return null;
    if (roleIndent === -1) roleIndent = indent;
    else if (indent !== roleIndent) return null;
    names.add(name);
    role = { name, line: i + 1, column: indent + 1, grants: null, hasGrants: false };
    roles.push(role);
  }
  return roles.length > 0 ? roles : null;
}
