import type { CapabilityRef, ProfileInfo } from '../../common/model';
import { createResolver, parsePythonFile, type PyFile, type PyResolver, type PyValue } from '../python';
import { dirOf } from './layout';
import { pythonVersion } from './versions';

/**
 * What the framework itself declares, read statically: its version (the gate `min_core_version` is
 * checked against) and the runtime capability sets of core/apps/capabilities.py, which become the
 * platform's profiles.
 */

/** `[project] version = "..."` of a pyproject.toml (the keys this needs; not a TOML parser). */
export function pyprojectVersion(text: string): string | null {
  let table = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line);
    if (header) {
      table = header[1];
      continue;
    }
    const m = /^\s*version\s*=\s*(["'])([^"']*)\1/.exec(line);
    if (m && table === 'project') return m[2];
  }
  return null;
}

export interface FrameworkVersion {
  version: string;
  /** Where it was read, e.g. `src/core/__init__.py` (`__version__`). */
  source: string;
}

/** Files among `paths` ending with `suffix` at a path boundary, shallowest first. */
function found(paths: readonly string[], suffix: string): string[] {
  return paths.filter((p) => p === suffix || p.endsWith(`/${suffix}`)).sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
}

/**
 * The framework's version: the core package's `__version__` (the framework says its own version
 * there), else the registry's CORE_FRAMEWORK_VERSION (what AppRegistry compares against by
 * default), else the project's pyproject.toml `[project] version`.
 */
export function frameworkVersion(texts: ReadonlyMap<string, string>, files: ReadonlyMap<string, PyFile>): FrameworkVersion | null {
  const paths = [...texts.keys()];
  const candidates: { path: string; name: string }[] = [
    ...found(paths, 'core/__init__.py').map((path) => ({ path, name: '__version__' })),
    ...found(paths, 'core/apps/registry.py').map((path) => ({ path, name: 'CORE_FRAMEWORK_VERSION' })),
  ];
  for (const c of candidates) {
    const v = files.get(c.path)?.assignments.get(c.name);
    const version = v?.kind === 'str' ? pythonVersion(v.value) : null;
    if (version !== null) return { version, source: `${c.path} (${c.name})` };
  }
  const pyproject = texts.get('pyproject.toml');
  const text = pyproject === undefined ? null : pyprojectVersion(pyproject);
  const version = text === null ? null : pythonVersion(text);
  return version === null ? null : { version, source: 'pyproject.toml ([project] version)' };
}

/** Splits `A | B | {...}` at its top-level `|` (outside brackets and strings). */
function unionOperands(text: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '|' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.length > 1 ? out.map((s) => s.trim()) : null;
}

/** The strings of a capability set: a set or list literal, `frozenset({...})`, `A | B` of such (names followed). */
function capabilitySet(v: PyValue, from: PyFile, resolver: PyResolver, depth = 0): string[] | null {
  if (depth > 8) return null;
  const r = resolver.resolve(v, from);
  if (r.kind === 'set' || r.kind === 'list' || r.kind === 'tuple') {
    const out: string[] = [];
    for (const item of r.items) {
      if (item.kind !== 'str') return null;
      out.push(item.value);
    }
    return out;
  }
  if (r.kind === 'call' && /^(frozenset|set|tuple|list)$/.test(r.callee) && r.args.length === 1) return capabilitySet(r.args[0], from, resolver, depth + 1);
  if (r.kind === 'unknown') {
    const parts = unionOperands(r.text);
    if (!parts) return null;
    const out = new Set<string>();
    for (const part of parts) {
      const operand = parsePythonFile(from.path, `x = ${part.replace(/\n/g, ' ')}\n`).assignments.get('x');
      const values = operand ? capabilitySet(operand, from, resolver, depth + 1) : null;
      if (values === null) return null;
      for (const value of values) out.add(value);
    }
    return [...out];
  }
  return null;
}

const toRefs = (names: readonly string[]): CapabilityRef[] => [...names].sort().map((name) => ({ name }));

export interface RuntimeProfiles {
  profiles: ProfileInfo[];
  /** core/apps/capabilities.py, when the sets were read there. */
  source: string | null;
}

/**
 * Runtime profiles from the framework's capability sets: `default` is DEFAULT_RUNTIME_CAPABILITIES
 * (what AppRegistry grants when it is given none), `base` is BASE_RUNTIME_CAPABILITIES (what every
 * runtime has, before settings add providers). Capabilities that settings add at runtime
 * (resolve_runtime_capabilities) cannot be known statically; a platform.yaml can name them.
 */
export function runtimeProfiles(files: ReadonlyMap<string, PyFile>): RuntimeProfiles {
  const path = found([...files.keys()], 'core/apps/capabilities.py')[0];
  const file = path === undefined ? undefined : files.get(path);
  if (!file) return { profiles: [], source: null };
  const resolver = createResolver(files);
  const profiles: ProfileInfo[] = [];
  for (const [name, key] of [
    ['default', 'DEFAULT_RUNTIME_CAPABILITIES'],
    ['base', 'BASE_RUNTIME_CAPABILITIES'],
  ] as const) {
    const v = file.assignments.get(key);
    const set = v ? capabilitySet(v, file, resolver) : null;
    if (set !== null) profiles.push({ name, capabilities: toRefs(set) });
  }
  return { profiles, source: profiles.length > 0 ? dirOf(path) + '/capabilities.py' : null };
}
