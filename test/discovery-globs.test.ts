import { describe, expect, it } from 'vitest';
import { couldHoldModules, expandBraces, matchFolders } from '../src-main/node/discover';
import { runBuiltCli, writeCheckout } from './helpers/checkout';
import { ok, testService } from './helpers/service';

/**
 * A checkout with no module must not pass (issue 13, item 12): an empty folder is not a platform
 * checkout (exit 2), a discovery glob that matches no module is module-glob-unmatched at its line
 * in platform.yaml, and brace globs (`packages/{a,b}`) are expanded like shells and glob
 * libraries do. Before, each of these was `✔ 0 errors in 0 modules`, exit 0, even with --strict.
 */

const manifest = (name: string) => `name: ${name}\nversion: 1.0.0\n`;

interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

function check(dir: string, ...more: string[]): { status: number; modules: string[]; findings: Finding[] } {
  const r = runBuiltCli(['check', dir, '--format', 'json', ...more]);
  const out = JSON.parse(r.stdout) as { modules: { name: string }[]; diagnostics: Finding[] };
  return { status: r.status, modules: out.modules.map((m) => m.name), findings: out.diagnostics };
}

describe('expandBraces', () => {
  it.each([
    ['modules/*', ['modules/*']],
    ['packages/{a,b}', ['packages/a', 'packages/b']],
    ['{apps,libs}/*/mods/{x,y}', ['apps/*/mods/x', 'apps/*/mods/y', 'libs/*/mods/x', 'libs/*/mods/y']],
    ['p/{a,b{1,2}}', ['p/a', 'p/b1', 'p/b2']],
    ['p/{a}', ['p/{a}']],
    ['p/{a,b', ['p/{a,b']],
  ])('%s', (glob, expected) => {
    expect(expandBraces(glob)).toEqual({ globs: expected, capped: false });
  });

  it('caps the number of alternatives', () => {
    const r = expandBraces('{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}');
    expect(r.capped).toBe(true);
    expect(r.globs).toHaveLength(256);
  });

  it('is used by the watcher test and the git-tree matcher too', () => {
    expect(couldHoldModules('packages/b', ['packages/{a,b}'])).toBe(true);
    expect(couldHoldModules('packages/c', ['packages/{a,b}'])).toBe(false);
    expect(matchFolders(new Set(['packages', 'packages/a', 'packages/b', 'packages/c']), ['packages/{a,b}'])).toEqual(['packages/a', 'packages/b']);
  });
});

describe('discovery that finds nothing is never a silent green', () => {
  it('a brace glob discovers each alternative', () => {
    const dir = writeCheckout({
      'platform.yaml': 'name: p\nmodules:\n  - packages/{a,b}\n',
      'packages/a/module.yaml': manifest('a'),
      'packages/b/module.yaml': manifest('b'),
      'packages/c/module.yaml': manifest('c'),
    });
    const r = check(dir);
    expect(r.status).toBe(0);
    expect(r.modules).toEqual(['a', 'b']);
    expect(r.findings).toEqual([]);
  });

  it('a glob that matches nothing is module-glob-unmatched at its line; the other globs still work', () => {
    const dir = writeCheckout({
      'platform.yaml': 'name: p\nmodules:\n  - packages/{a,b}\n  - libs/*\n  - empty/*\n',
      'packages/a/module.yaml': manifest('a'),
      'empty/not-a-module/README.md': 'no manifest here\n',
    });
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.modules).toEqual(['a']);
    expect(r.findings.map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['module-glob-unmatched platform.yaml:4', 'module-glob-unmatched platform.yaml:5']);
    expect(r.findings[0].message).toContain("module glob 'libs/*' matches no folder");
    expect(r.findings[1].message).toContain("module glob 'empty/*' matches 1 folder (empty/not-a-module) but none holds a module.yaml");
  });

  it('a platform.yaml whose (default) glob finds no module fails, with and without --strict', () => {
    const dir = writeCheckout({ 'platform.yaml': 'name: p\n' });
    for (const more of [[], ['--strict']]) {
      const r = check(dir, ...more);
      expect(r.status).toBe(1);
      expect(r.findings.map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['module-glob-unmatched platform.yaml:1']);
    }
  });

  it('a folder with neither platform.yaml nor a module is not a platform checkout (exit 2, one line on stderr)', () => {
    const dir = writeCheckout({ 'src/main.c': 'int main() {}\n', 'modules/README.md': 'soon\n' });
    const r = runBuiltCli(['check', dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([`mwb check: not a platform checkout: ${dir} has no platform.yaml and no module (looked for modules/*/module.yaml)`]);
  });

  it('the service refuses to open such a folder and keeps the open checkout', async () => {
    const good = writeCheckout({ 'modules/a/module.yaml': manifest('a') });
    const empty = writeCheckout({});
    const { service } = testService();
    await ok(service.handle('session.open', { path: good }));
    const r = await service.handle('session.open', { path: empty });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-a-platform-checkout', message: `not a platform checkout: ${empty} has no platform.yaml and no module (looked for modules/*/module.yaml)` } });
    const snap = await ok<{ modules: { name: string }[] }>(service.handle('session.snapshot', {}));
    expect(snap.modules.map((m) => m.name)).toEqual(['a']);
  });
});
