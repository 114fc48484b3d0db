import { describe, expect, it } from 'vitest';
import { createResolver, dictGet, findCalls, kwarg, literalString, literalStrings, parsePythonFile, type PyFile, type PyValue } from '.';

function files(entries: Record<string, string>): Map<string, PyFile> {
  return new Map(Object.entries(entries).map(([p, t]) => [p, parsePythonFile(p, t)]));
}

/** The literal content of a resolved value, without spans. */
function plain(v: PyValue): unknown {
  switch (v.kind) {
    case 'str':
    case 'number':
    case 'bool':
      return v.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return v.items.map(plain);
    case 'dict':
      return Object.fromEntries(v.entries.map((e) => [String(plain(e.key)), plain(e.value)]));
    case 'call':
      return { call: v.callee, args: v.args.map(plain), ...Object.fromEntries(v.kwargs.map((k) => [k.name, plain(k.value)])) };
    case 'name':
      return `<name ${v.name}>`;
    case 'unknown':
      return `<unknown: ${v.reason}>`;
  }
}

describe('python static reader', () => {
  it('reads literals of every kind with their positions, never running anything', () => {
    const f = parsePythonFile(
      'm/__manifest__.py',
      [
        '# -*- coding: utf-8 -*-',
        '{',
        '    "name": "Sale " \'Workflow\',',
        '    "version": "16.0.1.2.0",',
        "    'depends': ['sale', \"stock\",],  # trailing comma",
        '    "installable": True, "auto_install": False, "sequence": -3, "ratio": 1_000.5, "x": None,',
        '    "data": ("a.xml",), "raw": r"C:\\path", "esc": "tab\\there\\u00e9", "tri": """two',
        'lines""",',
        '    "set": {1, 2}, "f": f"plain {{braces}}", "b": b"bytes",',
        '}',
      ].join('\n'),
    );
    expect(f.syntaxErrors).toEqual([]);
    expect(f.expressions).toHaveLength(1);
    expect(plain(f.expressions[0])).toEqual({
      name: 'Sale Workflow', version: '16.0.1.2.0', depends: ['sale', 'stock'], installable: true, auto_install: false,
      sequence: -3, ratio: 1000.5, x: null, data: ['a.xml'], raw: 'C:\\path', esc: 'tab\there\u00e9', tri: 'two\nlines',
      set: [1, 2], f: 'plain {braces}', b: 'bytes',
    });
    expect(dictGet(f.expressions[0], 'depends')).toMatchObject({ kind: 'list', line: 5, column: 16, endLine: 5 });
    expect(findCalls(f, new Set(['anything']))).toEqual([]);
  });

  it('reads a top-level binding of a dict literal', () => {
    const f = parsePythonFile('a.py', 'MANIFEST = {"name": "A", "depends": ["base", "web"], "version": "16.0.1.0.0"}\n');
    const m = f.assignments.get('MANIFEST');
    expect(plain(m!)).toEqual({ name: 'A', depends: ['base', 'web'], version: '16.0.1.0.0' });
    expect(dictGet(m, 'depends')).toMatchObject({ kind: 'list', line: 1, column: 37 });
  });

  it('decodes prefixes, escapes, implicit concatenation and triple quotes', () => {
    const f = parsePythonFile('s.py', ['A = "Sale " \'Workflow\'', 'B = r"C:\\new"', 'C = "t\\tx\\u00e9\\x41\\101"', 'D = """two\nlines"""', 'E = f"{{lit}}"', 'G = f"{x}"'].join('\n'));
    const get = (n: string): unknown => plain(f.assignments.get(n)!);
    expect(get('A')).toBe('Sale Workflow');
    expect(get('B')).toBe('C:\\new');
    expect(get('C')).toBe('t\txéAA');
    expect(get('D')).toBe('two\nlines');
    expect(get('E')).toBe('{lit}');
    expect(get('G')).toBe('<unknown: an f-string with replacement fields>');
  });

  it('finds AppModule calls anywhere and follows names into sibling and absolute imports', () => {
    const fs = files({
      'src/platform_apps/files/module.py': [
        'from core.apps import AppModule, MigrationSpec',
        'from platform_apps.files.permissions import PERMISSIONS',
        'from .caps import PROVIDED as P',
        'from . import settings',
        '',
        'BASE_DEPS = ["platform_accounts"]',
        'module = AppModule(',
        '    label="platform_files",',
        '    version="0.1.0",',
        '    dependencies=BASE_DEPS + ["platform_tenants >= 0.1"],',
        '    provided_capabilities=[*P, "files"],',
        '    required_capabilities=settings.REQUIRED,',
        '    migrations=MigrationSpec(path="platform_apps.files.migrations"),',
        '    permissions=PERMISSIONS,',
        '    routers=[router, make_router()],',
        ')',
      ].join('\n'),
      'src/platform_apps/files/permissions.py': [
        'from core.permissions import PermissionSpec',
        'PERMISSIONS = [',
        '    PermissionSpec(resource="file", action="upload", scope="tenant", risk_level="normal"),',
        '    PermissionSpec(resource="file", action="delete", risk_level=RiskLevel.HIGH),',
        ']',
      ].join('\n'),
      'src/platform_apps/files/caps.py': 'PROVIDED = ("storage",)\n',
      'src/platform_apps/files/settings.py': 'REQUIRED = ["db", "blob"]\n',
      'other/platform_apps/files/permissions.py': 'PERMISSIONS = ["wrong root"]\n',
    });
    const module = fs.get('src/platform_apps/files/module.py')!;
    const [call] = findCalls(module, new Set(['AppModule']));
    expect(call).toMatchObject({ callee: 'AppModule', line: 7 });
    const r = createResolver(fs);
    const resolved = r.resolve(call, module);
    expect(resolved.kind).toBe('call');
    if (resolved.kind !== 'call') return;
    expect(literalString(kwarg(resolved, 'label')?.value)).toBe('platform_files');
    expect(literalStrings(kwarg(resolved, 'dependencies')?.value).values).toEqual(['platform_accounts', 'platform_tenants >= 0.1']);
    expect(literalStrings(kwarg(resolved, 'provided_capabilities')?.value).values).toEqual(['storage', 'files']);
    expect(literalStrings(kwarg(resolved, 'required_capabilities')?.value).values).toEqual(['db', 'blob']);
    const perms = kwarg(resolved, 'permissions')!.value;
    expect(plain(perms)).toEqual([
      { call: 'PermissionSpec', args: [], resource: 'file', action: 'upload', scope: 'tenant', risk_level: 'normal' },
      { call: 'PermissionSpec', args: [], resource: 'file', action: 'delete', risk_level: '<name RiskLevel.HIGH>' },
    ]);
    // The resolved permissions keep the file and line they were written at.
    expect(perms.kind === 'list' && perms.items[1]).toMatchObject({ file: 'src/platform_apps/files/permissions.py', line: 4 });
    // A computed value stays unknown at its own line; the rest still reads.
    const routers = kwarg(resolved, 'routers')!.value;
    expect(plain(routers)).toEqual(['<name router>', { call: 'make_router', args: [] }]);
    expect(kwarg(resolved, 'label')).toMatchObject({ line: 8, column: 5 });
  });

  it('says why a value cannot be read, and guards against cycles', () => {
    const fs = files({
      'a.py': ['A = B', 'B = A', 'C = [x for x in y]', 'D = os.environ.get("X")', 'E = 1 if y else 2', 'F = ["a"]', 'F += ["b"]', 'G = F + H'].join('\n'),
    });
    const a = fs.get('a.py')!;
    const r = createResolver(fs);
    const get = (n: string): unknown => plain(r.resolve(a.assignments.get(n)!, a));
    expect(get('A')).toMatch(/defined in terms of itself/);
    expect(get('C')).toBe('<unknown: a list comprehension>');
    expect(get('D')).toEqual({ call: 'os.environ.get', args: ['X'] });
    expect(get('E')).toBe('<unknown: a conditional expression>');
    expect(get('F')).toEqual(['a', 'b']);
    expect(get('G')).toBe('<unknown: the name H, which is not bound to a literal in the files read>');
    expect(r.resolve(a.assignments.get('C')!, a)).toMatchObject({ line: 3, column: 5 });
  });

  it('does not call valid code a syntax error (a bare yield, a grammar gap of the parser)', () => {
    const f = parsePythonFile('ctx.py', ['@contextmanager', 'def ctx():', '    token = VAR.set(1)', '    try:', '        yield', '    finally:', '        VAR.reset(token)', 'X = [1]'].join('\n'));
    expect(f.syntaxErrors).toEqual([]);
    expect(plain(f.assignments.get('X')!)).toEqual([1]);
  });

  it('reports syntax errors with their line and still reads the statements before them', () => {
    const f = parsePythonFile('bad.py', 'OK = ["a"]\nBROKEN = (\n');
    expect(plain(f.assignments.get('OK')!)).toEqual(['a']);
    expect(f.syntaxErrors.length).toBeGreaterThan(0);
    expect(f.syntaxErrors[0].line).toBeGreaterThanOrEqual(2);
  });
});
