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
});
