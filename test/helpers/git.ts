import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE } from './checkout';

/**
 * Real git repositories in temp folders for the pull-request tests: a fixed identity and dates,
 * and no user or system configuration, so that results do not depend on the machine.
 */
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'Ada Tester',
  GIT_AUTHOR_EMAIL: 'ada@example.test',
  GIT_COMMITTER_NAME: 'Ada Tester',
  GIT_COMMITTER_EMAIL: 'ada@example.test',
  GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z',
  LC_ALL: 'C',
};

/** Runs git in `dir`; throws with git's output when it fails. */
export function git(dir: string, ...args: string[]): string {
  return gitWith({}, dir, ...args);
}

export function gitWith(env: NodeJS.ProcessEnv, dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, env: { ...ENV, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** A new repository in a temp folder with `main` as its first branch. */
export function initRepo(branch = 'main'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-git-'));
  git(dir, 'init', '-q', '-b', branch);
  return dir;
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** A repository holding the example platform committed on main, checked out on a new branch `feature`. */
export function exampleOnFeatureBranch(): string {
  const dir = initRepo();
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  commitAll(dir, 'platform');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

/** Replaces everything but `.git` in `dir` with the contents of `source` (files absent there are deleted). */
export function replaceTree(dir: string, source: string): void {
  for (const entry of fs.readdirSync(dir)) if (entry !== '.git') fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  fs.cpSync(source, dir, { recursive: true });
}

/** Writes files (relative path -> text) into a folder, creating folders as needed. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

/**
 * What must not change when pr-check runs: the index file's bytes (read first), porcelain status
 * (asked without optional locks, so that asking does not rewrite the index), HEAD and the refs.
 */
export function repoState(dir: string): { index: string; status: string; head: string; refs: string } {
  const indexFile = path.join(dir, '.git', 'index');
  const index = fs.existsSync(indexFile) ? fs.readFileSync(indexFile).toString('base64') : '';
  return {
    index,
    status: gitWith({ GIT_OPTIONAL_LOCKS: '0' }, dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    head: fs.readFileSync(path.join(dir, '.git', 'HEAD'), 'utf8'),
    refs: git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'),
  };
}

export { ENV as GIT_TEST_ENV };
