import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRoles, parseRolesByYaml, type ParsedRoles } from '../src-main/engine/permissions/roles-file';
import { readPlainRoles } from '../src-main/engine/permissions/roles-plain';

// The roles file's line reader (roles-plain.ts) against the YAML reader: the same roles, grants,
// positions and diagnostics whenever it answers, and no answer for what is not plain.

const plainData = (r: ParsedRoles) => ({
  file: r.file,
  present: r.present,
  usable: r.usable,
  diagnostics: r.diagnostics,
  roles: r.roles.map((role) => ({ name: role.name, line: role.line, column: role.column, risk: role.risk, description: role.description, grants: role.grants.map((g) => [g.id, g.index, g.line, g.column]) })),
});

function same(text: string): boolean {
  expect(plainData(parseRoles('roles.yaml', text))).toEqual(plainData(parseRolesByYaml('roles.yaml', text)));
  return readPlainRoles(text) !== null;
}

function rolesFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) rolesFiles(p, out);
    else if (/^roles.*\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

/** A generated-style roles file: `n` roles with grants of made-up modules. */
function generated(seed: number, roles: number, grants: number, indent = [2, 4, 6]): string {
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % k);
  const lines = ['# generated', 'roles:'];
  for (let r = 0; r < roles; r++) {
    lines.push(`${' '.repeat(indent[0])}role-${r}:`, `${' '.repeat(indent[1])}grants:`);
    for (let g = 0; g < grants; g++) lines.push(`${' '.repeat(indent[2])}- m${rnd(900)}-mod.thing_${rnd(9)}.${rnd(4) === 0 ? '*' : 'read'}`);
  }
  return lines.join('\n') + '\n';
}

const BASE = ['roles:', '  admin:', '    grants:', '      - a.b.c', '      - a.*', '  viewer:', '    grants:', '      - a.b.c', ''].join('\n');

describe('roles file line reader', () => {
  it('agrees with the YAML reader on every roles file of the fixtures and the example', () => {
    const files = [...rolesFiles(path.join(__dirname, 'fixtures')), ...rolesFiles(path.join(__dirname, '..', 'resources'))];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) same(fs.readFileSync(f, 'utf8'));
  });

  it('reads generated roles files itself, with their positions', () => {
    for (let seed = 1; seed <= 20; seed++) expect(same(generated(seed, 1 + (seed % 5), seed * 7))).toBe(true);
    expect(same(generated(3, 3, 5, [4, 8, 10]))).toBe(true);
    const roles = parseRoles('roles.yaml', BASE);
    expect(roles.roles[1].grants[0]).toEqual({ id: 'a.b.c', index: 0, line: 8, column: 9 });
  });

  it('reads comments, blank lines, roles without keys and empty grants; leaves everything else to YAML', () => {
    const plain = [
      BASE,
      `# head\n\n${BASE}# tail`,
      BASE.replace('      - a.*\n', '      # a comment\n\n   # odd comment\n      - a.*\n'),
      BASE + '  empty:\n  none:\n    grants:\n',
      BASE.replace(/\n$/, ''),
    ];
    for (const text of plain) expect(same(text)).toBe(true);
    const notPlain = [
      BASE.replace('  viewer:\n', '  viewer:\n    risk: broad\n'),
      BASE.replace('  viewer:\n', '  admin:\n'),
      BASE.replace('    grants:\n      - a.b.c\n', '    grants:\n      - a.b.c\n    grants:\n      - x.y\n'),
      BASE.replace('      - a.*', '      - null'),
      BASE.replace('      - a.*', '      - true'),
      BASE.replace('      - a.*', '      - 1.5'),
      BASE.replace('      - a.*', '      - "a.*"'),
      BASE.replace('      - a.*', '      - a.* # why'),
      BASE.replace('      - a.*', '      - a.* '),
      BASE.replace('      - a.*', '      - a.*\n        more'),
      BASE.replace('      - a.*', '      - A.b'),
      BASE.replace('      - a.*', '        - a.*'),
      BASE.replace('      - a.*', '    - a.*'),
      BASE.replace('    grants:\n      - a.b.c\n      - a.*', '    grants: [a.b.c, a.*]'),
      BASE.replace('  viewer:', '   viewer:'),
      BASE.replace('  viewer:', 'viewer:'),
      BASE.replace('  viewer:', '  null:'),
      BASE.replace(/\n/g, '\r\n'),
      BASE.replace('      - a.*', '\t- a.*'),
      '\uFEFF' + BASE,
      '---\n' + BASE,
      BASE + '...\n',
      BASE + 'other: 1\n',
      'roles:\n',
      'roles: {}\n',
      '',
      '# nothing\n',
    ];
    for (const text of notPlain) expect(same(text)).toBe(false);
  });

  it('agrees with the YAML reader on damaged variants (fixed-seed corpus)', () => {
    let s = 20261206;
    const rnd = (k: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % k);
    const pieces = [' ', '  ', '-', '- ', ':', '#', '\n', 'a', '.', '*', '"', 'grants:', 'risk: x', 'null', '0', '\t'];
    const lines = ['      - x.y', '      - x.*', '  newrole:', '  admin:', '    grants:', '# c', '', '   # c', '      - null', '    - a.b', '        - a.b', '  bad role:', '    risk: x', '      - x.y # c', 'top:'];
    let plain = 0;
    for (let i = 0; i < 800; i++) {
      let text = i % 2 === 0 ? BASE : generated(i, 2, 3);
      if (i % 4 < 2) {
        // Character edits: mostly no longer plain.
        for (let k = 0, edits = 1 + rnd(3); k < edits; k++) {
          const at = rnd(text.length + 1);
          text = rnd(2) === 0 ? text.slice(0, at) + pieces[rnd(pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + rnd(3));
        }
      } else {
        // Whole lines inserted or dropped: often still plain.
        const all = text.split('\n');
        for (let k = 0, edits = 1 + rnd(3); k < edits; k++) {
          const at = rnd(all.length + 1);
          if (rnd(3) === 0) all.splice(at, 1);
          else all.splice(at, 0, lines[rnd(lines.length)]);
        }
        text = all.join('\n');
      }
      if (same(text)) plain++;
    }
    // Both kinds were met.
    expect(plain).toBeGreaterThan(50);
    expect(plain).toBeLessThan(700);
  });
});
