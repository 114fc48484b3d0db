import fs from 'node:fs';
import path from 'node:path';

/**
 * Watches a checkout recursively and reports changed checkout-relative paths in batches
 * (debounced), ignoring the workbench's own folder and temp files of atomic writes.
 */
export function watchCheckout(root: string, onBatch: (paths: string[]) => void, onError: (message: string) => void, debounceMs = 60): () => void {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(root, { recursive: true }, (_event, filename) => {
      if (!filename) return;
      const rel = filename.toString().split(path.sep).join('/');
      if (rel.startsWith('.workbench/') || rel.startsWith('.git/') || rel === '.git' || /(^|\/)\.[^/]*\.tmp$/.test(rel) || rel.includes('/node_modules/')) return;
      pending.add(rel);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const batch = [...pending].sort();
        pending = new Set();
        onBatch(batch);
      }, debounceMs);
    });
  } catch (err) {
    onError(`cannot watch ${root}: ${(err as Error).message}; changes made outside the workbench will not show until you rescan`);
    return () => undefined;
  }
  watcher.on('error', (err) => onError(`file watching stopped: ${err.message}; rescan to refresh`));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
