import type { Diagnostic } from '../../common/diagnostic';
import type { RuleId } from '../../common/rules';
import type { ParsedManifest } from '../../engine/manifest';
import { primeDeclarations } from '../../engine/permissions/declarations';
import { isWildcard } from '../../engine/permissions/permission-id';
import { parsePlatform } from '../../engine/platform';
import type { AdaptedCheckout, AdapterFiles } from '../adapter';
import { createResolver, findCalls } from '../python';
import { readAppModule, type AppRead } from './app-module';
import { frameworkVersion, runtimeProfiles } from './framework';
import { baseOf, constructsAppModule } from './layout';
import { planAppMigrations } from './migrations';
import { appManifest } from './model';
import { PythonFiles } from './python-files';

/**
 * Rules of the native format that AppModule apps do not share: permission ids are
 * `<resource>.<action>`, not namespaced by the app; an app's label need not match its folder
 * (`platform_access` in `access/`); roles are granted at runtime (role templates in the database),
 * so there is no roles file to check grants against; a router without permissions still requires an
 * authenticated user; and the framework has no tiers (platform apps are shown as core, but an app of
 * the platform may depend on any other).
 */
export const APPMODULE_SKIPPED_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['permission-foreign-namespace', 'module-name-mismatch', 'permission-ungranted', 'route-permission-missing', 'manifest-unknown-key', 'tier-violation']);

const RISK_DOCUMENTED = new Set(['high', 'critical']);

/** Pure: the Python files of an AppModule platform in; the engine's model out. */
export function extractAppModule(files: AdapterFiles): AdaptedCheckout {
  const { texts } = files;
  // An app's module.py (or the project files) not read is an error; any other Python file only stops names from being followed there.
  const diagnostics: Diagnostic[] = files.unreadable.map((u) => {
    const own = baseOf(u.path) === 'module.py' || !u.path.endsWith('.py');
    const message = own ? `${u.path} ${u.message}` : `${u.path} ${u.message}; names imported from it cannot be followed`;
    return { rule: 'manifest-unreadable', severity: own ? 'error' : 'info', message, file: u.path, line: u.line ?? 1, column: u.column ?? 1 };
  });
  const python = new PythonFiles(texts);
  const resolver = createResolver(python);

  const apps: AppRead[] = [];
  const appFiles = [...texts.keys()].filter((p) => baseOf(p) === 'module.py' && constructsAppModule(texts.get(p) as string)).sort();
  for (const path of appFiles) {
    const file = python.get(path);
    if (!file) continue;
    for (const e of file.syntaxErrors) diagnostics.push({ rule: 'manifest-parse-error', severity: 'error', message: `${path} is not valid Python: ${e.message}`, file: path, line: e.line, column: e.column });
    for (const call of findCalls(file, new Set(['AppModule']))) apps.push(readAppModule(call, file, resolver, texts));
  }

  const platform = parsePlatform(texts.get('platform.yaml'), files.checkoutName);
  platform.info.kind = 'appmodule';
  const framework = frameworkVersion(texts, python);
  if (platform.declaredCoreVersion === null && framework) platform.declaredCoreVersion = framework.version;
  const declaresProfiles = platform.present && !(platform.info.profiles.length === 1 && platform.info.profiles[0].capabilities.length === 0);
  const runtime = runtimeProfiles(python);
  if (!declaresProfiles && runtime.profiles.length > 0) {
    platform.info.profiles = runtime.profiles;
    platform.info.defaultProfile = runtime.profiles[0].name;
  }

  const manifests: ParsedManifest[] = [];
  for (const app of apps) {
    const m = appManifest(app, true);
    primeDeclarations(m, { permissions: app.permissions, routes: app.routes });
    manifests.push(m);
    for (const p of app.permissions) {
      if (!isWildcard(p.id) || RISK_DOCUMENTED.has(p.risk ?? '')) continue;
      diagnostics.push({ rule: 'broad-scope-undocumented', severity: 'error', message: `broad permission '${p.id}' has risk_level '${p.risk}': give it risk_level="high" or "critical" and say in its description what it allows`, module: app.label, file: p.file, line: p.line, column: p.column });
    }
  }

  const plan = planAppMigrations(apps.map((a) => ({ label: a.label, dependencies: a.dependencyLabels, migrations: a.migrations })));
  diagnostics.push(...plan.diagnostics);
  platform.diagnostics.push(...diagnostics);

  return {
    kind: 'appmodule',
    platform,
    manifests,
    diagnostics: [],
    skipRules: APPMODULE_SKIPPED_RULES,
    // The native SQL planner reads <module>_<NNNN>_<slug>.<phase>.sql files; an app's migrations are its MigrationManifests (planUpdates).
    skipAnalyses: new Set(['migrations']),
    refine: (findings) => findings.filter((d) => !APPMODULE_SKIPPED_RULES.has(d.rule as RuleId)),
    extras: {
      frameworkVersion: framework?.version ?? null,
      frameworkVersionSource: framework?.source ?? null,
      profilesSource: declaresProfiles ? 'platform.yaml' : runtime.source,
      apps: Object.fromEntries(apps.map((a) => [a.label, a.extras])),
    },
    planUpdates: (order) => {
      const rank = new Map(order.map((name, i) => [name, i]));
      const manifestsFirst = plan.steps.filter((s) => s.kind !== 'sql');
      const sql = plan.steps.filter((s) => s.kind === 'sql').sort((a, b) => (rank.get(a.module) ?? 1e9) - (rank.get(b.module) ?? 1e9));
      return {
        steps: [...manifestsFirst, ...sql],
        diagnostics: [],
        runWith: 'core migrate apply (Alembic revisions, in core.migrations.planner order: depends_on, then the apps an app depends on)',
        notRun: 'its migrations are Alembic revisions (Python), which the workbench reads but never runs',
        afterNote: 'depends_on',
      };
    },
  };
}
