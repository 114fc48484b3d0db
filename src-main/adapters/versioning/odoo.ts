import semver from 'semver';
import type { VersionScheme } from './scheme';

/**
 * Odoo's addon versions: `16.0.1.2.0` is the series `16.0` (the Odoo release the addon is written
 * for) followed by the addon's own `1.2.0`. Odoo itself prefixes a version without a series with the
 * running one (odoo.modules.module.adapt_version), so `1.2.0` is an addon version alone. `depends`
 * carries no constraints: Odoo has no version ranges between addons.
 */
export interface OdooVersion {
  /** `16.0`, or null when the version names no series. */
  series: string | null;
  /** The addon's own version as semver (`1.2.0`; `1.2` reads `1.2.0`). */
  addon: string;
}

export function odooVersion(text: string): OdooVersion | null {
  const parts = text.trim().split('.');
  if (parts.length === 0 || parts.length > 5 || !parts.every((p) => /^\d+$/.test(p))) return null;
  const own = parts.length >= 4 ? parts.slice(2) : parts;
  const series = parts.length >= 4 ? `${Number(parts[0])}.${Number(parts[1])}` : null;
  const [a, b = '0', c = '0'] = own.map((p) => String(Number(p)));
  const addon = semver.valid(`${a}.${b}.${c}`);
  return addon === null ? null : { series, addon };
}

/** A series (`16.0`, `17.0`, `saas~17.2` is not one) as the semver core version the engine compares with. */
export function seriesAsCoreVersion(series: string): string | null {
  const m = /^(\d+)\.(\d+)$/.exec(series.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}.0` : null;
}

/** The core gate of an addon written for `series`: that series only (`~16.0.0`). */
export function seriesGate(series: string): string | null {
  const v = seriesAsCoreVersion(series);
  return v === null ? null : `~${v}`;
}

export const odooScheme: VersionScheme = { name: 'odoo', version: (t) => odooVersion(t)?.addon ?? null, range: () => null };
