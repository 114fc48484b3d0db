import type { CheckoutProbe } from '../adapter';

/**
 * Where an Odoo addons checkout keeps what: an addon is a folder holding `__manifest__.py` (or the
 * older `__openerp__.py`); its access rights are `ir.model.access.csv` files and its groups are
 * `res.groups` records in XML data files (by convention under `security/`); its migration scripts
 * are `migrations/<version>/{pre,post,end}-*.py`. The walk skips what holds none of them (assets,
 * translations, tests) and OCA's generated `setup/` (pip packaging: links back to the addons).
 */
export const MANIFEST_NAMES = ['__manifest__.py', '__openerp__.py'] as const;

export const join = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i >= 0 ? rel.slice(0, i) : '';
}

export function baseOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

const SKIPPED = new Set(['static', 'i18n', 'i18n_extra', 'tests', 'node_modules', '__pycache__', 'readme']);

export function entersFolder(rel: string, name: string): boolean {
  if (name.startsWith('.')) return false;
  if (rel === 'setup') return false;
  return !SKIPPED.has(name);
}

/** `<addon>/migrations/<version>/pre-x.py` (or `upgrades/`): the version folder, the file name and its stage. */
export const MIGRATION_SCRIPT = /(?:^|\/)(?:migrations|upgrades)\/([^/]+)\/((pre|post|end)-[^/]*\.py)$/;

export const isMigrationScript = (rel: string): boolean => MIGRATION_SCRIPT.test(rel);

export const isManifest = (rel: string): boolean => (MANIFEST_NAMES as readonly string[]).includes(baseOf(rel));

/** An XML data file that may define groups or access rights: under a `security/` folder, or named for them. */
export function isSecurityXml(rel: string): boolean {
  if (!rel.endsWith('.xml')) return false;
  return rel.includes('/security/') || /(secur|group|access)/i.test(baseOf(rel));
}

export function claimsFile(rel: string): boolean {
  if (isManifest(rel)) return true;
  if (isMigrationScript(rel)) return true;
  if (baseOf(rel) === 'ir.model.access.csv') return true;
  if (isSecurityXml(rel)) return true;
  return rel === 'platform.yaml' || rel === 'requirements.txt';
}

const holdsManifest = (entries: readonly { name: string; dir: boolean }[] | null): boolean => (entries ?? []).some((e) => !e.dir && isManifest(e.name));

/** A single addon (a manifest at the top), or an addons repository (a manifest one folder down, or in `addons/*`); never a checkout with a platform.yaml. */
export function detectOdoo(probe: CheckoutProbe): boolean {
  const top = probe.list('');
  if (!top) return false;
  if (top.some((e) => e.name === 'platform.yaml')) return false;
  if (holdsManifest(top)) return true;
  for (const e of top) {
    if (!e.dir || e.name.startsWith('.') || e.name === 'setup') continue;
    const inner = probe.list(e.name);
    if (holdsManifest(inner)) return true;
    if (e.name === 'addons' && (inner ?? []).some((f) => f.dir && holdsManifest(probe.list(`addons/${f.name}`)))) return true;
  }
  return false;
}
