import fs from 'node:fs';
import path from 'node:path';
import { isInsideFolder } from './checkout-path';
import { noteRead } from './read-trace';

/** A folder a discovery glob matched, checkout-relative with `/`. */
export interface DiscoveryProblem {
  /** Checkout-relative path of the entry that could not be read. */
  path: string;
  message: string;
}

export interface Discovery {
  folders: string[];
  problems: DiscoveryProblem[];
  /** Each glob as written, with the folders it (all its brace alternatives) matched. */
  byGlob: { glob: string; folders: string[] }[];
}

/** Brace alternatives a glob may expand to at most; beyond, the glob is reported and not expanded further. */
const MAX_BRACE_EXPANSIONS = 256;

/**
 * Expands brace alternatives as shells and globbing libraries do: `packages/{a,b}/*` is
 * `packages/a/*` and `packages/b/*`; nesting (`{a,b{1,2}}`) works; a brace without a comma or
 * without its closing brace is literal text. At most MAX_BRACE_EXPANSIONS results (`capped`).
 */
export function expandBraces(glob: string): { globs: string[]; capped: boolean } {
  let capped = false;
  const expand = (g: string): string[] => {
    const open = g.indexOf('{');
    if (open < 0) return [g];
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let i = open; i < g.length; i++) {
      if (g[i] === '{') depth++;
      else if (g[i] === '}' && --depth === 0) {
        close = i;
        break;
      } else if (g[i] === ',' && depth === 1) commas.push(i);
    }
    const head = g.slice(0, open + 1);
    if (close < 0) return [g];
    if (commas.length === 0) return expand(g.slice(close + 1)).map((rest) => g.slice(0, close + 1) + rest);
    const bounds = [open, ...commas, close];
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      for (const alt of expand(g.slice(bounds[k] + 1, bounds[k + 1]) + g.slice(close + 1))) {
        if (out.length >= MAX_BRACE_EXPANSIONS) {
          capped = true;
          return out;
        }
        out.push(head.slice(0, -1) + alt);
      }
    }
    return out;
  };
  return { globs: expand(glob), capped };
}


/** `**` may descend this deep at most; deeper trees are almost certainly a mistake. */
const MAX_DEPTH = 12;

/**
 * Module folders read at most (MWB_MAX_MODULES overrides): memory grows with the modules held
 * (about 60 MB per 1,000 here), so a glob that matches far too much (`**` over a vendored tree) gets
 * a clear finding instead of exhausting the machine. The first folders by path are kept.
 */
export function maxModuleFolders(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.MWB_MAX_MODULES);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
}

/** Turns one glob segment (`*`, `?`, `[a-z]`, literal text) into a matcher. */
function segmentMatcher(segment: string): (name: string) => boolean {
  if (!/[*?[]/.test(segment)) return (name) => name === segment;
  let re = '^';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const compiled = new RegExp(`${re}$`);
  // Hidden folders are matched only by a pattern that names the dot.
  return (name) => (name.startsWith('.') && !segment.startsWith('.') ? false : compiled.test(name));
}

/**
 * Whether a checkout-relative path is, or is an ancestor of, a folder the globs could match: a
 * change there can add or remove modules. A file inside a module folder (an editor's temp file, a
 * migration) cannot.
 */
export function couldHoldModules(rel: string, globs: readonly string[]): boolean {
  const parts = rel.split('/').filter((s) => s !== '');
  return globs.flatMap((g) => expandBraces(g).globs).some((glob) => {
    const segs = glob.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
    if (segs.includes('**')) return true;
    if (parts.length > segs.length) return false;
    return parts.every((part, i) => segmentMatcher(segs[i])(part));
  });
}

/**
 * Expands discovery globs (`modules/*`, `packages/** /modules/*`) to folders under `root`.
 * Follows symlinked folders once (by real path), reports loops and unreadable folders instead of
 * throwing, and never leaves the checkout.
 */
export function discoverFolders(root: string, globs: readonly string[]): Discovery {
  const found = new Set<string>();
  const problems = new Map<string, string>();
  const realRoot = safeRealpath(root) ?? root;

  const walk = (rel: string, segments: string[], depth: number, seen: Set<string>): void => {
    if (segments.length === 0) {
      found.add(rel);
      return;
    }
    const [head, ...rest] = segments;
    if (head === '**') {
      walk(rel, rest, depth, seen);
      if (depth >= MAX_DEPTH) return;
      for (const child of listFolders(rel)) {
        const real = safeRealpath(path.join(root, child));
        if (real === null || seen.has(real)) continue;
        walk(child, segments, depth + 1, new Set(seen).add(real));
      }
      return;
    }
    if (head === '.' || head === '') {
      walk(rel, rest, depth, seen);
      return;
    }
    const match = segmentMatcher(head);
    for (const child of listFolders(rel)) {
      if (!match(path.posix.basename(child))) continue;
      walk(child, rest, depth, seen);
    }
  };

  const listFolders = (rel: string): string[] => {
    const abs = path.join(root, rel);
    let entries: fs.Dirent[];
    noteRead(abs);
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR') problems.set(rel, e.code === 'EACCES' ? 'folder cannot be read (permission denied)' : `folder cannot be read (${e.code})`);
      return [];
    }
    const out: string[] = [];
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) out.push(child);
      else if (entry.isSymbolicLink()) {
        try {
          const target = fs.realpathSync(path.join(abs, entry.name));
          if (!isInside(realRoot, target)) {
            problems.set(child, 'is a symlink to a folder outside the checkout; not followed');
            continue;
          }
          if (fs.statSync(target).isDirectory()) out.push(child);
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          problems.set(child, e.code === 'ELOOP' ? 'is a symlink loop; not followed' : e.code === 'ENOENT' ? 'is a broken symlink' : `cannot be followed (${e.code})`);
        }
      }
    }
    return out.sort();
  };

  const byGlob: { glob: string; folders: string[] }[] = [];
  const all = new Set<string>();
  for (const original of globs) {
    const expanded = expandBraces(original);
    if (expanded.capped) problems.set(original, `discovery glob expands to more than ${MAX_BRACE_EXPANSIONS} brace alternatives; only the first ${MAX_BRACE_EXPANSIONS} are searched`);
    for (const glob of expanded.globs) {
      const segments = glob.replace(/\\/g, '/').split('/').filter((s) => s !== '');
      if (segments.some((s) => s === '..') || path.isAbsolute(glob)) {
        problems.set(original, 'discovery glob leaves the checkout; ignored');
        continue;
      }
      walk('', segments, 0, new Set([realRoot]));
    }
    byGlob.push({ glob: original, folders: [...found].sort() });
    for (const f of found) all.add(f);
    found.clear();
  }
  let folders = [...all].sort();
  const max = maxModuleFolders();
  if (folders.length > max) {
    problems.set('platform.yaml', `module globs match ${folders.length} folders; only the first ${max} (by path) are read, to keep memory bounded. Narrow the globs in platform.yaml, or raise the limit with MWB_MAX_MODULES`);
    folders = folders.slice(0, max);
  }
  return {
    folders,
    byGlob,
    problems: [...problems.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, message]) => ({ path: p, message })),
  };
}

function safeRealpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** The path rule's test (checkout-path.ts). */
const isInside = isInsideFolder;

/**
 * The same globs over a listed tree instead of the disk (the folders of a git revision): every
 * folder in `folders` (checkout-relative, with all their ancestors) that a glob matches.
 */
export function matchFolders(folders: ReadonlySet<string>, globs: readonly string[]): string[] {
  const children = new Map<string, string[]>();
  for (const f of folders) {
    const parent = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    const list = children.get(parent) ?? [];
    list.push(f);
    children.set(parent, list);
  }
  const found = new Set<string>();
  const walk = (rel: string, segments: string[], depth: number): void => {
    if (segments.length === 0) {
      if (rel !== '') found.add(rel);
      return;
    }
    const [head, ...rest] = segments;
    if (head === '**') {
      walk(rel, rest, depth);
      if (depth < MAX_DEPTH) for (const child of children.get(rel) ?? []) walk(child, segments, depth + 1);
      return;
    }
    if (head === '.' || head === '') {
      walk(rel, rest, depth);
      return;
    }
    const match = segmentMatcher(head);
    for (const child of children.get(rel) ?? []) if (match(child.slice(child.lastIndexOf('/') + 1))) walk(child, rest, depth);
  };
  for (const glob of globs.flatMap((g) => expandBraces(g).globs)) {
    const segments = glob.replace(/\\/g, '/').split('/').filter((s) => s !== '');
    if (segments.some((s) => s === '..') || path.isAbsolute(glob)) continue;
    walk('', segments, 0);
  }
  return [...found].sort();
}
