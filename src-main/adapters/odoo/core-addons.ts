import { COMMUNITY_16, COMMUNITY_17, ENTERPRISE_16, ENTERPRISE_17 } from './core-addons-data';

/**
 * Odoo's own addons (Community and Enterprise) of the series the workbench knows: a `depends` on
 * one that is not in the checkout is external (installed with Odoo), never dependency-missing.
 */
const split = (s: string): ReadonlySet<string> => new Set(s.split(' ').filter((n) => n !== ''));

const BY_SERIES: ReadonlyMap<string, { community: ReadonlySet<string>; enterprise: ReadonlySet<string> }> = new Map([
  ['16.0', { community: split(COMMUNITY_16), enterprise: split(ENTERPRISE_16) }],
  ['17.0', { community: split(COMMUNITY_17), enterprise: split(ENTERPRISE_17) }],
]);

export const KNOWN_SERIES: readonly string[] = [...BY_SERIES.keys()];

/** Which of Odoo's own distributions ships `addon` in `series` (an unknown series: any known one), or null. */
export function coreAddonEdition(addon: string, series: string | null): 'community' | 'enterprise' | null {
  const lists = series !== null && BY_SERIES.has(series) ? [BY_SERIES.get(series)!] : [...BY_SERIES.values()];
  if (lists.some((l) => l.community.has(addon))) return 'community';
  if (lists.some((l) => l.enterprise.has(addon))) return 'enterprise';
  return null;
}
