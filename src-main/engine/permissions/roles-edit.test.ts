import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff';
import { editRolesText, RolesEditError, yamlScalar } from './roles-edit';
import { parseRoles } from './roles-file';

const grantsOf = (text: string): Record<string, string[]> => {
  const parsed = parseRoles('roles.yaml', text);
  expect(parsed.diagnostics, 'the edited file parses').toEqual([]);
  return Object.fromEntries(parsed.roles.map((r) => [r.name, r.grants.map((g) => g.id)]));
};

/** The edit only added and removed whole lines: every other line is byte-identical and in order. */
const changedLines = (before: string, after: string) => {
  const diff = diffLines(before, after, 0);
  return { added: diff.filter((l) => l.kind === 'add').map((l) => (l as { text: string }).text), removed: diff.filter((l) => l.kind === 'remove').map((l) => (l as { text: string }).text) };
};

const BLOCK = [
  '# Roles.',
  'roles:',
  '  # Operators.',
  '  admin:',
  '    risk: >-',
  '      Everything.',
  '    grants:',
  '      - core.*   # all of core',
  '      # billing next',
  '      - legacy.report.read',
  '',
  '  # Read-only.',
  '  viewer:',
  '    grants:',
  "      - 'core.dashboard.view'",
  '',
  '# end of roles',
  '',
].join('\n');

describe('editing roles.yaml surgically', () => {
  it('adds after the last grant with the same indentation, removes exactly the stale line, appends new roles', () => {
    const out = editRolesText(
      BLOCK,
      [
        { role: 'admin', add: ['billing.*'], stale: ['legacy.report.read'] },
        { role: 'viewer', add: ['blog.post.read'], stale: [] },
        { role: 'finance', add: ['billing.invoice.read', 'billing.invoice.void'], stale: [] },
      ],
      true,
    );
    expect(grantsOf(out)).toEqual({ admin: ['core.*', 'billing.*'], viewer: ['core.dashboard.view', 'blog.post.read'], finance: ['billing.invoice.read', 'billing.invoice.void'] });
    expect(changedLines(BLOCK, out)).toEqual({
      removed: ['      - legacy.report.read'],
      added: ['      - billing.*', '      - blog.post.read', '', '  finance:', '    grants:', '      - billing.invoice.read', '      - billing.invoice.void'],
    });
    // Comments, quoting and the trailing comment stay where they were.
    expect(out).toContain("      - 'core.dashboard.view'\n      - blog.post.read\n\n  finance:");
    expect(out.endsWith('      - billing.invoice.void\n\n# end of roles\n')).toBe(true);
  });

  it('keeps stale grants unless asked to remove them', () => {
    const out = editRolesText(BLOCK, [{ role: 'admin', add: ['billing.*'], stale: ['legacy.report.read'] }], false);
    expect(grantsOf(out).admin).toEqual(['core.*', 'legacy.report.read', 'billing.*']);
  });

  it('handles flow lists, roles without grants, empty roles and explicit nulls', () => {
    const text = ['roles:', '  a: {grants: [x.y.z, "w.v.u"]}', '  b:', '    risk: r', '  c:', '  d: ~', '  e:', '    grants:', '  f:', '    grants: ~', ''].join('\n');
    const out = editRolesText(
      text,
      [
        { role: 'a', add: ['n.e.w'], stale: ['x.y.z'] },
        { role: 'b', add: ['b.one.x'], stale: [] },
        { role: 'c', add: ['c.one.x'], stale: [] },
        { role: 'd', add: ['d.one.x'], stale: [] },
        { role: 'e', add: ['e.one.x'], stale: [] },
        { role: 'f', add: ['f.one.x'], stale: [] },
      ],
      true,
    );
    expect(grantsOf(out)).toEqual({ a: ['w.v.u', 'n.e.w'], b: ['b.one.x'], c: ['c.one.x'], d: ['d.one.x'], e: ['e.one.x'], f: ['f.one.x'] });
    expect(out).toContain('  a: {grants: ["w.v.u", n.e.w]}\n');
    expect(out).toContain('  b:\n    risk: r\n    grants:\n      - b.one.x\n');
  });

  it('creates the roles map in an empty or missing file, and in a flow map', () => {
    expect(grantsOf(editRolesText(undefined, [{ role: 'viewer', add: ['a.b.c'], stale: [] }], false))).toEqual({ viewer: ['a.b.c'] });
    expect(grantsOf(editRolesText('# only a comment', [{ role: 'viewer', add: ['a.b.c'], stale: [] }], false))).toEqual({ viewer: ['a.b.c'] });
    expect(grantsOf(editRolesText('roles:\n', [{ role: 'viewer', add: ['a.b.c'], stale: [] }], false))).toEqual({ viewer: ['a.b.c'] });
    expect(grantsOf(editRolesText('roles: {}\n', [{ role: 'viewer', add: ['a.b.c'], stale: [] }], false))).toEqual({ viewer: ['a.b.c'] });
    expect(grantsOf(editRolesText('roles: {x: {grants: [q.r.s]}}\n', [{ role: 'viewer', add: ['a.b.c'], stale: [] }], false))).toEqual({ x: ['q.r.s'], viewer: ['a.b.c'] });
  });

  it('keeps CRLF line endings, a missing final line break, and unusual indentation', () => {
    const crlf = 'roles:\r\n    admin:\r\n        grants:\r\n        -   a.b.c\r\n';
    const out = editRolesText(crlf, [{ role: 'admin', add: ['d.e.f'], stale: [] }, { role: 'new', add: ['g.h.i'], stale: [] }], false);
    expect(out).toBe('roles:\r\n    admin:\r\n        grants:\r\n        -   a.b.c\r\n        -   d.e.f\r\n    new:\r\n        grants:\r\n        - g.h.i\r\n');
    const noEol = 'roles:\n  admin:\n    grants:\n      - a.b.c';
    expect(editRolesText(noEol, [{ role: 'admin', add: ['d.e.f'], stale: [] }], false)).toBe('roles:\n  admin:\n    grants:\n      - a.b.c\n      - d.e.f\n');
  });

  it('quotes what YAML would misread, and role names that need it', () => {
    expect(yamlScalar('billing.*')).toBe('billing.*');
    expect(yamlScalar('*')).toBe('"*"');
    expect(yamlScalar('*.read')).toBe('"*.read"');
    expect(yamlScalar('Odd Id: x')).toBe('"Odd Id: x"');
    expect(grantsOf(editRolesText('roles: {}\n', [{ role: 'on', add: ['*'], stale: [] }, { role: 'team lead', add: ['a.b.c'], stale: [] }], false))).toEqual({ on: ['*'], 'team lead': ['a.b.c'] });
  });

  it('refuses to edit grants shared through YAML anchors and aliases', () => {
    const text = 'roles:\n  a:\n    grants: &base\n      - x.y.z\n  b:\n    grants: *base\n';
    expect(() => editRolesText(text, [{ role: 'a', add: ['n.e.w'], stale: [] }], false)).toThrow(RolesEditError);
    expect(() => editRolesText(text, [{ role: 'b', add: ['n.e.w'], stale: [] }], false)).toThrow(/alias/);
  });
});
