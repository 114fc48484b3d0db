/**
 * The URL's hash names the view and, after a `?`, that view's shareable state:
 * `#graph?sel=orders&focus=upstream&tiers=core,optional&edges=event`. The app follows the hash
 * both ways (a link or the back button switches the view; switching views updates the hash); a
 * view keeps its own parameters up to date with `setHashParams` (no history entry per change).
 */
export interface HashRoute {
  view: string;
  params: URLSearchParams;
}

export function readHash(hash = location.hash): HashRoute {
  const body = hash.replace(/^#/, '');
  const q = body.indexOf('?');
  return q < 0 ? { view: body, params: new URLSearchParams() } : { view: body.slice(0, q), params: new URLSearchParams(body.slice(q + 1)) };
}

export function formatHash(view: string, params?: URLSearchParams): string {
  const query = params?.toString() ?? '';
  return `#${view}${query ? `?${query}` : ''}`;
}

/** Replaces the current view's parameters in the URL (only while that view is the one in the URL). */
export function setHashParams(view: string, params: URLSearchParams): void {
  if (readHash().view !== view) return;
  const next = formatHash(view, params);
  if (next !== location.hash) history.replaceState(history.state, '', next);
}
