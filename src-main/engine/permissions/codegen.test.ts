import { describe, expect, it } from 'vitest';
import { generatePermissionConstants, type CodegenPermission } from './codegen';

const perm = (id: string): CodegenPermission => ({ id, module: id.split('.')[0], description: null, wildcard: id.includes('*') });
const constants = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/^(?:export const |const )?([A-Za-z_][A-Za-z0-9_]*)(?:: Final)? = ['"]([^'"]+)['"]/gm)].map((m) => [m[1], m[2]]));

describe('permission constants: a name is a function of its id alone', () => {
  it('adding ids never renames or retargets an existing constant (issue 13: APP_ALL moved to app.*)', () => {
    for (const lang of ['ts', 'python', 'go'] as const) {
      const before = constants(generatePermissionConstants(lang, 'p', ['app.all', 'app.a_b.read', 'app.x.read'].map(perm)).text);
      const after = constants(generatePermissionConstants(lang, 'p', ['app.*', 'app.all', 'app.a_b.read', 'app.x.read', 'app.*.read', '*.read'].map(perm)).text);
      for (const [name, id] of Object.entries(before)) expect(after[name], `${lang} ${name}`).toBe(id);
    }
    const ts = constants(generatePermissionConstants('ts', 'p', ['app.*', 'app.all', 'app.*.read', '*.read'].map(perm)).text);
    expect(ts).toEqual({ APP_ALL_: 'app.*', APP_ALL: 'app.all', APP_ALL__READ: 'app.*.read', ALL__READ: '*.read' });
    const go = constants(generatePermissionConstants('go', 'p', ['app.*', 'app.all', 'app.*.read'].map(perm)).text);
    expect(go).toEqual({ AppAll_: 'app.*', AppAll: 'app.all', AppAll_Read: 'app.*.read' });
  });

  it('two ids that would share a name are an error naming both; nothing is generated', () => {
    const out = generatePermissionConstants('ts', 'p', ['app.a_b.read', 'app.a-b.read', 'app.x.read'].map(perm));
    expect(out.text).toBe('');
    expect(out.collisions).toEqual([{ name: 'APP_A_B_READ', ids: ['app.a-b.read', 'app.a_b.read'] }]);
    // Go splits segments at - and _ alike: the same collision.
    expect(generatePermissionConstants('go', 'p', ['app.a_b.read', 'app.a-b.read'].map(perm)).collisions).toEqual([{ name: 'AppABRead', ids: ['app.a-b.read', 'app.a_b.read'] }]);
    // A name the file itself uses.
    expect(generatePermissionConstants('python', 'p', [perm('all.permissions')]).collisions).toEqual([{ name: 'ALL_PERMISSIONS', ids: ['all.permissions'], reserved: 'ALL_PERMISSIONS' }]);
  });

  it('an id declared twice is one constant, not a collision', () => {
    const out = generatePermissionConstants('ts', 'p', ['a.b.c', 'a.b.c'].map(perm));
    expect(out.collisions).toEqual([]);
    expect(out.count).toBe(1);
  });
});
