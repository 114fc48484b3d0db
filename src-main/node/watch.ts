import fs from 'node:fs';
import path from 'node:path';

/** Folders never watched: version control, dependencies, the workbench's own data. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.workbench', '.hg', '.svn']);

/** Whether the watcher leaves a checkout-relative path out (its edits are never reported). */
export function isUnwatchedPath(rel: string): boolean {
  return rel.split('/').some((seg) => SKIP_DIRS.has(seg)) || /(^|\/)\.[^/]*\.tmp$/.test(rel);
}

/**
 * Watches a checkout and reports changed checkout-relative paths in batches (debounced).
 *
 * One non-recursive watcher per folder rather than `fs.watch(root, {recursive: true})`: on Linux,
 * Node 20's recursive watcher stops reporting a file once it has been replaced by a rename (which is
 * how atomic saves work), so after the first save from the editor, outside edits went unseen. A
 * folder watcher sees every entry created, changed or renamed inside it. New folders get watchers
 * as they appear; symlinks are not followed.
 */
export function watchCheckout(root: string, onBatch: (paths: string[]) => void, onError: (message: string) => void, debounceMs = 60): () => void {
  const watchers = new Map<string, fs.FSWatcher>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let reportedLimit = false;

  const flush = () => {
    const batch = [...pending].sort();
    pending = new Set();
    if (batch.length > 0) onBatch(batch);
  };

  const note = (rel: string) => {
    if (isUnwatchedPath(rel)) return;
    pending.add(rel);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const watchDir = (rel: string) => {
    if (closed || watchers.has(rel) || (rel !== '' && isUnwatchedPath(rel))) return;
    const abs = path.join(root, rel);
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(abs, (_event, filename) => {
        if (!filename) return;
        const child = rel === '' ? filename.toString() : `${rel}/${filename.toString()}`;
        note(child);
        // A folder that appeared (or was renamed in) gets its own watcher, with everything below it.
        let stat: fs.Stats | undefined;
        try {
          stat = fs.lstatSync(path.join(root, child));
        } catch {
          stat = undefined;
        }
        if (stat?.isDirectory()) addTree(child, true);
        else if (!stat) unwatchTree(child);
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOSPC' || e.code === 'EMFILE') {
        if (!reportedLimit) {
          reportedLimit = true;
          onError(`the system limit on watched folders was reached (${e.code}); some outside edits will not show until you rescan (raise fs.inotify.max_user_watches)`);
        }
      }
      return;
    }
    watcher.on('error', () => unwatchTree(rel));
    watchers.set(rel, watcher);
  };

  /** Watches `rel` and every folder below it; with `announce`, reports the files found (a folder moved in). */
  const addTree = (rel: string, announce: boolean) => {
    const stack = [rel];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      watchDir(dir);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const child = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (isUnwatchedPath(child)) continue;
        if (entry.isDirectory()) stack.push(child);
        else if (announce) note(child);
      }
    }
  };

  const unwatchTree = (rel: string) => {
    for (const [dir, watcher] of watchers) {
      if (dir === rel || dir.startsWith(`${rel}/`)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
  };

  try {
    fs.readdirSync(root);
  } catch (err) {
    onError(`cannot watch ${root}: ${(err as Error).message}; changes made outside the workbench will not show until you rescan`);
    return () => undefined;
  }
  addTree('', false);
  return () => {
    closed = true;
    clearTimeout(timer);
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };
}
