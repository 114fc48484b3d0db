import { describe, expect, it } from 'vitest';
import { parseRoles } from './roles-file';

describe('parseRoles grants', () => {
  const text = ['roles:', '  admin:', '    risk: all of it', '    grants:', '      - a.b.c', '      - "a.*"', '  viewer:', '    grants: [a.b.c,  a.b.d]', '  empty:', ''].join('\n');

  it('places each grant at its item, block and flow lists alike', () => {
    const roles = parseRoles('roles.yaml', text);
    expect(roles.diagnostics).toEqual([]);
    const at = roles.roles.map((r) => [r.name, r.grants.map((g) => [g.id, g.index, g.line, g.column])]);
    expect(at).toEqual([
      ['admin', [['a.b.c', 0, 5, 9], ['a.*', 1, 6, 9]]],
      ['viewer', [['a.b.c', 0, 8, 14], ['a.b.d', 1, 8, 22]]],
      ['empty', []],
    ]);
  });

  it('gives a grant only its id and index as own properties: positions come from the class, one lookup each (issue 16: no per-grant getters or closures)', () => {
    const grant = parseRoles('roles.yaml', text).roles[1].grants[1];
    expect(Object.keys(grant)).toEqual(['id', 'index']);
    expect(Object.getOwnPropertyDescriptor(grant, 'line')).toBeUndefined();
    expect(Object.getOwnPropertySymbols(grant)).toEqual([]);
    expect(grant).toMatchObject({ id: 'a.b.d', index: 1, line: 8, column: 22 });
    expect(JSON.stringify(grant)).toBe('{"id":"a.b.d","index":1}');
  });
});
