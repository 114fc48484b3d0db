import fs from 'node:fs';
import type { FileChange, PrCheckProgress } from '../common/contract-changes';
import { blobId, checkoutPath, type GitRepository, readWorkingFile, type TreeEntry } from '../node/git';
import { MAX_TEXT_FILE_BYTES } from '../node/text-file';
import { isUnwatchedPath } from '../node/watch';
import type { PrCheckMemo, WorkingBlobs } from './changes-memo';
import type { WorkingEdits } from './working-edits';

/**
 * Which files differ between a base commit and the working tree, by content (the pull-request
 * check, changes.ts). In a watched session, a comparison after edits the session saw compares only
 * the files they name, from the comparison before (issue 16): the base commit, git's index and the
 * ignore files being the same, every other file compares as it did.
 */

export interface Comparison {
  changes: FileChange[];
  /** Base blobs of the files that differ (modified or deleted), when small enough to read. */
  baseBytes: Map<string, Buffer>;
  tree: Map<string, TreeEntry>;
}

/** A comparison kept for the next one: what it was made against, and the edits it has seen. */
export interface HeldComparison extends Comparison {
  key: string;
  /** `WorkingEdits.mark()` taken before it read the tree. */
  mark: number;
  /** The files git listed in the working tree (tracked, and untracked ones not ignored). */
  working: Set<string>;
}

/** What a session's comparison may reuse: the edits it saw; `fresh` compares everything. */
export interface CompareReuse {
  edits: WorkingEdits;
  fresh?: boolean;
}

/** More edits than this: the whole tree is compared. */
const MAX_EDITED = 200;

/** Lets other requests in between slices of a long comparison (a session serves the views meanwhile). */
const SLICE_MS = 30;
export const yieldToEvents = () => new Promise<void>((r) => setImmediate(r));

const normalizeEol = (b: Buffer) => b.toString('latin1').replace(/\r\n/g, '\n');

function lstatOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(abs);
  } catch {
    return undefined;
  }
}

/** A file whose edit changes what git lists or how it reads the tree: compared again as a whole. */
const isGitFile = (rel: string) => /(^|\/)\.git[a-z]*$/.test(rel);

/** Compares the files of the base tree and the working tree, all of them or (in a session) those edited since the last comparison. */
export async function compareTrees(repo: GitRepository, root: string, baseSha: string, known?: WorkingBlobs, memo?: PrCheckMemo, onProgress?: (p: PrCheckProgress) => void, reuse?: CompareReuse): Promise<Comparison> {
  // Taken before anything is read: an edit from now on is compared next time.
  const mark = reuse?.edits.mark() ?? 0;
  const key = `${root}\0${baseSha}\0${repo.indexStamp() ?? ''}`;
  const held = memo?.comparison;
  if (reuse && !reuse.fresh && held?.key === key && memo && !memo.sawUnwatched) {
    const edited = reuse.edits.since(held.mark);
    if (edited && edited.size <= MAX_EDITED && ![...edited].some(isGitFile)) {
      const next = await compareEdited(repo, root, held, edited, known);
      if (!memo.sawUnwatched && [...next.working].some(isUnwatchedPath)) memo.sawUnwatched = true;
      memo.comparison = { ...next, key, mark };
      memo.compared = 'edited';
      return next;
    }
  }
  const listTree = () => repo.listTree(baseSha);
  const [entries, listed] = await Promise.all([memo ? memo.tree(baseSha, listTree) : listTree(), repo.workingFiles()]);
  const tree = new Map(entries.map((e) => [e.path, e]));
  const working = new Set(listed);
  const paths = [...new Set([...tree.keys(), ...working])].sort();
  if (memo && !memo.sawUnwatched && paths.some(isUnwatchedPath)) memo.sawUnwatched = true;
  const found = await comparePaths(repo, root, tree, paths, known, new Map(), undefined, onProgress);
  if (memo) {
    memo.comparison = reuse ? { ...found, key, mark, working } : null;
    memo.compared = 'whole';
  }
  return found;
}

/** The comparison before, with the edited paths (and every file below an edited folder) compared again. */
async function compareEdited(repo: GitRepository, root: string, held: HeldComparison, edited: Set<string>, known?: WorkingBlobs): Promise<Comparison & { working: Set<string> }> {
  const { tree } = held;
  const working = new Set(held.working);
  const again = new Set<string>();
  const folders = [...edited].map((p) => `${p}/`);
  for (const p of new Set([...tree.keys(), ...working])) if (folders.some((f) => p.startsWith(f))) again.add(p);
  // Whether git lists a path matters only for one the base does not have: ask git about those it never listed.
  const ask: string[] = [];
  for (const p of edited) {
    const st = lstatOrUndefined(checkoutPath(root, p));
    if (st && (st.isDirectory() || (!tree.has(p) && !working.has(p)))) ask.push(p);
  }
  if (ask.length > 0) for (const p of await repo.workingFiles(ask)) working.add(p);
  // As a whole comparison: the base's files and those git lists (an ignored file is no change).
  for (const p of edited) if (tree.has(p) || working.has(p)) again.add(p);
  for (const p of working) if (!again.has(p) && folders.some((f) => p.startsWith(f))) again.add(p);
  const baseBytes = new Map([...held.baseBytes].filter(([p]) => !again.has(p)));
  const found = await comparePaths(repo, root, tree, [...again].sort(), known, baseBytes, held.baseBytes);
  const changes = [...held.changes.filter((c) => !again.has(c.path)), ...found.changes];
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { changes, baseBytes: found.baseBytes, tree, working };
}

/** Compares `paths` (sorted); the base blobs it needs are added to `baseBytes`, taken from `read` when there (the same tree's). */
async function comparePaths(repo: GitRepository, root: string, tree: Map<string, TreeEntry>, paths: readonly string[], known: WorkingBlobs | undefined, baseBytes: Map<string, Buffer>, read = new Map<string, Buffer>(), onProgress?: (p: PrCheckProgress) => void): Promise<Comparison> {
  const changes: FileChange[] = [];
  const suspects: { path: string; bytes: Buffer }[] = [];
  let slice = performance.now();
  for (let i = 0; i < paths.length; i++) {
    const rel = paths[i];
    if (performance.now() - slice > SLICE_MS) {
      onProgress?.({ phase: 'compare', done: i, total: paths.length });
      await yieldToEvents();
      slice = performance.now();
    }
    const entry = tree.get(rel);
    const abs = checkoutPath(root, rel);
    const hit = entry && known?.lookup(rel, abs);
    if (entry && hit && hit.symlink === entry.symlink && hit.blob === entry.object) continue;
    const st = known && entry ? lstatOrUndefined(abs) : undefined;
    const file = readWorkingFile(abs);
    const onDisk = file.kind === 'file' || file.kind === 'symlink';
    if (!entry) {
      if (onDisk) changes.push({ path: rel, status: 'added' });
      continue;
    }
    if (!onDisk) {
      changes.push({ path: rel, status: 'deleted' });
      continue;
    }
    const blob = blobId(file.bytes, repo.objectFormat);
    known?.store(rel, st, file.kind === 'symlink', blob);
    if ((file.kind === 'symlink') !== entry.symlink || blob !== entry.object) suspects.push({ path: rel, bytes: file.bytes });
  }
  const readable = (rel: string) => (tree.get(rel)?.size ?? Infinity) <= MAX_TEXT_FILE_BYTES;
  const toRead = [...suspects.map((s) => s.path), ...changes.filter((c) => c.status === 'deleted').map((c) => c.path)].filter(readable);
  const missing: string[] = [];
  for (const p of toRead) {
    const b = read.get(p);
    if (b) baseBytes.set(p, b);
    else missing.push(p);
  }
  const blobs = await repo.readBlobs(missing.map((p) => tree.get(p)!.object));
  for (const p of missing) {
    const b = blobs.get(tree.get(p)!.object);
    if (b) baseBytes.set(p, b);
  }
  for (const s of suspects) {
    // A checkout with core.autocrlf has CRLF on disk and LF in git: the same content.
    const base = baseBytes.get(s.path);
    if (base && normalizeEol(base) === normalizeEol(s.bytes)) continue;
    changes.push({ path: s.path, status: 'modified' });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { changes, baseBytes, tree };
}
