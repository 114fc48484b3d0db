import semver from 'semver';
import type { VersionScheme } from './scheme';

/** `v1.2`, `1.2.3.0`, `1.2-dev` as semver (Composer normalizes to four parts; semver has three). */
function composerVersion(text: string): string | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)?(?:-?((?:alpha|beta|rc|dev|patch|p)[.-]?\d*))?$/i.exec(text.trim());
  if (!m) return null;
  const v = `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4] ? `-${m[4].toLowerCase().replace(/[.-]/g, '')}` : ''}`;
  return semver.valid(v);
}

/** One Composer comparison (`^10.3`, `~1.2`, `>=8.8`, `10.*`) as a semver comparator set. */
function atom(text: string): string | null {
  const t = text.replace(/@\w+$/, '').trim();
  if (t === '*' || t === '') return '*';
  // Composer's ~X.Y means >=X.Y <(X+1).0; semver's ~X.Y stops at X.(Y+1).
  const tilde2 = /^~\s*v?(\d+)\.(\d+)$/.exec(t);
  if (tilde2) return `>=${tilde2[1]}.${tilde2[2]}.0 <${Number(tilde2[1]) + 1}.0.0-0`;
  const op = /^(\^|~|>=|<=|>|<|==|=|!=)?\s*v?(.+)$/.exec(t);
  if (!op) return null;
  const [, o = '', rest] = op;
  if (o === '!=') return null;
  const wildcard = /^(\d+)(?:\.(\d+|\*|x))?(?:\.(\d+|\*|x))?$/.exec(rest);
  const version = wildcard ? rest.replace(/\*/g, 'x') : composerVersion(rest);
  if (version === null) return null;
  const out = `${o === '==' ? '=' : o}${version}`;
  return semver.validRange(out, { includePrerelease: true }) === null ? null : out;
}

/** A Composer constraint (`^10 || ^11`, `>=8.8 <11`, `^1.2, <1.5`) as a semver range. */
export function composerRange(text: string): string | null {
  const alternatives = text.split(/\s*\|\|?\s*/);
  const out: string[] = [];
  for (const alt of alternatives) {
    // Hyphen ranges (`1.0 - 2.0`) read the same in both schemes.
    if (/\s-\s/.test(alt)) {
      if (semver.validRange(alt) === null) return null;
      out.push(alt.trim());
      continue;
    }
    const parts = alt.split(/\s*,\s*|\s+/).filter((p) => p !== '');
    const atoms = parts.map(atom);
    if (atoms.length === 0 || atoms.some((a) => a === null)) return null;
    out.push(atoms.join(' '));
  }
  const range = out.join(' || ');
  return semver.validRange(range, { includePrerelease: true }) === null ? null : range;
}

export const composerScheme: VersionScheme = { name: 'composer', version: composerVersion, range: composerRange };
