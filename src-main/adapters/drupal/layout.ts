import type { CheckoutProbe } from '../adapter';

/**
 * Where a Drupal codebase keeps what: the docroot (the checkout itself, or `web/` / `docroot/` in a
 * Composer project), core's version in core/lib/Drupal.php, and the folders extension discovery
 * never enters (Drupal's RecursiveExtensionFilterIterator skips the same names; tests are skipped
 * unless a site scans them, which a production site does not).
 */
export const DOCROOTS = ['', 'web', 'docroot'] as const;

export const join = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i >= 0 ? rel.slice(0, i) : '';
}

export function baseOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

/** The docroot of a site (`''` for the checkout itself), or null when no core/lib/Drupal.php is there. */
export function siteDocroot(probe: Pick<CheckoutProbe, 'exists'>): string | null {
  for (const d of DOCROOTS) if (probe.exists(join(d, 'core/lib/Drupal.php'))) return d;
  return null;
}

/** The docroot from the files read: where core/lib/Drupal.php is, else the checkout (a module or profile repository). */
export function docrootOf(texts: ReadonlyMap<string, string>): string {
  for (const d of DOCROOTS) if (texts.has(join(d, 'core/lib/Drupal.php'))) return d;
  return '';
}

const SKIPPED = new Set(['src', 'lib', 'vendor', 'assets', 'css', 'files', 'images', 'js', 'misc', 'templates', 'includes', 'fixtures', 'Drupal', 'tests', 'node_modules', 'bower_components']);

/** Whether the walk enters a folder: not hidden, not one extension discovery skips (core/lib holds Drupal.php, so it is entered). */
export function entersFolder(rel: string, name: string): boolean {
  if (name.startsWith('.')) return false;
  if (name === 'lib' && (rel === 'core/lib' || DOCROOTS.some((d) => d !== '' && rel === `${d}/core/lib`))) return true;
  return !SKIPPED.has(name);
}

/** Config entities read from config folders: roles, and the bundles that permission callbacks turn into permissions. */
export const CONFIG_PREFIXES = ['user.role.', 'node.type.', 'taxonomy.vocabulary.', 'filter.format.', 'media.type.', 'block_content.type.'] as const;

export function claimsFile(rel: string): boolean {
  const name = baseOf(rel);
  if (name.endsWith('.info.yml') || name.endsWith('.permissions.yml') || name.endsWith('.routing.yml')) return true;
  if (name.endsWith('.install') || name.endsWith('.post_update.php')) return true;
  if (name === 'composer.json' || name === 'composer.lock') return !rel.includes('/');
  if (name === 'Drupal.php') return rel.endsWith('core/lib/Drupal.php');
  if (name === 'settings.php') return /(^|\/)sites\/[^/]+\/settings\.php$/.test(rel);
  if (name.endsWith('.yml') && (rel.startsWith('config/') || rel.includes('/config/'))) {
    return name === 'core.extension.yml' || CONFIG_PREFIXES.some((p) => name.startsWith(p));
  }
  return false;
}

/** A site (core at the root, or under web/ or docroot/), or a module or profile repository (an info file at the top or one folder down). */
export function detectDrupal(probe: CheckoutProbe): boolean {
  if (siteDocroot(probe) !== null) return true;
  const top = probe.list('');
  if (!top) return false;
  if (top.some((e) => e.name === 'platform.yaml')) return false;
  if (top.some((e) => !e.dir && e.name.endsWith('.info.yml'))) return true;
  return top.some((e) => e.dir && !e.name.startsWith('.') && (probe.list(e.name) ?? []).some((f) => !f.dir && f.name.endsWith('.info.yml')));
}
