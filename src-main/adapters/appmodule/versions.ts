import semver from 'semver';

/**
 * Versions as the AppModule framework compares them: dotted numbers (`0.1.0`, `1.0`), padded to
 * three parts (core.apps.registry's _parse_version), plus PEP 440's pre-release tails read as
 * semver pre-releases. Constraints in `dependencies` (`"orders >= 1.0"`) are PEP 440 specifiers
 * (`>=`, `<=`, `>`, `<`, `==`, `!=`, `~=`, comma-separated); min_core_version is a version the
 * core must reach (`>=`).
 */
export function pythonVersion(text: string): string | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*(?:[-.]?(a|b|rc|alpha|beta|dev|post)\.?(\d+)?)?$/i.exec(text.trim());
  if (!m) return null;
  const tail = m[4] ? `-${m[4].toLowerCase()}.${m[5] ?? '0'}` : '';
  // A post-release is newer than the release: semver has no such thing, so it is the release itself.
  return semver.valid(`${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${m[4]?.toLowerCase() === 'post' ? '' : tail}`);
}

function specifier(text: string): string | null {
  const m = /^(~=|==|!=|>=|<=|>|<|===)?\s*(\S+)$/.exec(text.trim());
  if (!m) return null;
  const op = m[1] ?? '==';
  const wildcard = /^(\d+(?:\.\d+)*)\.\*$/.exec(m[2]);
  if (wildcard && (op === '==' || op === '!=')) return op === '==' ? `${wildcard[1]}.x` : null;
  const v = pythonVersion(m[2]);
  if (v === null) return null;
  switch (op) {
    case '==':
    case '===':
      return v;
    case '!=':
      return `<${v} || >${v}`;
    case '~=': {
      const parts = m[2].split('.').length;
      const p = semver.parse(v);
      if (!p || parts < 2) return null;
      return parts === 2 ? `>=${v} <${p.major + 1}.0.0` : `>=${v} <${p.major}.${p.minor + 1}.0`;
    }
    default:
      return `${op}${v}`;
  }
}

/** A PEP 440 specifier set (`>= 1.0, < 2`) as a semver range, or null when it cannot be read. */
export function pythonRange(text: string): string | null {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) return null;
  const out: string[] = [];
  for (const p of parts) {
    const r = specifier(p);
    if (r === null) return null;
    out.push(r);
  }
  // `!=` gives a union; intersected with the rest it stays a union of intersections.
  const range = out.reduce((acc, r) => (acc === '' ? r : r.split(' || ').flatMap((a) => acc.split(' || ').map((b) => `${b} ${a}`)).join(' || ')), '');
  return semver.validRange(range) === null ? null : range;
}

/** `"label"` or `"label <specifiers>"` (`orders >= 1.0`, `orders>=1.0,<2`). */
export function splitRequirement(raw: string): { name: string; constraint?: string } {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*(.*?)\s*$/.exec(raw);
  if (!m) return { name: raw.trim() };
  return m[2] === '' ? { name: m[1] } : { name: m[1], constraint: m[2] };
}
