import path from 'node:path';

/**
 * Maps an app:// request to a file the desktop app may serve: the built renderer, or the rules
 * documentation. Anything else, or anything climbing out of those folders, is refused (null).
 */
export function resolveAppRequest(requestUrl: string, rendererDir: string, rulesDocsDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'app:' || url.host !== 'workbench') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const [base, rel] = pathname.startsWith('/docs/rules/') ? [rulesDocsDir, pathname.slice('/docs/rules/'.length)] : [rendererDir, pathname === '/' ? 'index.html' : pathname.slice(1)];
  const file = path.resolve(base, rel);
  const inside = path.relative(base, file);
  return inside === '' || inside.startsWith('..') || path.isAbsolute(inside) ? null : file;
}
