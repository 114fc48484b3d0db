import { describe, expect, it } from 'vitest';
import { parseYamlSource } from './yaml-source';

const text = ['# comment', 'name: billing', 'dependencies:', '  - core', '  - payments >= 1.0.0', 'config:', '  defaults: {retries: 3}', ''].join('\n');

describe('parseYamlSource', () => {
  it('locates values, keys and list items by path', () => {
    const src = parseYamlSource('m.yaml', text);
    expect(src.diagnostics).toEqual([]);
    expect(src.locator.at(['name'])).toEqual({ line: 2, column: 7 });
    expect(src.locator.at(['name'], 'key')).toEqual({ line: 2, column: 1 });
    expect(src.locator.at(['dependencies', 1])).toEqual({ line: 5, column: 5 });
    expect(src.locator.item(['dependencies'], 'core')).toEqual({ line: 4, column: 5 });
    expect(src.locator.at(['config', 'defaults', 'retries'])).toEqual({ line: 7, column: 23 });
  });

  it('falls back to the nearest existing ancestor', () => {
    const src = parseYamlSource('m.yaml', text);
    expect(src.locator.at(['config', 'schema', 'x'])).toEqual({ line: 7, column: 3 });
    expect(src.locator.at(['missing'])).toEqual({ line: 2, column: 1 });
  });

  it('a key that is a list or a map is an error at the key, never a stringified key (issue 13 item 13)', () => {
    const src = parseYamlSource('m.yaml', 'name: a\nconfig:\n  x: 1\n  ? {k: v}\n  : 2\n');
    expect(src.value).toBeUndefined();
    expect(src.diagnostics).toEqual([expect.objectContaining({ rule: 'manifest-parse-error', line: 4, column: 5 })]);
  });

  it('nesting too deep for the reader is reported where it passes 100 levels, the same on every thread (issue 13 item 14)', () => {
    const src = parseYamlSource('m.yaml', `a: 1\nb: ${'{k: '.repeat(4000)}1${'}'.repeat(4000)}\n`);
    expect(src.diagnostics).toHaveLength(1);
    // The root map, then b's flow maps: the 101st list or map starts at column 4 + 99 * 4.
    expect(src.diagnostics[0]).toMatchObject({ line: 2, column: 4 + 99 * 4 });
    expect(src.diagnostics[0].message).toMatch(/^YAML nested too deeply/);
    // Deep but readable YAML is read.
    expect(parseYamlSource('m.yaml', `b: ${'['.repeat(150)}${']'.repeat(150)}\n`).diagnostics).toEqual([]);
  });

  it('reports duplicate keys at the second key', () => {
    const src = parseYamlSource('m.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(src.diagnostics).toHaveLength(1);
    expect(src.diagnostics[0]).toMatchObject({ rule: 'manifest-parse-error', line: 3, column: 1 });
    expect(src.diagnostics[0].message).toMatch(/^duplicate key/);
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const src = parseYamlSource('m.yaml', lines.join('\n'));
    expect(src.value).toBeUndefined();
    expect(src.diagnostics[0]).toMatchObject({ rule: 'manifest-parse-error', line: 3, column: 9 });
    expect(src.diagnostics[0].message).toMatch(/alias bomb/);
  });

  it('an empty document is empty, not an error', () => {
    const src = parseYamlSource('m.yaml', '# nothing here\n');
    expect(src).toMatchObject({ value: null, empty: true, diagnostics: [] });
  });
});

describe('error positions point at the cause', () => {
  it('an unclosed quote points at its opening quote, not the end of the file', () => {
    expect(parseYamlSource('m.yaml', 'a: "abc\nb: 1\n').diagnostics[0]).toMatchObject({ line: 1, column: 4 });
    // An apostrophe inside a plain scalar opens nothing.
    expect(parseYamlSource('m.yaml', "a: it's\nb: 'x\nc: 2\n").diagnostics[0]).toMatchObject({ line: 2, column: 4 });
  });

  it('an alias with no anchor says so, at the alias', () => {
    const d = parseYamlSource('m.yaml', 'a: 1\nb: *missing\n').diagnostics[0];
    expect(d).toMatchObject({ line: 2, column: 4, message: "alias '*missing' refers to no anchor: define '&missing' before it is used" });
  });
});
