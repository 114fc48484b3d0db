import type { CheckoutProbe } from '../adapter';

/**
 * Where an AppModule platform keeps what: one `module.py` per app package constructing
 * `AppModule(...)`, the framework's version in `pyproject.toml` or the core package's
 * `__version__`, and Python files the apps import their values from. The walk skips what a Python
 * project never imports from (tests, virtual environments, caches, hidden folders).
 */

export const dirOf = (rel: string): string => {
  const i = rel.lastIndexOf('/');
  return i >= 0 ? rel.slice(0, i) : '';
};

export const baseOf = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);

const SKIPPED = new Set(['__pycache__', 'node_modules', 'venv', 'env', 'site-packages', 'tests', 'test', 'build', 'dist', 'docs', 'documents', 'htmlcov']);

export function entersFolder(_rel: string, name: string): boolean {
  return !name.startsWith('.') && !SKIPPED.has(name) && !name.endsWith('.egg-info');
}

/** Python sources, the project file, platform.yaml (profiles, waivers, core_version), and SQL beside migrations. */
export function claimsFile(rel: string): boolean {
  if (rel === 'pyproject.toml' || rel === 'platform.yaml') return true;
  if (rel.endsWith('.py')) return true;
  return rel.endsWith('.sql') && /(^|\/)migrations\//.test(rel);
}

/** Whether a text constructs an app module (cheap: the parse comes later, on the claimed files). */
export const constructsAppModule = (text: string): boolean => /\bAppModule\s*\(/.test(text);

/** Folders searched for `<package>/module.py` at detection: the root, and up to three levels down. */
const DETECT_DEPTH = 4;

/**
 * An AppModule platform: no platform.yaml (that is the native format, unless it says `kind:`), and a
 * `module.py` inside a package folder that constructs `AppModule(`. Without a way to read files
 * (an older probe) a module.py beside `__init__.py` under a folder holding core/apps/ is enough.
 */
export function detectAppModule(probe: CheckoutProbe): boolean {
  const top = probe.list('');
  if (!top || top.some((e) => e.name === 'platform.yaml')) return false;
  const stack: { rel: string; depth: number }[] = [{ rel: '', depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < 2000) {
    const { rel, depth } = stack.pop() as { rel: string; depth: number };
    const entries = probe.list(rel);
    visited++;
    if (!entries) continue;
    const hasModule = entries.some((e) => !e.dir && e.name === 'module.py');
    if (hasModule && rel !== '') {
      const file = `${rel}/module.py`;
      const text = probe.read?.(file);
      if (text !== undefined && text !== null ? constructsAppModule(text) : entries.some((e) => !e.dir && e.name === '__init__.py')) return true;
    }
    if (depth >= DETECT_DEPTH) continue;
    for (const e of entries) if (e.dir && entersFolder(rel === '' ? e.name : `${rel}/${e.name}`, e.name)) stack.push({ rel: rel === '' ? e.name : `${rel}/${e.name}`, depth: depth + 1 });
  }
  return false;
}
