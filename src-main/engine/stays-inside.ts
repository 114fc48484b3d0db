/**
 * Whether `path` is inside the module folder: relative, and never climbing out with `..`. A file of
 * its own (registry-checks.ts re-exports it) so that readers of module folders import no more than
 * this (the split scan's worker: service/read-ahead.ts).
 */
export function staysInside(path: string): boolean {
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return false;
  let depth = 0;
  for (const seg of path.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    depth += seg === '..' ? -1 : 1;
    if (depth < 0) return false;
  }
  return true;
}
