import { describe, expect, it } from 'vitest';
import { blockOffsets } from './yaml-block-locator';

/** `shape(masked)`: the shape with the one-line scalar values of some top-level keys left out (position-edit.ts). */
describe('block shape with masked top-level values', () => {
  const shape = (text: string, masked?: string[]) => blockOffsets(text)?.shape(masked ? new Set(masked) : undefined);

  it('ignores a masked top-level scalar, however written, and nothing else', () => {
    const a = 'name: a\nversion: 1.0.0\ndescription: One\ndependencies:\n  - core\n';
    const b = 'name: a\nversion: "1.0.1"\ndescription: Two words\ndependencies:\n  - core\n';
    expect(shape(a)).not.toBe(shape(b));
    expect(shape(a, ['version', 'description'])).toBe(shape(b, ['version', 'description']));
    expect(shape(a, ['version'])).not.toBe(shape(b, ['version']));
    // Other keys still count: a dependency changed, or the masked key moved.
    expect(shape(a, ['version', 'description'])).not.toBe(shape(b.replace('- core', '- other'), ['version', 'description']));
    expect(shape(a, ['version', 'description'])).not.toBe(shape('version: 1.0.0\nname: a\ndescription: One\ndependencies:\n  - core\n', ['version', 'description']));
  });

  it('masks only top-level scalars: a nested key of the same name, or a list under the key, still counts', () => {
    const nested = (v: string) => `name: a\nconfig:\n  defaults:\n    version: ${v}\n`;
    expect(shape(nested('1'), ['version'])).not.toBe(shape(nested('2'), ['version']));
    expect(shape('description:\n  - a\n', ['description'])).not.toBe(shape('description: a\n', ['description']));
  });

  it('masks a nested path: keys and `*` (any list item) joined by spaces, scalars only', () => {
    const perms = (d: string, id = 'a.b.read') => `name: a\npermissions:\n  - id: ${id}\n    description: ${d}\ncapabilities:\n  provides:\n    - cap-a 1.0.0\n`;
    const masked = ['permissions * description', 'capabilities provides *'];
    expect(shape(perms('One'), masked)).toBe(shape(perms('"Two words"'), masked));
    expect(shape(perms('One'))).not.toBe(shape(perms('Two'), []));
    expect(shape(perms('One'), ['permissions * description'])).not.toBe(shape(perms('One').replace('cap-a 1.0.0', 'cap-a 1.0.1'), ['permissions * description']));
    expect(shape(perms('One'), masked)).toBe(shape(perms('One').replace('cap-a 1.0.0', 'cap-a 1.0.1'), masked));
    // The id beside the masked description still counts, and so does a list where a scalar was.
    expect(shape(perms('One'), masked)).not.toBe(shape(perms('One', 'a.b.write'), masked));
    expect(shape(perms('One'), masked)).not.toBe(shape(perms('One').replace('description: One', 'description:\n      - One'), masked));
  });
});
