import type { Diagnostic } from '../../common/diagnostic';
import type { ModuleManifest } from '../../common/model';
import type { DeclaredPermission, DeclaredRoute } from '../../engine/permissions/declarations';
import { emptyManifest } from '../../engine/manifest';
import type { PyCall, PyFile, PyResolver, PySpan, PyValue } from '../python';
import { fieldOf, Unread } from './call-args';
import { baseOf, dirOf } from './layout';
import { readMigrations, type AppMigrations } from './migrations';
import { readRouters } from './routes';
import { readSettings } from './settings';
import { readCatalogs, readErrorCodes, readEventHandlers, readEventSchemas, readHooks, readPermissions, readSchedules, readTasks } from './specs';
import { pythonRange, pythonVersion, splitRequirement } from './versions';

/**
 * One `AppModule(...)` call read into the engine's model. Every item keeps where it was written:
 * positions in module.py answer the engine's questions (dependencies[i], min_core_version, ...);
 * a value written in another file (PERMISSIONS in permissions.py) is found at the module.py
 * argument that names it, except permissions, which keep their own file and line.
 */

/** core.apps.module.AppModule's fields, in declaration order (positional arguments bind in this order). */
export const APP_MODULE_FIELDS = ['label', 'version', 'dependencies', 'min_core_version', 'required_capabilities', 'provided_capabilities', 'routers', 'models', 'migrations', 'permissions', 'error_codes', 'message_catalogs', 'translation_catalogs', 'event_schemas', 'event_handlers', 'task_handlers', 'schedules', 'settings', 'lifecycle_hooks', 'auth_session_store', 'public_api', 'admin_models', 'admin_routes', 'dashboard_widgets', 'admin_permissions'];

export interface Pos {
  line: number;
  column: number;
}

export interface AppRead {
  file: string;
  /** The app package folder. */
  dir: string;
  label: string;
  manifest: ModuleManifest;
  /** Engine paths (`dependencies/0`, `min_core_version`, `message_catalogs=x`) to positions in module.py. */
  positions: Map<string, Pos>;
  callAt: Pos;
  permissions: DeclaredPermission[];
  routes: DeclaredRoute[];
  migrations: AppMigrations | null;
  /** Labels of dependencies, as written (for the migration planner). */
  dependencyLabels: string[];
  extras: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

const pos = (s: PySpan): Pos => ({ line: s.line, column: s.column });

/** Platform apps are the framework's own (tier core); every other app is optional. */
const tierOf = (dir: string): 'core' | 'optional' => (dir.split('/').includes('platform_apps') ? 'core' : 'optional');

export function readAppModule(call: PyCall, file: PyFile, resolver: PyResolver, texts: ReadonlyMap<string, string>): AppRead {
  const unread = new Unread();
  const diagnostics: Diagnostic[] = [];
  const positions = new Map<string, Pos>();
  const callAt = pos(call);
  const dir = dirOf(file.path);
  const arg = (name: string): { raw: PyValue | undefined; value: PyValue | undefined } => {
    const raw = fieldOf(call, name, APP_MODULE_FIELDS);
    return { raw, value: raw === undefined ? undefined : resolver.resolve(raw, file) };
  };
  /** Where in module.py a value is: its own span when written there, else the argument that names it. */
  const here = (v: PyValue | undefined, fallback: PyValue | undefined): Pos => (v && v.file === file.path ? pos(v) : fallback ? pos(fallback) : callAt);
  const mark = (key: string, v: PyValue | undefined, fallback: PyValue | undefined) => positions.set(key, here(v, fallback));

  const labelArg = arg('label');
  const labelText = unread.string(labelArg.value, 'the app label');
  const label = labelText ?? baseOf(dir);
  mark('name', labelArg.value, labelArg.raw);
  const m = emptyManifest(label);
  m.tier = tierOf(dir);
  const report = (v: PyValue | undefined, message: string, severity: Diagnostic['severity'] = 'error') => {
    const p = v && v.file === file.path ? pos(v) : callAt;
    diagnostics.push({ rule: 'manifest-invalid', severity, message, module: label, file: file.path, line: p.line, column: p.column });
  };
  if (labelArg.raw === undefined) report(undefined, `AppModule(...) gives no label; the app is shown under its folder name '${label}'`);
  else if (labelText !== undefined && !/^[a-z][a-z0-9_]*$/.test(labelText)) report(labelArg.value, `app label '${labelText}' is invalid: the framework wants [a-z][a-z0-9_]* ("Invalid app label")`);

  const versionArg = arg('version');
  const versionText = unread.string(versionArg.value, 'the app version');
  mark('version', versionArg.value, versionArg.raw);
  if (versionText !== undefined) {
    const v = pythonVersion(versionText);
    if (v !== null) m.version = v;
    else report(versionArg.value, `version '${versionText}' is not a version the workbench reads (expected e.g. 0.1.0)`, 'warning');
  } else if (versionArg.raw === undefined) report(undefined, `app '${label}' declares no version ("must declare version")`);

  const deps = arg('dependencies');
  const dependencyLabels: string[] = [];
  mark('dependencies', deps.value, deps.raw);
  for (const d of unread.strings(deps.value, 'dependencies')) {
    const req = splitRequirement(d.value);
    const index = m.dependencies.length;
    dependencyLabels.push(req.name);
    if (req.constraint !== undefined) {
      const range = pythonRange(req.constraint);
      if (range === null) report(d.at, `dependency '${d.value}': '${req.constraint}' is not a version constraint the workbench reads; the version is not checked`, 'warning');
      m.dependencies.push(range === null ? { name: req.name } : { name: req.name, range });
    } else m.dependencies.push({ name: req.name });
    mark(`dependencies/${index}`, d.at, deps.raw);
  }

  const core = arg('min_core_version');
  const coreText = unread.string(core.value, 'min_core_version');
  mark('min_core_version', core.value, core.raw);
  if (coreText !== undefined) {
    const v = pythonVersion(coreText);
    if (v !== null) m.min_core_version = `>=${v}`;
    else report(core.value, `min_core_version '${coreText}' is not a version (expected e.g. 0.2.0); the core gate is not checked`, 'warning');
  }

  for (const [field, key, list] of [
    ['required_capabilities', 'requires', m.requires],
    ['provided_capabilities', 'provides', m.provides],
  ] as const) {
    const a = arg(field);
    mark(`capabilities/${key}`, a.value, a.raw);
    for (const c of unread.strings(a.value, field)) {
      const req = splitRequirement(c.value);
      const version = req.constraint === undefined ? undefined : key === 'requires' ? pythonRange(req.constraint) : pythonVersion(req.constraint);
      mark(`capabilities/${key}/${list.length}`, c.at, a.raw);
      list.push(version ? { name: req.name, version } : { name: c.value.trim() });
    }
  }

  const perms = arg('permissions');
  const permissions: DeclaredPermission[] = [];
  const permissionScopes: Record<string, string> = {};
  for (const p of readPermissions(perms.value, unread)) {
    const id = `${p.resource}.${p.action}`;
    permissionScopes[id] = p.scope;
    m.permissions.push({ id, description: p.description || undefined, risk: p.riskLevel });
    permissions.push({ id, module: label, description: p.description || undefined, risk: p.riskLevel, defaultRoles: [], file: p.at.file, line: p.at.line, column: p.at.column, first: true });
  }

  const routers = arg('routers');
  const routes: DeclaredRoute[] = [];
  for (const r of readRouters(routers.value, unread)) {
    const required = r.permissions.map((p) => ({ id: p.id, line: p.at.line, column: p.at.column }));
    m.routes.push({ method: 'ANY', path: r.path, permissions: r.permissions.map((p) => p.id), public: r.public || undefined });
    routes.push({ module: label, method: 'ANY', path: r.path, public: r.public || !r.declared, required, file: r.at.file, line: r.at.line, column: r.at.column });
  }

  const schemas = arg('event_schemas');
  const published = readEventSchemas(schemas.value, unread);
  m.publishes = [...new Set(published.map((e) => e.name))];
  const handlers = arg('event_handlers');
  const subscribed = readEventHandlers(handlers.value, unread);
  m.subscribes = [...new Set(subscribed.map((e) => e.name))];
  for (const e of m.subscribes) positions.set(`events/subscribes=${e}`, here(subscribed.find((s) => s.name === e)?.at, handlers.raw));

  const tasks = arg('task_handlers');
  m.tasks = readTasks(tasks.value, unread).map((t) => ({ name: t.name, handler: t.detail }));
  const sched = arg('schedules');
  const schedules = readSchedules(sched.value, unread);
  for (const s of schedules) {
    if (s.cron === undefined) continue;
    const i = m.schedules.length;
    m.schedules.push({ task: s.task, cron: s.cron });
    mark(`schedules/${i}`, s.at, sched.raw);
  }
  const hooks = arg('lifecycle_hooks');
  for (const h of readHooks(hooks.value, unread)) {
    const key = `on_${h.phase}`;
    m.hooks[key in m.hooks ? `${key} (${h.id})` : key] = h.handler;
  }

  const codes = arg('error_codes');
  readErrorCodes(codes.value, unread).forEach((c, i) => {
    m.error_codes.push({ code: c.code, message: c.message });
    mark(`error_codes/${i}`, c.at, codes.raw);
  });
  const cats = arg('message_catalogs');
  const catalogs = readCatalogs(cats.value, unread);
  // Catalogs live in Python files; the native model lists files, so each file that holds catalogs is one entry.
  for (const f of [...new Set(catalogs.map((c) => c.file))]) {
    const rel = f.startsWith(`${dir}/`) ? f.slice(dir.length + 1) : null;
    if (rel === null) continue;
    m.message_catalogs.push(rel);
    positions.set(`message_catalogs=${rel}`, here(catalogs.find((c) => c.file === f)?.at, cats.raw));
  }

  const settingsArg = arg('settings');
  const settings = readSettings(settingsArg.value, unread);
  if (settings) {
    m.config = { schema: settings.schema, defaults: settings.defaults };
    mark('config', settingsArg.value, settingsArg.raw);
  }

  const mig = arg('migrations');
  const migrations = readMigrations(mig.value, file, resolver, texts, unread);
  mark('migrations', mig.value, mig.raw);
  if (migrations?.folder && migrations.folder.startsWith(`${dir}/`)) m.migrations = migrations.folder.slice(dir.length + 1);

  for (const u of unread.invalid) diagnostics.push({ rule: 'manifest-invalid', severity: 'error', message: `app '${label}': ${u.message}`, module: label, file: u.at.file, line: u.at.line, column: u.at.column });
  for (const u of unread.items) {
    diagnostics.push({ rule: 'python-not-static', severity: 'info', message: `cannot read statically: ${u.what} of app '${label}' is ${u.why}; the rest of the app is read`, module: label, file: u.at.file, line: u.at.line, column: u.at.column });
  }
  return {
    file: file.path,
    dir,
    label,
    manifest: m,
    positions,
    callAt,
    permissions,
    routes,
    migrations,
    dependencyLabels,
    extras: {
      permissionScopes,
      eventSchemas: published.map((e) => ({ event: e.name, version: e.detail, file: e.at.file, line: e.at.line })),
      eventHandlers: subscribed.map((e) => ({ event: e.name, handler: e.detail, file: e.at.file, line: e.at.line })),
      schedules: schedules.map((s) => ({ id: s.id, task: s.task, trigger: s.trigger, cron: s.cron ?? null })),
      catalogs: catalogs.map((c) => ({ locale: c.locale, messages: c.messages, file: c.file, line: c.at.line })),
      settings: settings?.keys.map((k) => ({ key: k.key, riskLevel: k.riskLevel, scopes: k.scopes })) ?? [],
      migrations: migrations ? { path: migrations.path, folder: migrations.folder, manifest: migrations.manifestFile } : null,
    },
    diagnostics,
  };
}

