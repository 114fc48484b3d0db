import type { DiffEntry, EdgeChange, FileChange, ModuleDiff, PlatformDiff } from '../common/contract-changes';
import type { ModuleManifest, PermissionDecl, RouteDecl } from '../common/model';
import type { ParsedManifest } from './manifest';
import type { Registry } from './registry';

/**
 * The semantic diff of a platform between a base and the working tree: modules added, removed
 * and changed (with the files that changed in each), and inside the modules present on both
 * sides, versions, tiers, dependencies, capabilities, permissions, routes, events and
 * migrations. Both sides are registries built by the same engine functions, so like is compared
 * with like. Pure.
 */

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isUnder(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

/** Files inside `dir` that are not inside a deeper module folder of `allDirs`. */
export function filesOfModule(dir: string, allDirs: readonly string[], paths: readonly string[]): string[] {
  const deeper = allDirs.filter((d) => d !== dir && isUnder(d, dir));
  return paths.filter((p) => isUnder(p, dir) && !deeper.some((d) => isUnder(p, d)));
}

/**
 * The files of each module folder at once: each path goes to the deepest folder of `dirs` that
 * holds it (what filesOfModule gives folder by folder), found by walking up the path's own
 * parents, so a platform of thousands of modules costs one lookup per path segment.
 */
export function filesByModuleDir(dirs: readonly string[], paths: readonly string[]): Map<string, string[]> {
  const known = new Set(dirs);
  const out = new Map<string, string[]>();
  for (const p of paths) {
    let owner: string | null = null;
    for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) {
      if (known.has(p.slice(0, cut))) {
        owner = p.slice(0, cut);
        break;
      }
    }
    if (owner === null && known.has('')) owner = '';
    if (owner === null) continue;
    const list = out.get(owner);
    if (list) list.push(p);
    else out.set(owner, [p]);
  }
  return out;
}

/** The migrations folder of a module, checkout-relative (manifest `migrations`, default `migrations`). */
export function migrationsDir(m: ParsedManifest): string {
  const rel = m.manifest.migrations.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return rel === '' || rel === '.' ? m.dir : `${m.dir}/${rel}`;
}

/** Whether a checkout-relative path is a migration of the module: a `.sql` file directly in its migrations folder. */
export function isMigrationOf(m: ParsedManifest, path: string): boolean {
  const dir = migrationsDir(m);
  if (!path.startsWith(`${dir}/`) || !path.toLowerCase().endsWith('.sql')) return false;
  return !path.slice(dir.length + 1).includes('/');
}

function depMap(mf: ModuleManifest): Map<string, { role: string; range: string }> {
  const map = new Map<string, { role: string; range: string }>();
  for (const d of mf.optional_dependencies) map.set(d.name, { role: 'optional', range: d.range ?? '' });
  // A strict dependency wins when a name is listed in both.
  for (const d of mf.dependencies) map.set(d.name, { role: 'required', range: d.range ?? '' });
  return map;
}

function capMap(list: ModuleManifest['requires']): Map<string, string> {
  return new Map(list.map((c) => [c.name, c.version ?? '']));
}

function describePermission(p: PermissionDecl): string {
  const parts: string[] = [];
  if (p.description) parts.push(p.description);
  parts.push(p.risk ? `risk: ${p.risk}` : 'no risk text');
  if (p.default_roles && p.default_roles.length > 0) parts.push(`default roles: ${[...p.default_roles].sort().join(', ')}`);
  return parts.join('; ');
}

function routeKey(r: RouteDecl): string {
  return `${r.method.toUpperCase()} ${r.path}`;
}

function describeRoute(r: RouteDecl): string {
  const perms = [...new Set([r.permission, ...(r.permissions ?? [])].filter((p): p is string => !!p))].sort();
  const parts: string[] = [r.public ? 'public' : perms.length > 0 ? `needs ${perms.join(' + ')}` : 'no permission'];
  if (r.public && perms.length > 0) parts.push(`needs ${perms.join(' + ')}`);
  if (r.tenant_scoped) parts.push('tenant-scoped');
  return parts.join(', ');
}

/** Compares two keyed maps into added / removed / changed entries. */
function compareMaps<V>(module: string, category: DiffEntry['category'], base: Map<string, V>, head: Map<string, V>, show: (v: V) => string, role?: (v: V) => string | undefined): DiffEntry[] {
  const out: DiffEntry[] = [];
  const keys = [...new Set([...base.keys(), ...head.keys()])].sort(cmp);
  for (const key of keys) {
    const b = base.get(key);
    const h = head.get(key);
    const withRole = (e: DiffEntry, v: V): DiffEntry => {
      const r = role?.(v);
      return r ? { ...e, role: r } : e;
    };
    if (b === undefined && h !== undefined) out.push(withRole(clean({ module, category, change: 'added', subject: key, after: show(h) }), h));
    else if (b !== undefined && h === undefined) out.push(withRole(clean({ module, category, change: 'removed', subject: key, before: show(b) }), b));
    else if (b !== undefined && h !== undefined && show(b) !== show(h)) out.push(withRole(clean({ module, category, change: 'changed', subject: key, before: show(b), after: show(h) }), h));
  }
  return out;
}

/** Drops empty `before` / `after` so the JSON stays small and stable. */
function clean(e: DiffEntry): DiffEntry {
  const out: DiffEntry = { module: e.module, category: e.category, change: e.change, subject: e.subject };
  if (e.role) out.role = e.role;
  if (e.before) out.before = e.before;
  if (e.after) out.after = e.after;
  return out;
}

/** The semantic changes inside one module present on both sides. */
export function diffModule(name: string, base: ParsedManifest, head: ParsedManifest, files: readonly FileChange[]): DiffEntry[] {
  const b = base.manifest;
  const h = head.manifest;
  const out: DiffEntry[] = [];
  // The same parse on both sides (an unchanged manifest, reused for the base): nothing inside differs.
  if (base !== head) out.push(...semanticChanges(name, b, h));
  migrationChanges(name, base, head, files, out);
  return out;
}

function semanticChanges(name: string, b: ModuleManifest, h: ModuleManifest): DiffEntry[] {
  const out: DiffEntry[] = [];
  if ((b.version ?? null) !== (h.version ?? null)) out.push(clean({ module: name, category: 'version', change: 'changed', subject: 'version', before: b.version ?? '(none)', after: h.version ?? '(none)' }));
  if (b.tier !== h.tier) out.push({ module: name, category: 'tier', change: 'changed', subject: 'tier', before: b.tier, after: h.tier });

  const bd = depMap(b);
  const hd = depMap(h);
  out.push(...compareMaps(name, 'dependency', bd, hd, (d) => `${d.role}${d.range ? ` ${d.range}` : ''}`, (d) => d.role));

  out.push(...compareMaps(name, 'capability', capMap(b.requires), capMap(h.requires), (v) => v || 'any version', () => 'requires'));
  out.push(...compareMaps(name, 'capability', capMap(b.provides), capMap(h.provides), (v) => v || 'unversioned', () => 'provides'));
  out.push(...compareMaps(name, 'permission', new Map(b.permissions.map((p) => [p.id, p])), new Map(h.permissions.map((p) => [p.id, p])), describePermission));
  out.push(...compareMaps(name, 'route', new Map(b.routes.map((r) => [routeKey(r), r])), new Map(h.routes.map((r) => [routeKey(r), r])), describeRoute));
  const events = (list: string[]) => new Map(list.map((e) => [e, e]));
  out.push(...compareMaps(name, 'event', events(b.publishes), events(h.publishes), () => '', () => 'publishes'));
  out.push(...compareMaps(name, 'event', events(b.subscribes), events(h.subscribes), () => '', () => 'subscribes'));
  return out;
}

/** Migrations by file: added, deleted, or edited (a migration on the base that was modified). */
function migrationChanges(name: string, base: ParsedManifest, head: ParsedManifest, files: readonly FileChange[], out: DiffEntry[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const mig = f.status === 'deleted' ? isMigrationOf(base, f.path) : isMigrationOf(head, f.path) || (f.status === 'modified' && isMigrationOf(base, f.path));
    if (!mig || seen.has(f.path)) continue;
    seen.add(f.path);
    const subject = f.path.slice(f.path.lastIndexOf('/') + 1);
    out.push({ module: name, category: 'migration', change: f.status === 'added' ? 'added' : f.status === 'deleted' ? 'removed' : 'changed', subject });
  }
}

function edgeKey(e: { from: string; to: string; kind: string }): string {
  return `${e.kind}:${e.from}->${e.to}`;
}

/** Why the base's manifest at `head`'s file could not be read or parsed, or null when it could (or there was none). */
function unreadableAtBase(base: Registry, head: ParsedManifest): string | null {
  const m = base.manifests.find((x) => x.file === head.file);
  if (!m || base.byName.get(m.name) === m) return null;
  // Read or parse failures, or a manifest with no usable name; not a duplicate name or a schema slip.
  const d = m.diagnostics.find((x) => x.rule === 'manifest-parse-error' || x.rule === 'manifest-unreadable') ?? (m.named ? undefined : m.diagnostics.find((x) => x.severity === 'error'));
  if (!d) return null;
  return `${d.file ?? m.file}${d.line !== undefined ? `:${d.line}` : ''}: ${d.message}`;
}

/** The diff of two registries, given the files that differ between them. */
export function diffPlatforms(base: Registry, head: Registry, files: readonly FileChange[]): PlatformDiff {
  const sortedFiles = [...files].sort((a, b) => cmp(a.path, b.path));
  const paths = sortedFiles.map((f) => f.path);
  const baseDirs = [...base.byName.values()].map((m) => m.dir);
  const headDirs = [...head.byName.values()].map((m) => m.dir);
  const names = [...new Set([...base.byName.keys(), ...head.byName.keys()])].sort(cmp);
  const baseFiles = filesByModuleDir(baseDirs, paths);
  const headFiles = filesByModuleDir(headDirs, paths);
  const fileByPath = new Map(sortedFiles.map((f) => [f.path, f]));
  const modules: ModuleDiff[] = [];
  const entries: DiffEntry[] = [];
  for (const name of names) {
    const b = base.byName.get(name);
    const h = head.byName.get(name);
    const own = new Set<string>();
    if (b) for (const p of baseFiles.get(b.dir) ?? []) own.add(p);
    if (h) for (const p of headFiles.get(h.dir) ?? []) own.add(p);
    const moduleFiles = [...own].sort(cmp);
    const manifestChanged = moduleFiles.some((p) => p === h?.file || p === b?.file);
    if (b && h) {
      const changes = diffModule(name, b, h, moduleFiles.map((p) => fileByPath.get(p) as FileChange));
      if (moduleFiles.length === 0 && changes.length === 0) continue;
      entries.push(...changes);
      modules.push({
        name,
        change: 'changed',
        tier: h.manifest.tier,
        baseTier: b.manifest.tier,
        headTier: h.manifest.tier,
        baseVersion: b.manifest.version ?? null,
        headVersion: h.manifest.version ?? null,
        path: h.dir,
        files: moduleFiles,
        manifestChanged,
      });
    } else if (h && unreadableAtBase(base, h) !== null) {
      // The module was there, its base manifest was not readable: changed, not added.
      const why = unreadableAtBase(base, h) as string;
      modules.push({ name, change: 'changed', tier: h.manifest.tier, baseTier: null, headTier: h.manifest.tier, baseVersion: null, headVersion: h.manifest.version ?? null, path: h.dir, files: moduleFiles, manifestChanged, baseUnreadable: why });
    } else if (h) {
      modules.push({ name, change: 'added', tier: h.manifest.tier, baseTier: null, headTier: h.manifest.tier, baseVersion: null, headVersion: h.manifest.version ?? null, path: h.dir, files: moduleFiles, manifestChanged });
    } else if (b) {
      modules.push({ name, change: 'removed', tier: b.manifest.tier, baseTier: b.manifest.tier, headTier: null, baseVersion: b.manifest.version ?? null, headVersion: null, path: b.dir, files: moduleFiles, manifestChanged });
    }
  }

  const structural = (r: Registry) => new Map(r.edges.filter((e) => e.kind === 'dependency' || e.kind === 'optional').map((e) => [edgeKey(e), e]));
  const be = structural(base);
  const he = structural(head);
  const edges: EdgeChange[] = [];
  for (const [key, e] of he) if (!be.has(key)) edges.push({ from: e.from, to: e.to, kind: e.kind as EdgeChange['kind'], change: 'added' });
  for (const [key, e] of be) if (!he.has(key)) edges.push({ from: e.from, to: e.to, kind: e.kind as EdgeChange['kind'], change: 'removed' });
  edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind) || cmp(a.change, b.change));

  return {
    modules,
    entries,
    edges,
    files: sortedFiles,
    summary: {
      modulesAdded: modules.filter((m) => m.change === 'added').length,
      modulesRemoved: modules.filter((m) => m.change === 'removed').length,
      modulesChanged: modules.filter((m) => m.change === 'changed').length,
      entries: entries.length,
      files: sortedFiles.length,
    },
  };
}
