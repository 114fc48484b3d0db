import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { withLazyPosition } from '../src-main/engine/lazy-position';
import { parseManifest } from '../src-main/engine/manifest';
import { manifestDeclarations } from '../src-main/engine/permissions/declarations';
import { parseRoles } from '../src-main/engine/permissions/roles-file';

// V8's own test of an object's representation: a fast object shares its shape (hidden class) with
// its siblings; a dictionary object carries a hash table of its own (issue 16: about 3x the memory).
v8.setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
v8.setFlagsFromString('--no-allow-natives-syntax');

describe('withLazyPosition', () => {
  it('looks the position up once, when first read, and reads, spreads and serializes like a literal with getters', () => {
    let lookups = 0;
    const o = withLazyPosition({ id: 'a', index: 2 }, () => {
      lookups++;
      return { line: 7, column: 3 };
    });
    const literal = { id: 'a', index: 2, get line() { return 7; }, get column() { return 3; } };
    expect(lookups).toBe(0);
    expect(JSON.stringify(o)).toBe(JSON.stringify(literal));
    expect({ ...o, first: false }).toEqual({ id: 'a', index: 2, line: 7, column: 3, first: false });
    expect(Object.keys(o)).toEqual(['id', 'index', 'line', 'column']);
    expect(o).toEqual(literal);
    expect(lookups).toBe(1);
  });

  it('keeps role grants, roles, declared permissions, routes and required permissions fast objects (not one dictionary each)', () => {
    const roles = parseRoles('roles.yaml', 'roles:\n  admin:\n    grants: [a.b.c, a.b.d]\n  viewer:\n    grants: [a.b.c]\n');
    const manifest = parseManifest({
      dir: 'modules/a',
      file: 'modules/a/module.yaml',
      text: 'name: a\nversion: 1.0.0\npermissions:\n  - id: a.b.c\n    description: c\nroutes:\n  - method: GET\n    path: /a\n    permission: a.b.c\n',
    });
    const decl = manifestDeclarations(manifest);
    const objects = [...roles.roles, ...roles.roles.flatMap((r) => r.grants), ...decl.permissions, ...decl.routes, ...decl.routes.flatMap((r) => r.required)];
    expect(objects).toHaveLength(8);
    for (const o of objects) expect(hasFastProperties(o)).toBe(true);
    // The test itself tells the two apart: a literal with getters of its own is a dictionary.
    const at = () => ({ line: 1, column: 1 });
    expect(hasFastProperties({ id: 'x', get line() { return at().line; }, get column() { return at().column; } })).toBe(false);
    expect(roles.roles[0].grants[1]).toMatchObject({ id: 'a.b.d', index: 1, line: 3, column: 21 });
  });
});
