import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './helpers/checkout';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const script = (shell: string) => {
  const run = runBuiltCli(['completion', shell]);
  expect(run.status, run.stderr).toBe(0);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-completion-')), `mwb.${shell}`);
  fs.writeFileSync(file, run.stdout);
  return file;
};

/** What bash completes for a command line (the words so far, the last one being completed). */
function bashComplete(file: string, words: string[], cwd = os.tmpdir()): string[] {
  const r = spawnSync('bash', ['-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _mwb; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', file, ...words], { cwd, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('mwb completion', () => {
  it('refuses an unknown shell', () => {
    const r = runBuiltCli(['completion', 'tcsh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected one of bash, zsh, fish');
  });

  it.skipIf(!has('bash') && !process.env.CI)('bash: commands, subcommands, options, option values and folders', () => {
    const file = script('bash');
    expect(bashComplete(file, ['mwb', 'ch'])).toEqual(['check']);
    expect(bashComplete(file, ['mwb', 'p'])).toEqual(['permissions', 'pr-check']);
    expect(bashComplete(file, ['mwb', 'check', '--f'])).toEqual(['--format']);
    expect(bashComplete(file, ['mwb', 'check', '--format', 'g'])).toEqual(['github', 'gitlab']);
    expect(bashComplete(file, ['mwb', 'permissions', ''])).toEqual(['catalog', 'codegen', 'reconcile']);
    expect(bashComplete(file, ['mwb', 'permissions', 'codegen', '--lang', ''])).toEqual(['go', 'python', 'ts']);
    expect(bashComplete(file, ['mwb', 'permissions', 'reconcile', '--'])).toEqual(['--apply', '--format', '--help', '--remove-stale']);
    expect(bashComplete(file, ['mwb', 'notes', 'list', '--k'])).toEqual(['--kind']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-dirs-'));
    fs.mkdirSync(path.join(dir, 'platform-a'));
    fs.writeFileSync(path.join(dir, 'platform-file'), '');
    expect(bashComplete(file, ['mwb', 'check', 'plat'], dir)).toEqual(['platform-a']);
  });

  it.skipIf(!has('fish') && !process.env.CI)('fish: the same, through fish\'s own `complete -C`', () => {
    const file = script('fish');
    const complete = (line: string) => {
      const r = spawnSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C $argv[2]`, file, line], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort();
    };
    expect(complete('mwb ch')).toEqual(['check']);
    expect(complete('mwb check --format gi')).toEqual(['github', 'gitlab']);
    expect(complete('mwb notes ')).toEqual(['list', 'new']);
    // `list` is a command and a notes subcommand: each gets its own options.
    expect(complete('mwb notes list --')).toEqual(expect.arrayContaining(['--kind', '--status', '--format']));
    expect(complete('mwb list --')).not.toContain('--kind');
  });

  it.skipIf(!has('zsh') && !process.env.CI)('zsh: a #compdef function that zsh parses and loads with compinit', () => {
    const file = script('zsh');
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe('#compdef mwb module-workbench');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const r = spawnSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -u -D && source "$1" && print -r -- $_comps[mwb]`, 'zsh', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('_mwb');
  });
});
