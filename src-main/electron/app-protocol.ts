import { resolveStaticFile } from '../node/static-file';

/**
 * Maps an app:// request to a file the desktop app may serve: the built renderer, or the rules
 * documentation. Anything else, anything climbing out of those folders (encoded or not, or
 * through a symlink), and anything that is not a regular file is refused (null).
 */
export function resolveAppRequest(requestUrl: string, rendererDir: string, rulesDocsDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'app:' || url.host !== 'workbench') return null;
  return resolveStaticFile(url.pathname, { rendererDir, rulesDir: rulesDocsDir });
}
