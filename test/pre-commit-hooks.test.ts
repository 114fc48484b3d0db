import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, REPO, runBuiltCli } from './helpers/checkout';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames?: boolean;
  stages?: string[];
}

// Keys and values from pre-commit's hook manifest schema (pre_commit/clientlib.py, MANIFEST_HOOK_DICT).
const KEYS = new Set(['id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'minimum_pre_commit_version', 'require_serial', 'stages', 'verbose']);

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('is a list of hooks pre-commit accepts: mwb check and mwb pr-check', () => {
    expect(hooks.map((h) => h.id)).toEqual(['mwb-check', 'mwb-pr-check']);
    for (const h of hooks) {
      for (const k of ['id', 'name', 'entry', 'language']) expect(typeof (h as unknown as Record<string, unknown>)[k], `${h.id}.${k}`).toBe('string');
      for (const k of Object.keys(h)) expect(KEYS.has(k), `${h.id}: unknown key ${k}`).toBe(true);
      // Stage names changed in pre-commit 3.2; the manifest names none so that every version accepts it.
      expect(h.stages).toBeUndefined();
      expect(h.language).toBe('system');
      // The whole checkout is checked, never a list of file names (they would be read as checkouts).
      expect(h.pass_filenames).toBe(false);
    }
  });

  // pre-commit itself (Debian's `pre-commit` package) where it is installed.
  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!preCommit && !process.env.CI)('passes pre-commit validate-manifest', () => {
    const r = spawnSync('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('names commands the CLI has, and the bin the package installs', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    for (const h of hooks) {
      const [bin, command, ...rest] = h.entry.split(' ');
      expect(pkg.bin[bin]).toBe('bin/module-workbench.js');
      expect(rest).toEqual([]);
      const help = runBuiltCli([command, '--help']);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toContain(`mwb ${command}`);
    }
  });

  it('runs the check hook as pre-commit does (from the repository root, no file names) and it passes on the example platform', () => {
    const hook = hooks[0];
    const run = runBuiltCli(hook.entry.split(' ').slice(1), { cwd: EXAMPLE });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const files = new RegExp(hook.files ?? '');
    for (const f of ['modules/billing/module.yaml', 'platform.yaml', 'roles.yaml', 'modules/billing/migrations/billing_0001_x.expand.sql', 'docs/notes/0001-a.md']) expect(files.test(f), f).toBe(true);
    expect(files.test('src/app.ts')).toBe(false);
  });
});
