import semver from 'semver';
import { composerRange } from './composer';
import type { VersionScheme } from './scheme';

/**
 * Drupal's versions: contrib releases `8.x-1.2` (core compatibility prefix, then the module's own
 * version) or semantic `2.0.3`; core `10.3.14`, `11.2-dev`; dev branches `1.x-dev`. Dependency
 * constraints in info files: `(>=8.x-1.2, <2.0)`, `(1.x)`; `core_version_requirement` is Composer.
 */
export function drupalVersion(text: string): string | null {
  const t = text.trim().replace(/^\d+\.x-/, '');
  const m = /^(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?(?:-?([0-9A-Za-z.-]+))?$/.exec(t);
  if (!m) return null;
  const n = (s: string | undefined) => (s === undefined || s === 'x' ? '0' : s);
  const pre = m[4] ? `-${m[4].replace(/[^0-9A-Za-z-]/g, '')}` : '';
  return semver.valid(`${m[1]}.${n(m[2])}.${n(m[3])}${pre}`);
}

/** One comparison of an info file constraint (`>=8.x-1.2`, `1.x`, `= 2.0`) as semver. */
function comparison(text: string): string | null {
  const m = /^(>=|<=|>|<|==|=)?\s*(.+)$/.exec(text.trim());
  if (!m) return null;
  const op = m[1] === '==' ? '=' : (m[1] ?? '');
  const v = m[2].replace(/^\d+\.x-/, '');
  if (/^\d+(\.(\d+|x))?(\.(\d+|x))?$/.test(v)) return `${op}${v}`;
  const full = drupalVersion(v);
  return full === null ? null : `${op}${full}`;
}

/** An info file dependency constraint (the text inside the parentheses) as a semver range. */
export function drupalConstraint(text: string): string | null {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const atoms = parts.map(comparison);
  if (atoms.some((a) => a === null)) return null;
  const range = atoms.join(' ');
  return semver.validRange(range, { includePrerelease: true }) === null ? null : range;
}

export const drupalScheme: VersionScheme = { name: 'drupal', version: drupalVersion, range: drupalConstraint };

/** `core_version_requirement` is a Composer constraint on core's version. */
export const drupalCoreRequirement = composerRange;
