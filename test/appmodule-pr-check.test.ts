import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPrCheck } from '../src-main/service/changes';
import { FIXTURES, runBuiltCli } from './helpers/checkout';
import { commitAll, git, initRepo } from './helpers/git';

/** pr-check on an AppModule platform: the base's module.py files are read from git by the same adapter as the working tree. */

const lineOf = (repo: string, rel: string, needle: string): number => fs.readFileSync(path.join(repo, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
const edit = (repo: string, rel: string, change: (text: string) => string): void => {
  const abs = path.join(repo, rel);
  fs.writeFileSync(abs, change(fs.readFileSync(abs, 'utf8')));
};

describe('pr-check on an AppModule platform', () => {
  it('diffs apps, versions, dependencies and permissions, and finds a removed permission a router still requires and an unbumped version', async () => {
    const repo = initRepo();
    fs.cpSync(path.join(FIXTURES, 'appmodule/foundation'), repo, { recursive: true });
    commitAll(repo, 'base platform');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // Remove file:delete (delete_router still requires it), without bumping platform_files' version.
    const files = 'src/platform_apps/files/permissions.py';
    edit(repo, files, (t) => t.replace(/ {4}PermissionSpec\(\n {8}resource="file",\n {8}action="delete",[\s\S]*?\n {4}\),\n/, ''));
    // A new app depending on the example app; the example app bumps its version and adds a dependency.
    fs.mkdirSync(path.join(repo, 'src/apps/reports'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'src/apps/reports/__init__.py'), '');
    fs.writeFileSync(path.join(repo, 'src/apps/reports/module.py'), 'from core.apps import AppModule\n\nmodule = AppModule(label="reports", version="0.1.0", dependencies=["example_domain"])\n');
    edit(repo, 'src/apps/example_domain/module.py', (t) => t.replace('version="0.1.0"', 'version="0.2.0"').replace('dependencies=[],', 'dependencies=["platform_files"],'));
    commitAll(repo, 'feature');

    const { report } = await runPrCheck(repo, { base: 'main' });
    const modules = new Map(report.diff.modules.map((m) => [m.name, m]));
    expect(modules.get('reports')?.change).toBe('added');
    expect(modules.get('example_domain')?.change).toBe('changed');
    const json = JSON.stringify(report.diff);
    expect(json).toContain('file.delete');
    expect(json).toContain('0.2.0');
    expect(json).toContain('platform_files');

    const removal = report.diagnostics.filter((d) => d.rule === 'breaking-removal');
    const router = 'src/platform_apps/files/router.py';
    expect(removal).toEqual([expect.objectContaining({ file: router, line: lineOf(repo, router, '"file:delete"'), message: expect.stringContaining('file.delete') })]);
    const notBumped = report.diagnostics.filter((d) => d.rule === 'module-version-not-bumped');
    const files_module = 'src/platform_apps/files/module.py';
    expect(notBumped).toEqual([expect.objectContaining({ module: 'platform_files', file: files_module, line: lineOf(repo, files_module, 'version=') })]);
    // example_domain moved from 0.1.0 to 0.2.0: bumped.
    expect(notBumped.some((d) => d.module === 'example_domain')).toBe(false);

    // The built CLI says the same and fails the job.
    const cli = runBuiltCli(['pr-check', repo, '--base', 'main', '--format', 'json']);
    expect(cli.status).toBe(1);
    const out = JSON.parse(cli.stdout) as { diagnostics: { rule: string }[] };
    expect(out.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(['breaking-removal', 'module-version-not-bumped']));
  });
});
