import { parseYamlSource } from '../../engine/yaml-source';
import { baseOf, dirOf, join } from './layout';
import { isRecord, str } from './model';

/** What settings.php and core.extension.yml say: the config sync folder and the install profile. */
export interface SiteSettings {
  /** Checkout-relative config sync folder, when one is on disk. */
  syncDir: string | null;
  profile: string | null;
}

/** `$settings['config_sync_directory'] = '../config/sync';` as a checkout-relative folder (Drupal resolves it against the docroot). */
function syncFromSettings(text: string, docroot: string): string | null {
  const m = /\$settings\s*\[\s*['"]config_sync_directory['"]\s*\]\s*=\s*['"]([^'"]+)['"]/.exec(text);
  if (!m || m[1].startsWith('/')) return null;
  const parts = docroot === '' ? [] : docroot.split('/');
  for (const seg of m[1].split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function normalizeSettings(texts: ReadonlyMap<string, string>, docroot: string): { sync: string | null; profile: string | null } {
  let sync: string | null = null;
  let profile: string | null = null;
  for (const [path, text] of texts) {
    if (baseOf(path) !== 'settings.php') continue;
    sync ??= syncFromSettings(text, docroot);
    profile ??= /\$settings\s*\[\s*['"]install_profile['"]\s*\]\s*=\s*['"]([a-z0-9_]+)['"]/.exec(text)?.[1] ?? null;
  }
  return { sync, profile };
}

export function readSiteSettings(texts: ReadonlyMap<string, string>, docroot: string): SiteSettings {
  const fromSettings = normalizeSettings(texts, docroot);
  const folders = new Set([...texts.keys()].map(dirOf));
  const candidates = [fromSettings.sync, 'config/sync', join(docroot, 'config/sync'), 'config/default'].filter((c): c is string => c !== null);
  const syncDir = candidates.find((c) => folders.has(c)) ?? null;
  let profile = fromSettings.profile;
  const extension = syncDir === null ? undefined : texts.get(join(syncDir, 'core.extension.yml'));
  if (extension !== undefined) {
    const raw = parseYamlSource(join(syncDir ?? '', 'core.extension.yml'), extension).value;
    if (isRecord(raw)) profile = str(raw.profile) ?? profile;
  }
  return { syncDir, profile };
}
