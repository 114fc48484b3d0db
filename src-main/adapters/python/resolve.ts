import type { PyFile } from './parse';
import type { PyValue } from './value';

/**
 * Follows names the way Python would bind them, statically: a top-level binding of the same file,
 * `from .sibling import X`, `from pkg.app.mod import X` and `import pkg.mod as m` (then `m.X`),
 * mapped to files among those read. Lists, dicts, call arguments and keywords are resolved deeply;
 * `A + B` of known lists or strings, `*A` in a list and `**A` in a dict are folded. What stays
 * unknown keeps its own span, so the adapter can say at which line it cannot read the value.
 */

const MAX_DEPTH = 64;

export interface PyResolver {
  resolve(value: PyValue, from: PyFile): PyValue;
  /** The file a module path names (`level` dots of a relative import), among the files read. */
  moduleFile(module: string, level: number, from: PyFile): PyFile | undefined;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function join(dir: string, rel: string): string {
  return dir === '' ? rel : rel === '' ? dir : `${dir}/${rel}`;
}

export function createResolver(files: ReadonlyMap<string, PyFile>): PyResolver {
  const paths = [...files.keys()];
  const absoluteCache = new Map<string, PyFile | undefined>();

  function moduleFile(module: string, level: number, from: PyFile): PyFile | undefined {
    const rel = module.replace(/\./g, '/');
    if (level > 0) {
      let dir = dirname(from.path);
      for (let i = 1; i < level; i++) dir = dirname(dir);
      const base = join(dir, rel);
      return files.get(`${base}.py`) ?? files.get(`${base}/__init__.py`);
    }
    if (rel === '') return undefined;
    const fromRoot = dirname(from.path);
    const key = `${rel}\0${fromRoot}`;
    if (absoluteCache.has(key)) return absoluteCache.get(key);
    let best: { file: PyFile; score: number } | undefined;
    for (const suffix of [`${rel}.py`, `${rel}/__init__.py`]) {
      for (const p of paths) {
        if (p !== suffix && !p.endsWith(`/${suffix}`)) continue;
        const root = p.slice(0, p.length - suffix.length);
        // Prefer the source root the importing file lives under, then the shallowest.
        const score = (root === '' || from.path.startsWith(root) ? 1000 : 0) - root.split('/').length;
        if (!best || score > best.score) best = { file: files.get(p)!, score };
      }
    }
    absoluteCache.set(key, best?.file);
    return best?.file;
  }

  /** What a simple name is bound to in a file: a value, a module, or nothing known. */
  type Binding = { value: PyValue; file: PyFile } | { module: PyFile } | undefined;

  function bindingOf(name: string, file: PyFile, seen: Set<string>): Binding {
    const key = `${file.path}\0${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const own = file.assignments.get(name);
    if (own) return { value: own, file };
    for (let i = file.imports.length - 1; i >= 0; i--) {
      const imp = file.imports[i];
      if (imp.binds === name) {
        const target = moduleFile(imp.module, imp.level, file);
        return target ? { module: target } : undefined;
      }
      for (const n of imp.names) {
        if (n.asName !== name && n.name !== '*') continue;
        const target = moduleFile(imp.module, imp.level, file);
        if (n.name === '*') {
          const found = target ? bindingOf(name, target, seen) : undefined;
          if (found) return found;
          continue;
        }
        const inTarget = target ? bindingOf(n.name, target, seen) : undefined;
        if (inTarget) return inTarget;
        const sub = moduleFile(imp.module ? `${imp.module}.${n.name}` : n.name, imp.level, file);
        return sub ? { module: sub } : undefined;
      }
    }
    return undefined;
  }

  function lookup(dotted: string, file: PyFile, seen: Set<string>): { value: PyValue; file: PyFile } | undefined {
    const segments = dotted.split('.');
    let binding = bindingOf(segments[0], file, seen);
    for (const seg of segments.slice(1)) {
      if (!binding || !('module' in binding)) return undefined;
      binding = bindingOf(seg, binding.module, seen);
    }
    return binding && 'value' in binding ? binding : undefined;
  }

  function resolve(v: PyValue, from: PyFile, stack: ReadonlySet<string>, depth: number): PyValue {
    if (depth > MAX_DEPTH) return { ...v, kind: 'unknown', text: '', reason: 'a value nested too deeply to follow' } as PyValue;
    switch (v.kind) {
      case 'name': {
        const key = `${from.path}\0${v.name}`;
        if (stack.has(key)) return { ...v, kind: 'unknown', text: v.name, reason: `the name ${v.name}, defined in terms of itself` } as PyValue;
        const found = lookup(v.name, from, new Set());
        return found ? resolve(found.value, found.file, new Set([...stack, key]), depth + 1) : v;
      }
      case 'list':
      case 'tuple':
      case 'set': {
        const items: PyValue[] = [];
        for (const item of v.items) {
          const r = resolve(item, from, stack, depth + 1);
          if (r.kind === 'unknown' && r.fold?.op === 'starred') {
            const inner = resolve(r.fold.operands[0], from, stack, depth + 1);
            if (inner.kind === 'list' || inner.kind === 'tuple' || inner.kind === 'set') items.push(...inner.items);
            else items.push(r);
          } else items.push(r);
        }
        return { ...v, items };
      }
      case 'dict': {
        const entries: { key: PyValue; value: PyValue }[] = [];
        for (const e of v.entries) {
          if (e.key.kind === 'unknown' && e.key.fold?.op === 'spread') {
            const inner = resolve(e.key.fold.operands[0], from, stack, depth + 1);
            if (inner.kind === 'dict') entries.push(...inner.entries);
            else entries.push(e);
          } else entries.push({ key: resolve(e.key, from, stack, depth + 1), value: resolve(e.value, from, stack, depth + 1) });
        }
        return { ...v, entries };
      }
      case 'call':
        return {
          ...v,
          args: v.args.map((a) => resolve(a, from, stack, depth + 1)),
          kwargs: v.kwargs.map((k) => ({ ...k, value: resolve(k.value, from, stack, depth + 1) })),
        };
      case 'unknown': {
        if (v.fold?.op !== '+') return v;
        const [a, b] = v.fold.operands.map((o) => resolve(o, from, stack, depth + 1));
        if (a.kind === 'str' && b.kind === 'str') return { ...v, kind: 'str', value: a.value + b.value } as PyValue;
        if ((a.kind === 'list' || a.kind === 'tuple') && a.kind === b.kind) return { ...v, kind: a.kind, items: [...a.items, ...b.items] } as PyValue;
        const unread = [a, b].find((o) => o.kind === 'unknown' || o.kind === 'name' || o.kind === 'call');
        const reason = unread?.kind === 'name' ? `the name ${unread.name}, which is not bound to a literal in the files read` : v.reason;
        return { ...v, reason };
      }
      default:
        return v;
    }
  }

  return { resolve: (value, from) => resolve(value, from, new Set(), 0), moduleFile };
}
