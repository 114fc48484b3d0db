/**
 * Which links are rule pages, and a tiny bus to open one in the workbench's rule documentation
 * panel from anywhere (a view, an editor hover, another rule page). The pages stay where the CLI
 * points (docs/rules/<rule>.md); the panel only renders them in place.
 */

/** A rule id, or `README` for the index of every rule. */
export type RulePage = string;

const PAGE = /^(?:README|[a-z][a-z0-9-]{0,63})$/;

/**
 * The rule page an address points at, or null: `<base><rule>.md` (absolute or relative to the
 * page), and from inside a rule page the relative `other-rule.md`.
 */
export function rulePageOf(href: string, base: string, from: string = location.href): RulePage | null {
  let url: URL;
  let root: URL;
  try {
    url = new URL(href, from);
    root = new URL(base, location.href);
  } catch {
    return null;
  }
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
  const rest = url.pathname.slice(root.pathname.length);
  const m = /^([^/]+)\.md$/.exec(rest);
  return m && PAGE.test(m[1]) ? m[1] : null;
}

type Listener = (page: RulePage) => void;
const listeners = new Set<Listener>();

/** Opens a rule page in the panel (the shell mounts the panel once). */
export function openRuleDoc(page: RulePage): void {
  for (const l of listeners) l(page);
}

export function onRuleDocRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
