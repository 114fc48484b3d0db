import semver from 'semver';
import type { CapabilityRef, DependencyRef } from '../common/model';

/** Splits `"name rest"` at the first run of white space. */
function split(raw: string): { name: string; rest?: string } {
  const m = /^(\S+)\s+(.+)$/.exec(raw.trim());
  return m ? { name: m[1], rest: m[2].trim() } : { name: raw.trim() };
}

/**
 * Parses each distinct text once: platforms repeat the same few ranges and versions thousands of
 * times. A text that does not parse is remembered as null.
 */
function memoized<T>(parse: (text: string) => T): (text: string) => T | null {
  const cache = new Map<string, T | null>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      try {
        value = parse(text);
      } catch {
        value = null;
      }
      cache.set(text, value);
    }
    return value;
  };
}

const rangeOf = memoized((text) => new semver.Range(text, { includePrerelease: true }));
const versionOf = memoized((text) => new semver.SemVer(text, { includePrerelease: true }));

export function isValidRange(text: string): boolean {
  return rangeOf(text) !== null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** `"name"` or `"name <range>"`. */
export function parseDependency(raw: string): Parsed<DependencyRef> {
  const { name, rest } = split(raw);
  if (rest === undefined) return { ok: true, value: { name } };
  if (!isValidRange(rest)) return { ok: false, message: `'${rest}' is not a valid semver range` };
  return { ok: true, value: { name, range: rest } };
}

/** `"cap"` or `"cap <range>"` for requirements. */
export function parseCapabilityRequirement(raw: string): Parsed<CapabilityRef> {
  const { name, rest } = split(raw);
  if (rest === undefined) return { ok: true, value: { name } };
  if (!isValidRange(rest)) return { ok: false, message: `'${rest}' is not a valid semver range` };
  return { ok: true, value: { name, version: rest } };
}

/** `"cap"` or `"cap <version>"` for provisions; a partial version such as `1.2` is read as `1.2.0`. */
export function parseCapabilityProvision(raw: string): Parsed<CapabilityRef> {
  const { name, rest } = split(raw);
  if (rest === undefined) return { ok: true, value: { name } };
  const exact = semver.valid(rest);
  if (exact) return { ok: true, value: { name, version: exact } };
  if (/^\d+(\.\d+)?$/.test(rest)) {
    const coerced = semver.coerce(rest);
    if (coerced) return { ok: true, value: { name, version: coerced.version } };
  }
  return { ok: false, message: `'${rest}' is not a version (expected e.g. 1.2.0)` };
}

/** Verdicts by range and version: a re-check asks the same few thousand pairs again (issue 16). */
const verdicts = new Map<string, Map<string, boolean>>();

export function satisfies(version: string, range: string): boolean {
  let byVersion = verdicts.get(range);
  if (!byVersion) {
    if (verdicts.size > 100_000) verdicts.clear();
    byVersion = new Map();
    verdicts.set(range, byVersion);
  }
  let ok = byVersion.get(version);
  if (ok === undefined) {
    const r = rangeOf(range);
    const v = versionOf(version);
    ok = r !== null && v !== null && r.test(v);
    byVersion.set(version, ok);
  }
  return ok;
}
