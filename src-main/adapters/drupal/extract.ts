import type { Diagnostic } from '../../common/diagnostic';
import type { DependencyRef, Tier } from '../../common/model';
import type { ParsedManifest } from '../../engine/manifest';
import { primeDeclarations, type DeclaredPermission, type DeclaredRoute } from '../../engine/permissions/declarations';
import { parsePlatform } from '../../engine/platform';
import type { AdaptedCheckout, AdapterFiles } from '../adapter';
import { drupalConstraint, drupalCoreRequirement, drupalVersion } from '../versioning/drupal';
import { readComposer, type ComposerInfo } from './composer-files';
import { derivePermissions } from './dynamic-permissions';
import { readInfoFile, type InfoFile } from './info-file';
import { baseOf, dirOf, docrootOf, join } from './layout';
import { emptyManifest } from '../../engine/manifest';
import { drupalManifest, infoLocator } from './model';
import { readPermissionsFile } from './permissions-file';
import { refineFindings, type RefineContext } from './refine';
import { removeGrantLines } from './role-edit';
import { readRoleConfigs } from './roles-config';
import { readRoutingFile } from './routing-file';
import { readSiteSettings } from './site-settings';
import { readUpdates } from './updates';

/**
 * Rules of the native format that Drupal does not share: its permission ids are phrases, its folders
 * need not match machine names, routes without a permission are protected by other access checks,
 * an admin role holds every permission, sites neither version custom modules nor keep notes, and
 * `required` / `hidden` are installability and UI flags, not layers (a module may depend on a hidden one).
 */
export const DRUPAL_SKIPPED_RULES = new Set(['permission-format', 'permission-foreign-namespace', 'module-name-mismatch', 'route-permission-missing', 'permission-ungranted', 'manifest-unknown-key', 'module-version-not-bumped', 'core-change-without-note', 'tier-violation'] as const);

const LIFECYCLES = new Set(['experimental', 'deprecated', 'obsolete']);

function tierOf(info: InfoFile): Tier {
  if (info.required) return 'core';
  if (info.hidden || info.package === 'Testing') return 'internal';
  return 'optional';
}

/** A contrib module's project: `project:` (packaged releases), else the folder under modules/contrib (or modules/). */
function projectOf(info: InfoFile): string | undefined {
  if (info.project !== undefined) return info.project;
  return /(?:^|\/)modules\/(?:contrib\/)?([a-z0-9_]+)(?:\/|$)/.exec(info.dir)?.[1];
}

function versionOf(info: InfoFile, isCore: boolean, coreVersion: string | null, composer: ComposerInfo): string | undefined {
  if (isCore || info.version === 'VERSION') return coreVersion ?? undefined;
  const project = projectOf(info);
  const locked = project === undefined ? undefined : composer.locked.get(project);
  // A locked dev branch (`dev-1.x`) is no version: the info file's, if any, is the better guess.
  for (const v of [locked, info.version]) if (v !== undefined && drupalVersion(v) !== null) return drupalVersion(v) ?? undefined;
  return undefined;
}

/** The install profile: as the site's config or settings.php names it, else the only one outside core. */
function activeProfile(profiles: InfoFile[], named: string | null, coreDir: string): InfoFile | undefined {
  if (named !== null) return profiles.find((p) => p.name === named);
  const own = profiles.filter((p) => !p.dir.startsWith(`${coreDir}/`));
  return own.length === 1 ? own[0] : undefined;
}

/** Pure: the files a Drupal checkout holds, in; the engine's model out. */
export function extractDrupal(files: AdapterFiles): AdaptedCheckout {
  const { texts } = files;
  const diagnostics: Diagnostic[] = files.unreadable.map((u) => ({ rule: 'manifest-unreadable', severity: 'error', message: `${u.path} ${u.message}`, file: u.path, line: u.line ?? 1, column: u.column ?? 1 }));
  const docroot = docrootOf(texts);
  const coreDir = join(docroot, 'core');
  const drupalPhp = join(coreDir, 'lib/Drupal.php');
  const coreVersionText = /const\s+VERSION\s*=\s*'([^']+)'/.exec(texts.get(drupalPhp) ?? '')?.[1] ?? null;
  const coreVersion = coreVersionText === null ? null : drupalVersion(coreVersionText);
  const composer = readComposer(texts.get('composer.json'), texts.get('composer.lock'));
  const settings = readSiteSettings(texts, docroot);

  const infos = [...texts.keys()].filter((k) => k.endsWith('.info.yml')).sort().map((k) => readInfoFile(k, texts.get(k) as string));
  const profile = activeProfile(infos.filter((i) => i.type === 'profile'), settings.profile, coreDir);
  // Drupal discovers modules inside a profile's folder only for the active profile.
  const otherProfiles = infos.filter((i) => i.type === 'profile' && i !== profile).map((p) => `${p.dir}/`);
  const extensions = infos.filter((i) => (i.type === 'module' && !otherProfiles.some((d) => i.dir.startsWith(d))) || i === profile);
  // Info files that fail to parse have no type: still shown, so that their finding has a module.
  for (const i of infos) if (i.type === undefined && i.diagnostics.length > 0) extensions.push(i);
  const names = new Set(extensions.map((e) => e.name));

  // Config the checkout holds: the sync folder when there is one, else what modules and the profile install.
  const extensionDirs = extensions.map((e) => e.dir);
  const installDirs = extensionDirs.flatMap((d) => [join(d, 'config/install'), join(d, 'config/optional')]);
  const configDirs = settings.syncDir !== null ? [settings.syncDir] : installDirs;
  const configIds = new Set<string>();
  for (const path of texts.keys()) if (configDirs.includes(dirOf(path)) && path.endsWith('.yml')) configIds.add(baseOf(path).slice(0, -4));

  const manifests: ParsedManifest[] = [];
  const absent = new Map<string, string[]>();
  const callbacks = new Map<string, string[]>();
  const derived = new Set<string>();
  for (const info of extensions) {
    const isCore = info.dir.startsWith(`${coreDir}/`);
    const m = emptyManifest(info.name);
    const lifecycle = info.lifecycle !== undefined && LIFECYCLES.has(info.lifecycle) ? info.lifecycle : undefined;
    m.description = [lifecycle ? `[${lifecycle}]` : '', info.label ?? '', info.description ? `${info.label ? ': ' : ''}${info.description}` : ''].join(lifecycle ? ' ' : '').trim() || undefined;
    m.tier = info.type === 'profile' ? 'optional' : tierOf(info);
    m.version = versionOf(info, isCore, coreVersion, composer);
    if (info.package !== undefined) m.package = info.package;
    const own: Diagnostic[] = [...info.diagnostics];
    const at = (index: number) => info.locator.at(['dependencies', index]);
    if (lifecycle) {
      const p = info.locator.at(['lifecycle']);
      own.push({ rule: 'drupal-module-lifecycle', severity: 'info', message: `'${info.name}' is ${lifecycle}${info.lifecycleLink ? ` (${info.lifecycleLink})` : ''}`, file: info.file, line: p.line, column: p.column });
    }
    if (info.coreRequirement !== undefined) {
      const range = drupalCoreRequirement(info.coreRequirement);
      if (range !== null) m.min_core_version = range;
      else {
        const p = info.locator.at(['core_version_requirement']);
        own.push({ rule: 'manifest-invalid', severity: 'warning', message: `core_version_requirement '${info.coreRequirement}' is not a Composer constraint the workbench reads; the core gate is not checked`, file: info.file, line: p.line, column: p.column });
      }
    }
    const depIndex: number[] = [];
    const deps = info.type === 'profile' ? [...info.dependencies] : info.dependencies;
    for (const d of deps) {
      if (!names.has(d.name)) {
        const project = d.project !== undefined && d.project !== 'drupal' ? d.project : d.name;
        if (composer.required.has(project) || composer.required.has(d.name)) {
          const p = at(d.index);
          absent.set(info.name, [...(absent.get(info.name) ?? []), d.name]);
          own.push({ rule: 'drupal-dependency-not-in-checkout', severity: 'info', message: `'${info.name}' depends on '${d.name}', which is not in the checkout; composer requires drupal/${composer.required.has(project) ? project : d.name}, which provides it at install`, file: info.file, line: p.line, column: p.column });
          continue;
        }
      }
      const ref: DependencyRef = { name: d.name };
      if (d.constraint !== undefined) {
        const range = drupalConstraint(d.constraint);
        if (range !== null) ref.range = range;
        else {
          const p = at(d.index);
          own.push({ rule: 'manifest-invalid', severity: 'warning', message: `dependency '${d.raw}': constraint '${d.constraint}' cannot be read; the version is not checked`, file: info.file, line: p.line, column: p.column });
        }
      }
      m.dependencies.push(ref);
      depIndex.push(d.index);
    }

    const permissions: DeclaredPermission[] = [];
    const permFile = join(info.dir, `${info.name}.permissions.yml`);
    const permText = texts.get(permFile);
    if (permText !== undefined) {
      const pf = readPermissionsFile(info.name, permFile, permText);
      own.push(...pf.diagnostics);
      permissions.push(...pf.declared);
      m.permissions.push(...pf.decls);
      for (const cb of pf.callbacks) {
        callbacks.set(info.name, [...(callbacks.get(info.name) ?? []), cb.callback]);
        const list = derivePermissions(cb.callback, configIds, 'plain_text');
        if (list === null) continue;
        if (settings.syncDir !== null) derived.add(`${info.name}\u0000${cb.callback}`);
        for (const p of list) {
          const description = `derived from ${p.source} (${cb.callback.replace(/^\\+/, '')})`;
          m.permissions.push({ id: p.id, description });
          permissions.push({ id: p.id, module: info.name, description, defaultRoles: [], file: permFile, line: cb.line, column: cb.column, first: true });
        }
      }
    }
    const routes: DeclaredRoute[] = [];
    const routeFile = join(info.dir, `${info.name}.routing.yml`);
    const routeText = texts.get(routeFile);
    if (routeText !== undefined) {
      const rf = readRoutingFile(info.name, routeFile, routeText);
      own.push(...rf.diagnostics);
      routes.push(...rf.routes);
      m.routes.push(...rf.decls);
    }
    const manifest = drupalManifest({ dir: info.dir, file: info.file, name: info.name, manifest: m, locator: infoLocator(info.locator), depIndex, diagnostics: own });
    primeDeclarations(manifest, { permissions, routes });
    manifests.push(manifest);
  }

  // Roles: the sync folder's first (the site's), then the profile's and modules' defaults.
  const roleDirs = [...(settings.syncDir !== null ? [settings.syncDir] : []), ...(profile ? [join(profile.dir, 'config/install'), join(profile.dir, 'config/optional')] : []), ...installDirs];
  const roleFiles = roleDirs.flatMap((dir) =>
    [...texts.keys()].filter((p) => dirOf(p) === dir && baseOf(p).startsWith('user.role.') && p.endsWith('.yml')).sort().map((path) => ({ path, text: texts.get(path) as string })),
  );
  const roleRead = readRoleConfigs(roleFiles);
  // Roles are many files: the catalog and reconcile name the folder that holds the site's.
  roleRead.roles.file = settings.syncDir ?? (roleFiles[0] ? dirOf(roleFiles[0].path) : 'config/sync');
  diagnostics.push(...roleRead.diagnostics);

  const platform = parsePlatform(undefined, files.checkoutName);
  platform.info.kind = 'drupal';
  platform.declaredCoreVersion = coreVersion;
  platform.info.rolesFile = roleRead.roles.file;
  platform.diagnostics.push(...diagnostics);

  const required = new Set(manifests.filter((m) => m.manifest.tier === 'core').map((m) => m.name));
  const dependencies = new Map(manifests.map((m) => [m.name, m.manifest.dependencies.map((d) => d.name)]));
  const ctx: RefineContext = { roleConfigs: roleRead.configs, modules: names, required, callbacks, derived, dependencies, absent };
  return {
    kind: 'drupal',
    platform,
    manifests,
    roles: roleRead.roles,
    diagnostics: [],
    skipRules: DRUPAL_SKIPPED_RULES,
    skipAnalyses: new Set(['migrations', 'declared-paths']),
    refine: (findings) => refineFindings(findings, ctx, DRUPAL_SKIPPED_RULES),
    extras: { coreVersion: coreVersionText, docroot, syncDir: settings.syncDir, profile: profile?.name ?? null },
    removeGrants: removeGrantLines,
    planUpdates: (order) => {
      const u = readUpdates(texts, manifests, order);
      return { steps: u.order, diagnostics: u.diagnostics, runWith: "drush updatedb (or /update.php): hook_update_N by module and number, then post-updates" };
    },
  };
}
