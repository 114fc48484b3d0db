import semver from 'semver';
import type { FileChange, PlatformDiff } from '../common/contract-changes';
import type { Diagnostic, RelatedLocation } from '../common/diagnostic';
import type { ParsedManifest } from './manifest';
import { manifestDeclarations } from './permissions/declarations';
import { isMigrationOf, migrationsDir } from './pr-diff';
import { nameList, type Registry } from './registry';
import { parseYamlSource } from './yaml-source';

/**
 * The pull-request rules of SPEC §3: module-version-not-bumped, breaking-removal,
 * migration-edited and core-change-without-note. Pure: both registries, the diff, the roles
 * file's grants and the notes added in the change come in; findings go out, located in the
 * working tree (where the author can act on them).
 */

export interface RoleGrant {
  role: string;
  grant: string;
  file: string;
  line: number;
  column: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The grants of a roles file (`roles: {<role>: {grants: [..]}}`) with their positions. Lenient:
 * a roles file that does not parse or has another shape gives no grants (the permission rules
 * report those problems).
 */
export function readRoleGrants(file: string, text: string): RoleGrant[] {
  const yaml = parseYamlSource(file, text);
  if (yaml.diagnostics.length > 0 || !isRecord(yaml.value) || !isRecord(yaml.value.roles)) return [];
  const out: RoleGrant[] = [];
  for (const [role, body] of Object.entries(yaml.value.roles)) {
    if (!isRecord(body) || !Array.isArray(body.grants)) continue;
    body.grants.forEach((g, i) => {
      if (typeof g !== 'string') return;
      const p = yaml.locator.at(['roles', role, 'grants', i]);
      out.push({ role, grant: g, file, line: p.line, column: p.column });
    });
  }
  return out;
}

export interface AddedNote {
  file: string;
  modules: readonly string[];
}

export interface PrRuleInput {
  base: Registry;
  head: Registry;
  diff: PlatformDiff;
  /** Grants of the working tree's roles file. */
  roles: readonly RoleGrant[];
  /** Notes added in the change (new files in the notes folder) and the modules they name. */
  addedNotes: readonly AddedNote[];
  /** The first line that differs between base and working tree, for the edited migrations. */
  firstChangedLine(path: string): number | undefined;
}

function at(m: ParsedManifest, path: (string | number)[]): { line: number; column: number } {
  return m.locator.at(path);
}

function finding(rule: Diagnostic['rule'], severity: Diagnostic['severity'], m: ParsedManifest, path: (string | number)[], message: string, related?: RelatedLocation[]): Diagnostic {
  const p = at(m, path);
  const d: Diagnostic = { rule, severity, message, module: m.name, file: m.file, line: p.line, column: p.column };
  if (related && related.length > 0) d.related = related;
  return d;
}

/** The migration files on the base that the change modified, with the module that owns them. */
export function editedMigrations(base: Registry, files: readonly FileChange[]): { path: string; module: ParsedManifest }[] {
  const out: { path: string; module: ParsedManifest }[] = [];
  // A migration sits directly in its module's migrations folder: one lookup by folder (the first
  // module in the registry's order that owns it) instead of asking every module about every file.
  let owners: Map<string, ParsedManifest> | undefined;
  for (const f of files) {
    if (f.status !== 'modified' || !f.path.toLowerCase().endsWith('.sql')) continue;
    if (!owners) {
      owners = new Map();
      for (const m of base.byName.values()) if (!owners.has(migrationsDir(m))) owners.set(migrationsDir(m), m);
    }
    const m = owners.get(f.path.slice(0, Math.max(0, f.path.lastIndexOf('/'))));
    if (m && isMigrationOf(m, f.path)) out.push({ path: f.path, module: m });
  }
  return out;
}

function versionNotBumped(input: PrRuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const md of input.diff.modules) {
    if (md.change !== 'changed' || md.files.length === 0) continue;
    if (md.baseVersion === null || md.headVersion === null) continue;
    const m = input.head.byName.get(md.name);
    if (!m) continue;
    if (md.baseVersion !== md.headVersion) {
      // A version that moves down is not a bump: consumers comparing versions would see it as older.
      if (semver.valid(md.baseVersion) && semver.valid(md.headVersion) && semver.lt(md.headVersion, md.baseVersion)) {
        out.push(
          finding(
            'module-version-not-bumped',
            'error',
            m,
            ['version'],
            `'${md.name}' moved its version down from ${md.baseVersion} to ${md.headVersion} against the base; a version only moves up (for example to ${semver.inc(md.baseVersion, 'patch')})`,
          ),
        );
      }
      continue;
    }
    const next = semver.valid(md.headVersion) ? semver.inc(md.headVersion, 'patch') : null;
    const files = md.files.length === 1 ? md.files[0] : `${md.files.length} files, first ${md.files[0]}`;
    out.push(
      finding(
        'module-version-not-bumped',
        'error',
        m,
        ['version'],
        `'${md.name}' changed against the base (${files}) but its version is still ${md.headVersion}; bump it${next ? ` (for example to ${next})` : ''}`,
        md.files.slice(0, 5).map((f) => ({ message: 'changed in this change', module: md.name, file: f })),
      ),
    );
  }
  return out;
}

function providersOf(r: Registry): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, m] of r.byName) for (const c of m.manifest.provides) map.set(c.name, [...(map.get(c.name) ?? []), name]);
  return map;
}

function declarersOf(r: Registry): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, m] of r.byName) for (const p of m.manifest.permissions) map.set(p.id, [...(map.get(p.id) ?? []), name]);
  return map;
}

function publishersOf(r: Registry): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [name, m] of r.byName) for (const e of m.manifest.publishes) map.set(e, [...(map.get(e) ?? []), name]);
  return map;
}

function whoHadIt(modules: readonly string[]): string {
  return modules.length === 1 ? `'${modules[0]}'` : nameList(modules.map((m) => `'${m}'`));
}

function breakingRemovals(input: PrRuleInput): Diagnostic[] {
  const { base, head } = input;
  const out: Diagnostic[] = [];

  // Removed modules that a module still depends on (strictly: optional dependencies may go).
  for (const [removed, bm] of base.byName) {
    if (head.byName.has(removed)) continue;
    for (const [name, m] of head.byName) {
      for (const dep of m.at.dependencies) {
        if (dep.name !== removed) continue;
        out.push(finding('breaking-removal', 'error', m, ['dependencies', dep.index], `module '${removed}' is removed in this change, but '${name}' still depends on it`, [{ message: `'${removed}' was at ${bm.dir} on the base`, module: removed }]));
      }
    }
  }

  // Capabilities no module provides any more, still required (unless every profile offers them).
  const before = providersOf(base);
  const after = providersOf(head);
  const profiles = head.platform.profiles;
  for (const [cap, providers] of before) {
    if (after.has(cap)) continue;
    if (profiles.length > 0 && profiles.every((p) => p.capabilities.some((c) => c.name === cap))) continue;
    for (const [name, m] of head.byName) {
      for (const req of m.at.requires) {
        if (req.name !== cap) continue;
        out.push(
          finding('breaking-removal', 'error', m, ['capabilities', 'requires', req.index], `capability '${cap}', provided by ${whoHadIt(providers)} on the base, is removed in this change, but '${name}' still requires it`, [
            { message: `no module provides '${cap}' any more`, module: providers[0] },
          ]),
        );
      }
    }
  }

  // Permissions nobody declares any more, still required by a route or granted by a role.
  const declared = declarersOf(base);
  const declaredNow = declarersOf(head);
  const removedPermissions = new Map([...declared].filter(([id]) => !declaredNow.has(id)));
  if (removedPermissions.size > 0) {
    for (const [name, m] of head.byName) {
      m.manifest.routes.forEach((r, i) => {
        const raw = m.rawIndex.routes[i];
        const uses: { id: string; path: (string | number)[] }[] = [];
        if (r.permission) uses.push({ id: r.permission, path: ['routes', raw, 'permission'] });
        (r.permissions ?? []).forEach((id, j) => uses.push({ id, path: ['routes', raw, 'permissions', j] }));
        for (const u of uses) {
          const owners = removedPermissions.get(u.id);
          if (!owners) continue;
          const f = finding('breaking-removal', 'error', m, u.path, `permission '${u.id}', declared by ${whoHadIt(owners)} on the base, is removed in this change, but route ${r.method.toUpperCase()} ${r.path} of '${name}' still requires it`);
          // Routes an adapter read live in their own file (Drupal's *.routing.yml): point there.
          const route = manifestDeclarations(m).routes[i];
          const req = route?.required.find((q) => q.id === u.id);
          if (route && req && route.file !== m.file) Object.assign(f, { file: route.file, line: req.line, column: req.column });
          out.push(f);
        }
      });
    }
    for (const g of input.roles) {
      const owners = removedPermissions.get(g.grant);
      if (!owners) continue;
      out.push({
        rule: 'breaking-removal',
        severity: 'error',
        message: `permission '${g.grant}', declared by ${whoHadIt(owners)} on the base, is removed in this change, but role '${g.role}' still grants it`,
        file: g.file,
        line: g.line,
        column: g.column,
      });
    }
  }

  // Events nobody publishes any more, still subscribed to.
  const published = publishersOf(base);
  const publishedNow = publishersOf(head);
  for (const [event, publishers] of published) {
    if (publishedNow.has(event)) continue;
    for (const [name, m] of head.byName) {
      if (!m.manifest.subscribes.includes(event)) continue;
      const p = m.locator.item(['events', 'subscribes'], event);
      out.push({
        rule: 'breaking-removal',
        severity: 'error',
        message: `event '${event}', published by ${whoHadIt(publishers)} on the base, is removed in this change, but '${name}' still subscribes to it`,
        module: name,
        file: m.file,
        line: p.line,
        column: p.column,
      });
    }
  }
  return out;
}

function migrationEdits(input: PrRuleInput): Diagnostic[] {
  return editedMigrations(input.base, input.diff.files).map(({ path, module }) => {
    const line = input.firstChangedLine(path) ?? 1;
    return {
      rule: 'migration-edited',
      severity: 'error',
      message: `migration ${path.slice(path.lastIndexOf('/') + 1)} exists on the base and was modified (first change at line ${line}); databases that applied it will never see the edit: restore it and add a new migration`,
      module: module.name,
      file: path,
      line,
      column: 1,
    } satisfies Diagnostic;
  });
}

function coreWithoutNote(input: PrRuleInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const named = new Set(input.addedNotes.flatMap((n) => n.modules));
  for (const md of input.diff.modules) {
    if (md.tier !== 'core' && md.baseTier !== 'core') continue;
    if (named.has(md.name)) continue;
    const what = md.change === 'changed' ? 'changed' : md.change === 'added' ? 'is added' : 'is removed';
    const hint = `add a note that names it (mwb notes new --kind architecture --module ${md.name} --title "...")`;
    const m = input.head.byName.get(md.name);
    if (m) {
      out.push(finding('core-change-without-note', 'warning', m, ['name'], `core module '${md.name}' ${what} in this change, but no note added in the change names it; ${hint}`));
    } else {
      const bm = input.base.byName.get(md.name);
      out.push({ rule: 'core-change-without-note', severity: 'warning', message: `core module '${md.name}' ${what} in this change, but no note added in the change names it; ${hint}`, module: md.name, file: bm?.file, line: 1, column: 1 });
    }
  }
  return out;
}

/** Every PR rule over one change. */
export function checkPullRequest(input: PrRuleInput): Diagnostic[] {
  return [...versionNotBumped(input), ...breakingRemovals(input), ...migrationEdits(input), ...coreWithoutNote(input)];
}

/** The first 1-based line where two texts differ (line endings ignored); undefined when equal. */
export function firstDifferingLine(a: string, b: string): number | undefined {
  const la = a.split(/\r?\n/);
  const lb = b.split(/\r?\n/);
  const n = Math.max(la.length, lb.length);
  for (let i = 0; i < n; i++) if (la[i] !== lb[i]) return Math.min(i + 1, Math.max(lb.length, 1));
  return undefined;
}
