import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { SimpleGit, SimpleGitOptions, simpleGit as SimpleGitFactory } from 'simple-git';

/**
 * Read-only git access for the pull-request check, through simple-git. Nothing here writes to
 * the repository: no checkout, no stash, no index refresh (GIT_OPTIONAL_LOCKS=0 and
 * --no-optional-locks keep even `ls-files` from rewriting the index), and files at a base
 * revision are read from git objects. Expected failures become a GitError with a code and a
 * message for people; the caller never sees git's raw output.
 */

export type GitErrorCode =
  | 'git-missing'
  | 'not-a-repository'
  | 'no-commits'
  | 'unknown-revision'
  | 'shallow-missing-base'
  | 'no-base'
  | 'unrelated-histories'
  | 'git-failed';

export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TreeEntry {
  /** Checkout-relative path with `/`. */
  path: string;
  /** Blob id. */
  object: string;
  size: number;
  symlink: boolean;
}

export interface HeadInfo {
  sha: string;
  branch: string | null;
  detached: boolean;
}

export interface CommitInfo {
  sha: string;
  subject: string;
  author: string;
  date: string;
}

export interface BranchInfo {
  name: string;
  sha: string;
  remote: boolean;
  current: boolean;
  date: string;
}

export interface ResolvedBase {
  rev: string;
  sha: string;
  subject: string;
  how: 'explicit' | 'merge-base';
  against?: string;
}

/** The refs tried, in order, for the default base (SPEC §6). */
export const DEFAULT_BASE_REFS: readonly { name: string; ref: string }[] = [
  { name: 'main', ref: 'refs/heads/main' },
  { name: 'master', ref: 'refs/heads/master' },
  { name: 'origin/HEAD', ref: 'refs/remotes/origin/HEAD' },
];

/** Environment variables simple-git guards; never handed to git from the ambient environment. */
const GUARDED = new Set(['editor', 'pager', 'prefix', 'visual', 'ssh_askpass']);

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const k = key.toLowerCase();
    if (k.startsWith('git') || GUARDED.has(k) || value === undefined) continue;
    env[key] = value;
  }
  // Read-only: no opportunistic index writes, no credential prompts; messages in English.
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return env;
}

/** simple-git, loaded on first use: only the pull-request check and Changes need git, not `check` or `graph` (issue 16: start-up). */
let factory: typeof SimpleGitFactory | null = null;

function makeGit(baseDir: string, extra: Partial<SimpleGitOptions> = {}): SimpleGit {
  factory ??= (createRequire(__filename)('simple-git') as { simpleGit: typeof SimpleGitFactory }).simpleGit;
  return factory({
    baseDir,
    trimmed: false,
    maxConcurrentProcesses: 4,
    // fsmonitor would let a repository's config start a program; it is switched off, which
    // simple-git counts as "configuring" it and so wants the flag.
    config: ['core.fsmonitor=false', 'core.quotePath=false'],
    unsafe: { allowUnsafeFsMonitor: true },
    allowEnvironment: ['GIT_OPTIONAL_LOCKS', 'GIT_TERMINAL_PROMPT'],
    ...extra,
  }).env(gitEnv());
}

function gitMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^(fatal|error):\s*/gm, '').trim().split('\n')[0] ?? text;
}

function isSpawnFailure(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${String((err as { code?: unknown }).code ?? '')}` : String(err);
  return /ENOENT|spawn git/.test(text);
}

/** A revision as given by a user: never an option, never empty, no control characters. */
export function checkRevision(rev: string): void {
  if (rev === '' || rev.startsWith('-') || /[\0-\x1f\x7f]/.test(rev) || rev.length > 256) {
    throw new GitError('unknown-revision', `'${rev}' is not a revision: give a branch, tag or commit (for example --base main)`);
  }
}

/**
 * One repository, seen from a checkout folder inside it (the checkout may be a subfolder of the
 * repository: paths are translated to checkout-relative ones).
 */
export class GitRepository {
  private constructor(
    private readonly git: SimpleGit,
    /** Absolute path of the work tree's top level. */
    readonly top: string,
    /** The checkout's path inside the repository, '' or ending with '/'. */
    readonly prefix: string,
    readonly objectFormat: 'sha1' | 'sha256',
    readonly shallow: boolean,
    /** Absolute path of the index file (`git rev-parse --git-path index`). */
    private readonly indexFile: string,
  ) {}

  /** Opens the repository that holds `checkout`; GitError when there is none or git is missing. */
  static async open(checkout: string): Promise<GitRepository> {
    const git = makeGit(checkout);
    let out: string;
    try {
      out = await git.raw(['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', '--show-object-format', '--git-path', 'index']);
    } catch (err) {
      if (isSpawnFailure(err)) throw new GitError('git-missing', 'git is not installed or not on the PATH; the pull-request check needs it');
      const message = gitMessage(err);
      if (/not a git repository/i.test(message)) throw new GitError('not-a-repository', `${checkout} is not inside a git repository: pr-check compares the working tree with a base revision, so the checkout must be a git clone`);
      throw new GitError('git-failed', `git cannot read the repository at ${checkout}: ${message}`);
    }
    const [top, prefix, shallow, format, index] = out.split('\n');
    if (!top) throw new GitError('not-a-repository', `${checkout} is inside a git folder but not in a work tree`);
    return new GitRepository(makeGit(top), top, prefix ?? '', format === 'sha256' ? 'sha256' : 'sha1', shallow === 'true', path.resolve(checkout, index || '.git/index'));
  }

  private async raw(args: string[]): Promise<string> {
    try {
      return await this.git.raw(['--no-optional-locks', ...args]);
    } catch (err) {
      throw new GitError('git-failed', `git ${args[0]} failed: ${gitMessage(err)}`);
    }
  }

  /** The commit a revision names, or null when it names none (an unknown name, or a missing object). */
  private async verifyCommit(rev: string): Promise<string | null> {
    const out = await this.raw(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`]);
    return out.trim() || null;
  }

  async head(): Promise<HeadInfo> {
    const sha = await this.verifyCommit('HEAD');
    if (!sha) {
      throw new GitError('no-commits', `the repository at ${this.top} has no commits yet: commit the platform, then pr-check compares the working tree with a base revision`);
    }
    const branch = (await this.raw(['symbolic-ref', '-q', '--short', 'HEAD'])).trim();
    return { sha, branch: branch || null, detached: branch === '' };
  }

  private async commitInfo(sha: string): Promise<CommitInfo> {
    const out = await this.raw(['show', '-s', '--no-show-signature', '--format=%H%x00%s%x00%an%x00%cI', sha, '--']);
    const [full, subject, author, date] = out.trim().split('\0');
    return { sha: full, subject: subject ?? '', author: author ?? '', date: date ?? '' };
  }

  /** `--base REV`: the commit it names. `head`: HEAD as the caller just read it (else read here). */
  async resolveBase(rev: string, head?: HeadInfo): Promise<ResolvedBase> {
    checkRevision(rev);
    if (!head) await this.head();
    const sha = await this.verifyCommit(rev);
    if (!sha) {
      if (this.shallow) {
        throw new GitError('shallow-missing-base', `the base '${rev}' is not in this shallow clone (its history is cut off); fetch more history with 'git fetch --unshallow' (or --deepen=N), then run pr-check again`);
      }
      throw new GitError('unknown-revision', `unknown revision '${rev}': no branch, tag or commit of that name in ${this.top}`);
    }
    const info = await this.commitInfo(sha);
    return { rev, sha, subject: info.subject, how: 'explicit' };
  }

  /** The default base: the merge base of HEAD with main, else master, else origin/HEAD. */
  async defaultBase(known?: HeadInfo): Promise<ResolvedBase> {
    const head = known ?? (await this.head());
    for (const candidate of DEFAULT_BASE_REFS) {
      const tip = await this.verifyCommit(candidate.ref);
      if (!tip) continue;
      let base = '';
      try {
        base = (await this.git.raw(['--no-optional-locks', 'merge-base', head.sha, tip])).trim();
      } catch (err) {
        throw new GitError('git-failed', `git merge-base failed: ${gitMessage(err)}`);
      }
      if (!base) {
        if (this.shallow) {
          throw new GitError('shallow-missing-base', `this is a shallow clone and the merge base of HEAD and ${candidate.name} is not in it; fetch more history with 'git fetch --unshallow' (or --deepen=N), or name a base that is present with --base REV`);
        }
        throw new GitError('unrelated-histories', `HEAD and ${candidate.name} share no history; name the base with --base REV`);
      }
      const info = await this.commitInfo(base);
      return { rev: `merge-base HEAD ${candidate.name}`, sha: base, subject: info.subject, how: 'merge-base', against: candidate.name };
    }
    const where = head.detached ? `HEAD is detached at ${head.sha.slice(0, 12)} and ` : '';
    throw new GitError('no-base', `${where}there is no main, master or origin/HEAD to compare with; name the base with --base REV (a branch, tag or commit)`);
  }

  private toCheckout(repoPath: string): string | null {
    if (!repoPath.startsWith(this.prefix)) return null;
    return repoPath.slice(this.prefix.length);
  }

  private pathspec(): string[] {
    return this.prefix ? ['--', this.prefix] : [];
  }

  /** The files of the checkout at a commit (blobs and symlinks; submodules left out). */
  async listTree(sha: string): Promise<TreeEntry[]> {
    const out = await this.raw(['ls-tree', '-r', '-l', '-z', '--full-tree', sha, ...this.pathspec()]);
    const entries: TreeEntry[] = [];
    for (const record of out.split('\0')) {
      if (!record) continue;
      const tab = record.indexOf('\t');
      const [mode, type, object, size] = record.slice(0, tab).split(/\s+/);
      if (type !== 'blob') continue;
      const rel = this.toCheckout(record.slice(tab + 1));
      if (rel === null || rel === '') continue;
      entries.push({ path: rel, object, size: Number(size) || 0, symlink: mode === '120000' });
    }
    return entries;
  }

  /**
   * Checkout-relative paths of the files git knows or would add: tracked, plus untracked ones that
   * are not ignored. `only`: just these checkout-relative paths (files, or folders with all below).
   */
  async workingFiles(only?: readonly string[]): Promise<string[]> {
    const spec = only ? ['--', ...only.map((p) => `:(literal)${this.prefix}${p}`)] : this.pathspec();
    const out = await this.raw(['ls-files', '-z', '--full-name', '--cached', '--others', '--exclude-standard', ...spec]);
    const set = new Set<string>();
    for (const p of out.split('\0')) {
      const rel = p ? this.toCheckout(p) : null;
      if (rel) set.add(rel);
    }
    return [...set].sort();
  }

  /** Reads blobs by id in one `git cat-file --batch` process. */
  async readBlobs(objects: readonly string[]): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(objects)];
    const result = new Map<string, Buffer>();
    if (wanted.length === 0) return result;
    const batch = makeGit(this.top, { input: () => `${wanted.join('\n')}\n` });
    let out: Buffer;
    try {
      out = await batch.binaryCatFile(['--batch']);
    } catch (err) {
      throw new GitError('git-failed', `git cat-file failed: ${gitMessage(err)}`);
    }
    let pos = 0;
    while (pos < out.length) {
      const eol = out.indexOf(0x0a, pos);
      if (eol < 0) break;
      const header = out.subarray(pos, eol).toString('utf8').split(' ');
      pos = eol + 1;
      if (header[1] === 'missing' || header.length < 3) continue;
      const size = Number(header[2]);
      result.set(header[0], out.subarray(pos, pos + size));
      pos += size + 1;
    }
    return result;
  }

  /**
   * What names commits here: every ref with its commit and what HEAD is (the branch, or a detached
   * commit). Equal stamps mean every revision resolves as it did. Null where git cannot say (no commits).
   */
  static async refsStamp(checkout: string): Promise<string | null> {
    const git = makeGit(checkout);
    try {
      const [refs, symbolic] = await Promise.all([git.raw(['--no-optional-locks', 'show-ref', '--head']), git.raw(['--no-optional-locks', 'symbolic-ref', '-q', 'HEAD'])]);
      return `${symbolic.trim()}\n${refs}`;
    } catch {
      return null;
    }
  }

  /**
   * What git's index is now (size, times, inode of its file): equal stamps mean the same tracked
   * files (an index write replaces the file). Null when there is none.
   */
  indexStamp(): string | null {
    try {
      const st = fs.statSync(this.indexFile);
      return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
    } catch {
      return null;
    }
  }

  /** Local and remote-tracking branches, most recent first. */
  async branches(): Promise<BranchInfo[]> {
    const current = (await this.raw(['symbolic-ref', '-q', 'HEAD'])).trim();
    const out = await this.raw(['for-each-ref', '--sort=-committerdate', '--format=%(refname)%00%(objectname)%00%(committerdate:iso-strict)%00%(objecttype)', 'refs/heads', 'refs/remotes']);
    const list: BranchInfo[] = [];
    for (const line of out.split('\n')) {
      if (!line) continue;
      const [ref, sha, date, type] = line.split('\0');
      if (type !== 'commit' || ref.endsWith('/HEAD')) continue;
      const remote = ref.startsWith('refs/remotes/');
      list.push({ name: ref.replace(/^refs\/(heads|remotes)\//, ''), sha, remote, current: ref === current, date });
    }
    return list;
  }

  /** The last commits reachable from HEAD, newest first. */
  async recentCommits(limit: number): Promise<CommitInfo[]> {
    await this.head();
    const out = await this.raw(['log', `-n${Math.max(1, Math.min(limit, 500))}`, '--no-show-signature', '--format=%H%x00%s%x00%an%x00%cI', 'HEAD', '--']);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, subject, author, date] = line.split('\0');
        return { sha, subject, author, date };
      });
  }
}

/** The git object id of a file's bytes as git would store them without filters. */
export function blobId(bytes: Uint8Array, format: 'sha1' | 'sha256'): string {
  const hash = crypto.createHash(format);
  hash.update(`blob ${bytes.length}\0`);
  hash.update(bytes);
  return hash.digest('hex');
}

export type WorkingFile = { kind: 'file' | 'symlink'; bytes: Buffer } | { kind: 'missing' } | { kind: 'other' };

/** Reads a working-tree file for comparison with a blob (a symlink as its target, like git). */
export function readWorkingFile(abs: string): WorkingFile {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(abs);
  } catch {
    return { kind: 'missing' };
  }
  try {
    if (stat.isSymbolicLink()) return { kind: 'symlink', bytes: Buffer.from(fs.readlinkSync(abs), 'utf8') };
    if (stat.isFile()) return { kind: 'file', bytes: fs.readFileSync(abs) };
  } catch {
    return { kind: 'other' };
  }
  return { kind: 'other' };
}

/** Absolute path of a checkout-relative one. */
export function checkoutPath(root: string, rel: string): string {
  return path.join(root, ...rel.split('/'));
}
