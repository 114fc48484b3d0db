import type { Diagnostic } from '../../common/diagnostic';
import type { UpdateStep } from '../adapter';
import type { PyFile, PyResolver, PyValue } from '../python';
import { fieldOf, isCallTo, type Unread } from './call-args';
import { dirOf } from './layout';

/**
 * An app's migrations: `MigrationSpec(path="pkg.app.migrations")` names a package whose `manifest`
 * module lists `MIGRATIONS` (MigrationManifest: app_label, migration_id, phase, classification,
 * depends_on, ...), each an Alembic revision the framework runs. The workbench shows them in the
 * order core.migrations.planner runs them and never runs them; SQL files in the package are listed.
 */

const MANIFEST_FIELDS = ['app_label', 'migration_id', 'phase', 'classification', 'alembic_revision', 'depends_on'];

export interface MigrationEntry {
  app: string;
  id: string;
  phase: string;
  classification: string;
  revision?: string;
  dependsOn: string[];
  at: PyValue;
}

export interface AppMigrations {
  /** The dotted package path, as written. */
  path: string;
  /** The package folder, checkout-relative, when it is among the files read. */
  folder: string | null;
  manifestFile: string | null;
  entries: MigrationEntry[];
  sqlFiles: string[];
}

export function readMigrations(spec: PyValue | undefined, from: PyFile, resolver: PyResolver, texts: ReadonlyMap<string, string>, unread: Unread): AppMigrations | null {
  if (spec === undefined || spec.kind === 'none') return null;
  if (!isCallTo(spec, ['MigrationSpec'])) {
    unread.add(spec, 'migrations (expected MigrationSpec(...))');
    return null;
  }
  const path = unread.requiredString(fieldOf(spec, 'path', ['path', 'depends_on']), spec, 'the MigrationSpec path');
  if (path === undefined) return null;
  const pkg = resolver.moduleFile(path, 0, from);
  const folder = pkg ? (pkg.path.endsWith('/__init__.py') ? dirOf(pkg.path) : null) : null;
  const manifest = resolver.moduleFile(`${path}.manifest`, 0, from);
  const out: AppMigrations = { path, folder, manifestFile: manifest?.path ?? null, entries: [], sqlFiles: [] };
  if (folder !== null) out.sqlFiles = [...texts.keys()].filter((p) => p.startsWith(`${folder}/`) && p.endsWith('.sql')).sort();
  if (!manifest) return out;
  const list = manifest.assignments.get('MIGRATIONS') ?? manifest.assignments.get('migrations');
  if (!list) return out;
  for (const item of unread.itemsOf(resolver.resolve(list, manifest), `MIGRATIONS of ${manifest.path}`)) {
    if (!isCallTo(item, ['MigrationManifest'])) {
      unread.add(item, `an item of MIGRATIONS (expected MigrationManifest(...))`);
      continue;
    }
    const app = unread.requiredString(fieldOf(item, 'app_label', MANIFEST_FIELDS), item, 'MigrationManifest app_label');
    const id = unread.requiredString(fieldOf(item, 'migration_id', MANIFEST_FIELDS), item, 'MigrationManifest migration_id');
    const phase = unread.requiredString(fieldOf(item, 'phase', MANIFEST_FIELDS), item, 'MigrationManifest phase');
    if (app === undefined || id === undefined || phase === undefined) continue;
    const classification = unread.string(fieldOf(item, 'classification', MANIFEST_FIELDS), 'MigrationManifest classification') ?? '';
    const revision = unread.string(fieldOf(item, 'alembic_revision', MANIFEST_FIELDS), 'MigrationManifest alembic_revision');
    const dependsOn = unread.strings(fieldOf(item, 'depends_on', MANIFEST_FIELDS), `depends_on of ${app}:${id}`).map((d) => d.value);
    out.entries.push({ app, id, phase, classification, revision, dependsOn, at: item });
  }
  return out;
}

export interface MigrationPlan {
  steps: UpdateStep[];
  diagnostics: Diagnostic[];
}

const keyOf = (e: MigrationEntry, dep: string): string => (dep.includes(':') ? dep : `${e.app}:${dep}`);

/**
 * core.migrations.planner's order: each manifest after its depends_on and after every manifest of
 * the apps its app depends on; depth-first over the keys sorted, dependencies sorted.
 */
export function planAppMigrations(apps: readonly { label: string; dependencies: string[]; migrations: AppMigrations | null }[]): MigrationPlan {
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map<string, MigrationEntry>();
  const byApp = new Map<string, MigrationEntry[]>();
  for (const app of apps) {
    for (const e of app.migrations?.entries ?? []) {
      const key = `${e.app}:${e.id}`;
      const at = { module: app.label, file: e.at.file, line: e.at.line, column: e.at.column };
      if (e.app !== app.label) {
        diagnostics.push({ rule: 'migration-name-invalid', severity: 'error', message: `migration ${key} has app_label '${e.app}', but it is listed by app '${app.label}': the framework refuses it ("app_label does not match module label")`, ...at });
        continue;
      }
      if (byKey.has(key)) {
        diagnostics.push({ rule: 'migration-sequence-duplicate', severity: 'error', message: `migration ${key} is declared twice ("Duplicate migration manifest")`, ...at });
        continue;
      }
      byKey.set(key, e);
      byApp.set(e.app, [...(byApp.get(e.app) ?? []), e]);
    }
  }
  const graph = new Map<string, Set<string>>();
  for (const [key, e] of byKey) {
    const deps = new Set<string>();
    for (const d of e.dependsOn) {
      const dk = keyOf(e, d);
      if (byKey.has(dk)) deps.add(dk);
      else diagnostics.push({ rule: 'migration-depends-unknown', severity: 'error', message: `${key} depends on missing migration ${dk}`, module: e.app, file: e.at.file, line: e.at.line, column: e.at.column });
    }
    graph.set(key, deps);
  }
  for (const app of apps) {
    for (const e of byApp.get(app.label) ?? []) {
      for (const dep of app.dependencies) for (const d of byApp.get(dep) ?? []) graph.get(`${e.app}:${e.id}`)?.add(`${d.app}:${d.id}`);
    }
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visited = new Set<string>();
  const path: string[] = [];
  const visit = (key: string): void => {
    if (visited.has(key)) return;
    if (visiting.has(key)) {
      const cycle = [...path.slice(path.indexOf(key)), key];
      const e = byKey.get(key) as MigrationEntry;
      diagnostics.push({ rule: 'migration-depends-cycle', severity: 'error', message: `circular migration dependency: ${cycle.join(' -> ')}`, module: e.app, file: e.at.file, line: e.at.line, column: e.at.column });
      return;
    }
    visiting.add(key);
    path.push(key);
    for (const d of [...(graph.get(key) ?? [])].sort()) visit(d);
    path.pop();
    visiting.delete(key);
    visited.add(key);
    ordered.push(key);
  };
  for (const key of [...graph.keys()].sort()) visit(key);
  const steps: UpdateStep[] = ordered.map((key) => {
    const e = byKey.get(key) as MigrationEntry;
    const summary = [e.classification, e.revision ? `alembic ${e.revision}` : ''].filter((s) => s !== '').join(', ');
    return { id: key, module: e.app, kind: e.phase, number: null, summary: summary || undefined, file: e.at.file, line: e.at.line, column: e.at.column, after: e.dependsOn.map((d) => keyOf(e, d)) };
  });
  // SQL files beside the manifests: listed after them, per app in load order; never run.
  for (const app of apps) {
    for (const f of app.migrations?.sqlFiles ?? []) steps.push({ id: f.slice(f.lastIndexOf('/') + 1), module: app.label, kind: 'sql', number: null, summary: 'SQL file in the migrations package', file: f, line: 1, column: 1, after: [] });
  }
  return { steps, diagnostics };
}
