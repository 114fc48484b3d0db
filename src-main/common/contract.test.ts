import { describe, expect, it } from 'vitest';
import { isRequestName, REQUEST_NAMES, validateParams } from './contract';

describe('contract parameter validation', () => {
  it('knows every request', () => {
    expect(REQUEST_NAMES).toContain('file.save');
    expect(isRequestName('file.save')).toBe(true);
    expect(isRequestName('shell.exec')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
  });

  it.each([
    ['file.read', { path: 'modules/a/module.yaml' }, null],
    ['file.read', { path: '../etc/passwd' }, "file.read: 'path' must be a path inside the checkout"],
    ['file.read', { path: '/etc/passwd' }, "file.read: 'path' must be a path inside the checkout"],
    ['file.read', { path: 'C:\\Windows' }, "file.read: 'path' must be a path inside the checkout"],
    ['file.read', { path: 'a/../../b' }, "file.read: 'path' must be a path inside the checkout"],
    ['file.read', {}, "file.read: 'path' must be a string of at most 1024 characters"],
    ['file.read', { path: 'x', extra: 1 }, "file.read: unknown parameter 'extra'"],
    ['file.read', null, 'file.read: parameters must be an object'],
    ['file.save', { path: 'a.yaml', text: 'x', baseVersion: 'v', force: 'yes' }, "file.save: 'force' must be a boolean"],
    ['graph.export', { format: 'svg', edges: [] }, "graph.export: 'format' must be one of mermaid, dot"],
    ['graph.export', { format: 'dot', edges: ['dependency', 'bogus'] }, "graph.export: 'edges' must be a short list of valid values"],
    ['session.open', {}, null],
    ['session.open', { path: 42 }, "session.open: 'path' must be a string of at most 4096 characters"],
  ])('%s %j', (name, params, expected) => {
    expect(validateParams(name as never, params)).toBe(expected);
  });
});
