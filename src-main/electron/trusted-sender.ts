/** The privileged scheme and host the desktop app serves its renderer from. */
export const APP_ORIGIN = 'app://workbench';

/**
 * Whether an IPC message comes from our own renderer: the app protocol's origin, the bundled
 * index.html (file://), or the dev server when one is configured. Anything else (a navigated or
 * injected frame) is dropped.
 */
export function isTrustedSender(senderUrl: string | undefined, rendererFile: string, devServerUrl?: string): boolean {
  if (!senderUrl) return false;
  let url: URL;
  try {
    url = new URL(senderUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'app:') return `${url.protocol}//${url.host}` === APP_ORIGIN;
  if (url.protocol === 'file:') {
    const expected = new URL(`file://${rendererFile.startsWith('/') ? '' : '/'}${rendererFile.replace(/\\/g, '/')}`);
    return decodeURIComponent(url.pathname) === decodeURIComponent(expected.pathname);
  }
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
