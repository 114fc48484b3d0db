import fs from 'node:fs';
import path from 'node:path';

/** The folders a host serves its UI from: the built renderer, and the rule documentation pages. */
export interface StaticRoots {
  rendererDir: string;
  /** The docs/rules folder itself (served under /docs/rules/), if the host serves it. */
  rulesDir?: string;
}

export const RULES_PREFIX = '/docs/rules/';

/**
 * The file a URL path names inside the renderer or rule docs folder, or null. The path is decoded
 * once first (so `%2e%2e` and `%2f` are what they mean, and `%252e` stays a literal name), then
 * refused if it holds a NUL, a backslash, or a `..` / `.` segment; it is then resolved inside its
 * root, and its real path (symlinks followed) must still lie inside that root's real path and be
 * a regular file. The prefix decides the root only after decoding.
 */
export function resolveStaticFile(rawPathname: string, roots: StaticRoots): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const [base, rel] = pathname.startsWith(RULES_PREFIX) && roots.rulesDir ? [roots.rulesDir, pathname.slice(RULES_PREFIX.length)] : [roots.rendererDir, pathname === '/' ? 'index.html' : pathname.slice(1)];
  if (rel === '' || rel.split('/').some((s) => s === '')) return null;
  const file = path.resolve(base, rel);
  if (!isInside(base, file)) return null;
  try {
    const realBase = fs.realpathSync(base);
    const realFile = fs.realpathSync(file);
    if (!isInside(realBase, realFile)) return null;
    return fs.statSync(realFile).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

function isInside(base: string, file: string): boolean {
  const rel = path.relative(base, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
