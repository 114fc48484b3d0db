import fs from 'node:fs';
import type { FileChange, PlatformDiff } from '../common/contract-changes';
import { diffPlatforms } from '../engine/pr-diff';
import { readRoleGrants, type RoleGrant } from '../engine/pr-rules';
import type { Registry } from '../engine/registry';
import type { GitRepository, HeadInfo, ResolvedBase, TreeEntry } from '../node/git';
import type { HeldComparison } from './changes-compare';

/**
 * What an open session's pull-request checks keep between runs (issue 16: the Changes view checks
 * again after every edit, and its first visit should find the work done): what is fixed by a base
 * commit (its file listing and the platform built from it) and the results of pure steps whose
 * inputs did not change (the semantic diff, the roles file's grants). Every run still resolves the
 * base and lists and compares the working tree, so each answer is as fresh as the run.
 */
export class PrCheckMemo {
  private readonly trees = new Map<string, TreeEntry[]>();
  private readonly bases = new Map<string, Registry>();
  private diffs: { base: Registry; head: Registry; files: string; diff: PlatformDiff } | null = null;
  private roles: { file: string; text: string; grants: RoleGrant[] } | null = null;
  private resolved: { key: string; repo: GitRepository; head: HeadInfo; base: ResolvedBase } | null = null;
  /** A comparison met a file in a folder the watcher skips (node_modules, .workbench ...): its edits go unseen. */
  sawUnwatched = false;
  /** The last comparison of the working tree, for the next one to compare only the files edited since (changes-compare.ts). */
  comparison: HeldComparison | null = null;
  /** How the last comparison was made: the whole tree, or the files edited since the one before. */
  compared: 'whole' | 'edited' | null = null;

  /** The files of a commit: a commit never changes, so neither does its listing. */
  async tree(sha: string, list: () => Promise<TreeEntry[]>): Promise<TreeEntry[]> {
    return remember(this.trees, sha, list);
  }

  /**
   * The platform at a base commit. It is a function of the commit's files alone (files the working
   * tree holds unchanged are read from the working tree or taken from its parse, with the same bytes).
   */
  async base(root: string, sha: string, adapter: string, build: () => Promise<Registry>): Promise<Registry> {
    return remember(this.bases, `${root}\0${sha}\0${adapter}`, build);
  }

  /**
   * The repository, HEAD and the base a revision names: a function of the refs and HEAD
   * (`GitRepository.refsStamp`, one call of git instead of six), kept while they are the same.
   */
  async resolve(stamp: string | null, rev: string | undefined, resolve: () => Promise<{ repo: GitRepository; head: HeadInfo; base: ResolvedBase }>) {
    const key = stamp === null ? null : `${rev === undefined ? '' : `=${rev}`}\0${stamp}`;
    if (key !== null && this.resolved?.key === key) return this.resolved;
    const made = await resolve();
    if (key !== null) this.resolved = { key, ...made };
    return made;
  }

  diff(base: Registry, head: Registry, files: readonly FileChange[]): PlatformDiff {
    const key = JSON.stringify(files);
    const held = this.diffs;
    if (held && held.base === base && held.head === head && held.files === key) return held.diff;
    const diff = diffPlatforms(base, head, files);
    this.diffs = { base, head, files: key, diff };
    return diff;
  }

  roleGrants(file: string, text: string): RoleGrant[] {
    if (this.roles?.file !== file || this.roles.text !== text) this.roles = { file, text, grants: readRoleGrants(file, text) };
    return this.roles.grants;
  }
}

/** The last two by key (a base and the one compared before it). */
async function remember<T>(map: Map<string, T>, key: string, make: () => Promise<T>): Promise<T> {
  const held = map.get(key);
  if (held !== undefined) return held;
  const made = await make();
  map.set(key, made);
  for (const k of map.keys()) {
    if (map.size <= 2) break;
    map.delete(k);
  }
  return made;
}

/**
 * Blob ids of working-tree files from earlier checks, kept by an open session: a file whose lstat
 * (size, mtime, ctime, inode, mode) is what it was is not read and hashed again. A file modified
 * less than two seconds before it was read is not kept (a later write in the same clock tick could
 * leave its times unchanged), as git treats "racily clean" index entries.
 */
export class WorkingBlobs {
  private readonly known = new Map<string, { stat: string; symlink: boolean; blob: string }>();

  get size(): number {
    return this.known.size;
  }

  private static key(st: fs.Stats): string {
    return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.mode}`;
  }

  /** The blob id of an unchanged file, or undefined. */
  lookup(rel: string, abs: string): { symlink: boolean; blob: string } | undefined {
    const hit = this.known.get(rel);
    if (!hit) return undefined;
    try {
      if (WorkingBlobs.key(fs.lstatSync(abs)) === hit.stat) return hit;
    } catch {
      // Gone: read as such below.
    }
    this.known.delete(rel);
    return undefined;
  }

  store(rel: string, st: fs.Stats | undefined, symlink: boolean, blob: string): void {
    if (st && st.mtimeMs < Date.now() - 2000) this.known.set(rel, { stat: WorkingBlobs.key(st), symlink, blob });
  }
}

/** What an open session keeps for its pull-request checks: a new one for each checkout opened. */
export function prCheckState(): { blobs: WorkingBlobs; memo: PrCheckMemo } {
  return { blobs: new WorkingBlobs(), memo: new PrCheckMemo() };
}
