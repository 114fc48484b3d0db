import type { Diagnostic } from '../../common/diagnostic';
import type { CapabilityRef, DependencyRef } from '../../common/model';
import { emptyManifest, type ParsedManifest } from '../../engine/manifest';
import { primeDeclarations } from '../../engine/permissions/declarations';
import type { AdaptedCheckout, AdapterFiles } from '../adapter';
import { odooVersion, seriesAsCoreVersion, seriesGate } from '../versioning/odoo';
import { accessModel, type AddonSecurity } from './access';
import { readAccessCsv } from './access-csv';
import { coreAddonEdition } from './core-addons';
import { capabilityOf } from './environment';
import { baseOf, dirOf, isManifest, isSecurityXml, join } from './layout';
import { readAddonManifest, type AddonManifest, type Located } from './manifest-file';
import { addonManifest } from './model';
import { refineFindings } from './refine';
import { readSecurityXml } from './security-xml';
import { majoritySeries, readSettings } from './settings';
import { planOdooUpdates } from './updates';

/**
 * Rules of the native format that Odoo does not share: access-right ids are Odoo external ids (not
 * `module.resource.action`), an addon's name is its folder, addons declare no routes, tiers or
 * notes, and every access right is granted by the row that declares it.
 */
export const ODOO_SKIPPED_RULES = new Set(['permission-format', 'permission-foreign-namespace', 'module-name-mismatch', 'route-permission-missing', 'permission-ungranted', 'manifest-unknown-key', 'tier-violation', 'core-change-without-note'] as const);

/** The addons: one per folder holding a manifest (`__manifest__.py` wins over the older `__openerp__.py`). */
function readAddons(texts: ReadonlyMap<string, string>): AddonManifest[] {
  const byDir = new Map<string, string>();
  for (const path of [...texts.keys()].filter(isManifest).sort()) {
    const dir = dirOf(path);
    if (!byDir.has(dir) || baseOf(path) === '__manifest__.py') byDir.set(dir, path);
  }
  return [...byDir.values()].sort().map((p) => readAddonManifest(p, texts.get(p) as string));
}

/** Each addon's own files: those under its folder and not under a nested addon's. */
function filesByAddon(addons: readonly AddonManifest[], texts: ReadonlyMap<string, string>): Map<string, string[]> {
  const dirs = new Set(addons.map((a) => a.dir));
  const out = new Map<string, string[]>();
  for (const path of texts.keys()) {
    for (let dir = dirOf(path); ; dir = dirOf(dir)) {
      if (dirs.has(dir)) {
        const list = out.get(dir);
        if (list) list.push(path);
        else out.set(dir, [path]);
        break;
      }
      if (dir === '') break;
    }
  }
  return out;
}

/** The security files Odoo loads for an addon: those its `data` lists, in that order (all of them when the list cannot be read). */
function securityOf(addon: AddonManifest, own: readonly string[], texts: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): AddonSecurity {
  const out: AddonSecurity = { addon: addon.name, rows: [], groups: [] };
  const listed = addon.data === null ? null : addon.data.map((d) => join(addon.dir, d.replace(/^\.\//, '')));
  // Data files load in the order `data` lists them (a group before the rows that name it).
  const files = listed === null ? [...own].sort() : listed.filter((p, i) => own.includes(p) && listed.indexOf(p) === i);
  for (const path of files) {
    if (baseOf(path) === 'ir.model.access.csv') {
      const csv = readAccessCsv(path, texts.get(path) as string);
      out.rows.push(...csv.rows);
      diagnostics.push(...csv.diagnostics.map((d) => ({ ...d, module: addon.name })));
    } else if (isSecurityXml(path)) {
      const xml = readSecurityXml(path, texts.get(path) as string);
      out.rows.push(...xml.access);
      out.groups.push(...xml.groups);
      diagnostics.push(...xml.diagnostics.map((d) => ({ ...d, module: addon.name })));
    }
  }
  return out;
}

/** Pure: the files of an Odoo addons checkout in; the engine's model out. */
export function extractOdoo(files: AdapterFiles): AdaptedCheckout {
  const { texts } = files;
  const { platform, declaredSeries } = readSettings(texts, files.checkoutName);
  platform.diagnostics.push(...files.unreadable.map((u): Diagnostic => ({ rule: 'manifest-unreadable', severity: 'error', message: `${u.path} ${u.message}`, file: u.path, line: u.line ?? 1, column: u.column ?? 1 })));

  const all = readAddons(texts);
  const installable = all.filter((a) => a.installable);
  const notInstallable = new Set(all.filter((a) => !a.installable).map((a) => a.name));
  const versions = new Map(all.map((a) => [a.name, a.version === undefined ? null : odooVersion(a.version)]));
  const series = declaredSeries ?? majoritySeries(installable.map((a) => versions.get(a.name)?.series ?? null));
  platform.declaredCoreVersion = series === null ? null : seriesAsCoreVersion(series);
  const names = new Set(installable.map((a) => a.name));
  const seriesOf = new Map([...versions].flatMap(([name, v]) => (v?.series ? [[name, v.series] as const] : [])));

  const ownFiles = filesByAddon(installable, texts);
  const manifests: ParsedManifest[] = [];
  const external = new Map<string, string[]>();
  const security: AddonSecurity[] = [];
  for (const a of all) {
    const own = [...a.diagnostics];
    if (!a.installable) {
      const p = a.at.get('installable') ?? { line: 1, column: 1 };
      platform.diagnostics.push(...own, { rule: 'odoo-addon-not-installable', severity: 'info', message: `'${a.name}' says installable: False: Odoo does not offer it, so it is not part of the graph`, module: a.name, file: a.file, line: p.line, column: p.column });
      continue;
    }
    const m = emptyManifest(a.name);
    const v = versions.get(a.name) ?? null;
    if (a.version !== undefined && v === null) {
      const p = a.at.get('version') as Located;
      own.push({ rule: 'manifest-invalid', severity: 'warning', message: `version '${a.version}' is not an Odoo version (16.0.1.2.0: the series, then the addon's own x.y.z); the version is not checked`, file: a.file, module: a.name, line: p.line, column: p.column });
    }
    m.version = v?.addon;
    if (v?.series) m.min_core_version = seriesGate(v.series) ?? undefined;
    const auto = a.autoInstall === true ? '[auto_install] ' : Array.isArray(a.autoInstall) ? `[auto_install when ${a.autoInstall.join(', ')}] ` : '';
    m.description = `${auto}${a.label ?? ''}${a.summary ? `${a.label ? ': ' : ''}${a.summary}` : ''}`.trim() || undefined;
    const dependencyAt: Located[] = [];
    for (const d of a.depends) {
      // Odoo's own addons are installed with Odoo: external, not modules of this checkout.
      if (!names.has(d.name) && !notInstallable.has(d.name) && coreAddonEdition(d.name, series) !== null) {
        external.set(a.name, [...(external.get(a.name) ?? []), d.name]);
        continue;
      }
      m.dependencies.push({ name: d.name } satisfies DependencyRef);
      dependencyAt.push(d);
    }
    const requiresAt: Located[] = [];
    for (const e of a.external) {
      const cap: CapabilityRef = capabilityOf(e);
      if (m.requires.some((r) => r.name === cap.name)) continue;
      m.requires.push(cap);
      requiresAt.push(e);
    }
    const sec = securityOf(a, ownFiles.get(a.dir) ?? [], texts, own);
    security.push(sec);
    manifests.push(addonManifest({ addon: a, manifest: m, dependencyAt, requiresAt, diagnostics: own }));
  }

  // Which addons are sure to be installed before another: its dependencies, direct or not, and Odoo's own addons among them.
  const depsOf = new Map(manifests.map((m) => [m.name, m.manifest.dependencies.map((d) => d.name)]));
  const closure = new Map<string, Set<string>>();
  const closureOf = (name: string): Set<string> => {
    const hit = closure.get(name);
    if (hit) return hit;
    const out = new Set<string>([name]);
    closure.set(name, out);
    for (const d of depsOf.get(name) ?? []) for (const x of closureOf(d)) out.add(x);
    for (const x of external.get(name) ?? []) out.add(x);
    return out;
  };
  const access = accessModel(security, (addon, other) => {
    const c = closureOf(addon);
    if (other === 'base' || c.has(other)) return true;
    // An addon of the checkout (even one named like an Odoo addon) is known: it is not a dependency.
    if (names.has(other)) return false;
    // Odoo's own addons depend on each other in ways the workbench does not know: a group of one
    // of them may come through another (sales_team through sale).
    if (coreAddonEdition(other, series) !== null && [...c].some((x) => x !== 'base' && !names.has(x))) return null;
    return false;
  });
  for (const m of manifests) {
    const own = access.permissions.get(m.name);
    if (!own) continue;
    m.manifest.permissions.push(...own.decls);
    m.rawIndex.permissions = own.decls.map((_, i) => i);
    primeDeclarations(m, { permissions: own.declared, routes: [] });
  }
  platform.diagnostics.push(...access.diagnostics);
  platform.info.rolesFile = access.roles.file;

  return {
    kind: 'odoo',
    platform,
    manifests,
    roles: access.roles,
    diagnostics: [],
    skipRules: ODOO_SKIPPED_RULES,
    skipAnalyses: new Set(['migrations', 'declared-paths']),
    planUpdates: (order) => planOdooUpdates(texts, new Map(manifests.map((m) => [m.dir, m.name])), order, series),
    refine: (findings) => refineFindings(findings, { series, notInstallable, skip: ODOO_SKIPPED_RULES, seriesOf }),
    extras: {
      series,
      seriesFrom: declaredSeries !== null ? 'platform.yaml' : 'manifests',
      autoInstall: all.filter((a) => a.installable && a.autoInstall !== false).map((a) => a.name),
      applications: all.filter((a) => a.installable && a.application).map((a) => a.name),
      external: Object.fromEntries(external),
      notInstallable: [...notInstallable],
    },
  };
}
