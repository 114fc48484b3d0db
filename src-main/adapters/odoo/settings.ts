import type { Diagnostic } from '../../common/diagnostic';
import { parsePlatform, PLATFORM_FILE, type ParsedPlatform } from '../../engine/platform';
import { parseYamlSource } from '../../engine/yaml-source';
import { seriesAsCoreVersion } from '../versioning/odoo';
import { requirementsProfile } from './environment';

/**
 * The checkout's settings: platform.yaml when there is one (profiles, waivers, and `core_version`,
 * which for Odoo is the series, `16.0`), else the defaults. The series every addon is checked
 * against: platform.yaml's, else the one most manifests name (ties: the newest).
 */
export interface OdooSettings {
  platform: ParsedPlatform;
  /** platform.yaml's series, or null. */
  declaredSeries: string | null;
}

export function readSettings(texts: ReadonlyMap<string, string>, checkoutName: string): OdooSettings {
  const text = texts.get(PLATFORM_FILE);
  const platform = parsePlatform(text, checkoutName);
  platform.info.kind = 'odoo';
  let declaredSeries: string | null = null;
  if (text !== undefined) {
    const raw = parseYamlSource(PLATFORM_FILE, text).value as Record<string, unknown> | undefined;
    const v = raw && typeof raw === 'object' ? raw.core_version : undefined;
    // `core_version: 16.0` unquoted is the YAML number 16: still the series 16.0.
    const series = typeof v === 'number' && Number.isFinite(v) ? (Number.isInteger(v) ? `${v}.0` : String(v)) : typeof v === 'string' ? v.trim() : null;
    if (series !== null && seriesAsCoreVersion(series) !== null) {
      declaredSeries = seriesAsCoreVersion(series)!.replace(/\.0$/, '');
      // The native reading wants a semver version here; for Odoo the series is the right value.
      platform.diagnostics = platform.diagnostics.filter((d: Diagnostic) => !(d.file === PLATFORM_FILE && /core_version/.test(d.message)));
    }
  }
  // No profile in platform.yaml: the repository's requirements.txt is the environment it describes.
  const requirements = texts.get('requirements.txt');
  const hasProfiles = text !== undefined && /^profiles\s*:/m.test(text);
  if (!hasProfiles && requirements !== undefined) {
    platform.info.profiles = [requirementsProfile(requirements)];
    platform.info.defaultProfile = 'requirements.txt';
  }
  return { platform, declaredSeries };
}

/** The series most manifests name (ties: the newest), or null when none names one. */
export function majoritySeries(series: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const s of series) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best: string | null = null;
  for (const [s, n] of counts) {
    const b = best === null ? 0 : (counts.get(best) as number);
    if (best === null || n > b || (n === b && Number.parseFloat(s) > Number.parseFloat(best))) best = s;
  }
  return best;
}
