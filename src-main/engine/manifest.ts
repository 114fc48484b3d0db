import type { Diagnostic } from '../common/diagnostic';
import type { CapabilityRef, DependencyRef, ModuleManifest, PermissionDecl, RouteDecl, Tier } from '../common/model';
import type { RuleId } from '../common/rules';
import { parseCapabilityProvision, parseCapabilityRequirement, parseDependency, type Parsed } from './refs';
import { MODULE_TOP_LEVEL_KEYS, validateModuleSchema } from './schema-validation';
import { parseYamlSource, ZERO_LOCATOR, type Locator, type YamlPath } from './yaml-source';

/** A manifest as the checkout reader hands it over: its text, or why it could not be read. */
export interface ManifestSource {
  /** Module folder, checkout-relative with `/`. */
  dir: string;
  /** Manifest file, checkout-relative with `/`. */
  file: string;
  text?: string;
  unreadable?: { message: string; line?: number; column?: number };
}

/** Indexed items keep the position of the YAML list item they came from. */
export type At<T> = T & { index: number };

export interface ParsedManifest {
  dir: string;
  file: string;
  folder: string;
  /** The declared name when it is valid, else the folder name. */
  name: string;
  /** False when the manifest gives no usable name: the module cannot take part in the graph. */
  named: boolean;
  /** True when the manifest failed to read, parse or validate. */
  invalid: boolean;
  manifest: ModuleManifest;
  /** Positions of list items (dependencies, capabilities ...) for diagnostics. */
  at: {
    dependencies: At<DependencyRef>[];
    optional_dependencies: At<DependencyRef>[];
    requires: At<CapabilityRef>[];
    provides: At<CapabilityRef>[];
  };
  /** For object lists, the YAML list index of each kept (well-formed) item. */
  rawIndex: Record<'permissions' | 'routes' | 'tasks' | 'schedules' | 'error_codes', number[]>;
  diagnostics: Diagnostic[];
  locator: Locator;
}

const NAME_RE = /^[a-z][a-z0-9-]{0,63}$/;
const TIER_VALUES: readonly Tier[] = ['core', 'optional', 'internal'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

/** A manifest with every list empty and the defaults of the format, for a module known only by name. */
export function emptyManifest(name: string): ModuleManifest {
  return {
    name,
    tier: 'optional',
    dependencies: [],
    optional_dependencies: [],
    requires: [],
    provides: [],
    permissions: [],
    routes: [],
    publishes: [],
    subscribes: [],
    tenancy: 'global',
    migrations: 'migrations',
    hooks: {},
    tasks: [],
    schedules: [],
    error_codes: [],
    message_catalogs: [],
  };
}

function folderOf(dir: string): string {
  const i = dir.lastIndexOf('/');
  return i >= 0 ? dir.slice(i + 1) : dir;
}

/**
 * Reads one module manifest from text: YAML with positions, the JSON Schema, and the
 * reference strings (dependency ranges, capability versions). Pure; never throws.
 */
export function parseManifest(source: ManifestSource): ParsedManifest {
  const folder = folderOf(source.dir);
  const diagnostics: Diagnostic[] = [];
  const result: ParsedManifest = {
    dir: source.dir,
    file: source.file,
    folder,
    name: folder,
    named: false,
    invalid: true,
    manifest: emptyManifest(folder),
    at: { dependencies: [], optional_dependencies: [], requires: [], provides: [] },
    rawIndex: { permissions: [], routes: [], tasks: [], schedules: [], error_codes: [] },
    diagnostics,
    locator: ZERO_LOCATOR,
  };
  if (source.unreadable || source.text === undefined) {
    diagnostics.push({
      rule: 'manifest-unreadable',
      severity: 'error',
      message: source.unreadable?.message ?? 'the manifest could not be read',
      file: source.file,
      line: source.unreadable?.line ?? 1,
      column: source.unreadable?.column ?? 1,
    });
    return result;
  }

  const yaml = parseYamlSource(source.file, source.text);
  result.locator = yaml.locator;
  diagnostics.push(...yaml.diagnostics);
  if (yaml.diagnostics.length > 0) return result;

  const raw = yaml.value;
  const report = (rule: RuleId, path: YamlPath, message: string, part: 'key' | 'value' = 'value', severity: Diagnostic['severity'] = 'error') => {
    const p = yaml.locator.at(path, part);
    diagnostics.push({ rule, severity, message, file: source.file, line: p.line, column: p.column });
  };

  if (!isRecord(raw)) {
    const what = yaml.empty ? 'the manifest is empty' : `the manifest must be a mapping of fields (name: ..., version: ...), not ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}`;
    report('manifest-invalid', [], what);
    return result;
  }

  const declaredName = str(raw.name);
  if (declaredName !== undefined && NAME_RE.test(declaredName)) {
    result.name = declaredName;
    result.named = true;
  }
  const schemaIssueAt = new Set<string>();
  for (const issue of validateModuleSchema(raw)) {
    report('manifest-invalid', issue.path, issue.message, issue.part);
    schemaIssueAt.add(issue.path.join('/'));
  }
  for (const key of Object.keys(raw)) {
    if (!MODULE_TOP_LEVEL_KEYS.has(key)) {
      report('manifest-unknown-key', [key], `unknown top-level key '${key}' (ignored; a newer manifest format may define it)`, 'key', 'warning');
    }
  }

  const m = result.manifest;
  m.name = result.name;
  m.version = str(raw.version);
  m.tier = TIER_VALUES.includes(raw.tier as Tier) ? (raw.tier as Tier) : 'optional';
  m.description = str(raw.description);
  m.min_core_version = str(raw.min_core_version);
  m.tenancy = raw.tenancy === 'scoped' ? 'scoped' : 'global';
  m.migrations = str(raw.migrations) ?? 'migrations';

  const refs = <T>(key: YamlPath, values: unknown, parse: (s: string) => Parsed<T>, out: At<T>[]): T[] => {
    list(values).forEach((item, index) => {
      // Items the schema already rejected are not read twice.
      if (typeof item !== 'string' || (schemaIssueAt.size > 0 && schemaIssueAt.has([...key, index].join('/')))) return;
      const parsed = parse(item);
      if (parsed.ok) out.push({ ...parsed.value, index });
      else report('manifest-invalid', [...key, index], `${key.join('.')}[${index}]: ${parsed.message}`);
    });
    return out.map(({ index: _index, ...rest }) => rest as T);
  };
  m.dependencies = refs(['dependencies'], raw.dependencies, parseDependency, result.at.dependencies);
  m.optional_dependencies = refs(['optional_dependencies'], raw.optional_dependencies, parseDependency, result.at.optional_dependencies);
  const caps = isRecord(raw.capabilities) ? raw.capabilities : {};
  m.requires = refs(['capabilities', 'requires'], caps.requires, parseCapabilityRequirement, result.at.requires);
  m.provides = refs(['capabilities', 'provides'], caps.provides, parseCapabilityProvision, result.at.provides);

  if (m.min_core_version !== undefined && parseDependency(`core ${m.min_core_version}`).ok === false) {
    report('manifest-invalid', ['min_core_version'], `min_core_version: '${m.min_core_version}' is not a valid semver range`);
  }

  const kept = (key: keyof ParsedManifest['rawIndex'], values: unknown, ok: (r: Record<string, unknown>) => boolean): Record<string, unknown>[] => {
    const out: Record<string, unknown>[] = [];
    list(values).forEach((item, index) => {
      if (isRecord(item) && ok(item)) {
        out.push(item);
        result.rawIndex[key].push(index);
      }
    });
    return out;
  };
  m.permissions = kept('permissions', raw.permissions, (p) => typeof p.id === 'string')
    .map((p): PermissionDecl => ({
      id: p.id as string,
      description: str(p.description),
      risk: str(p.risk),
      default_roles: Array.isArray(p.default_roles) ? strings(p.default_roles) : undefined,
    }));
  m.routes = kept('routes', raw.routes, (r) => typeof r.method === 'string' && typeof r.path === 'string')
    .map((r): RouteDecl => ({
      method: r.method as string,
      path: r.path as string,
      permission: str(r.permission),
      permissions: Array.isArray(r.permissions) ? strings(r.permissions) : undefined,
      public: typeof r.public === 'boolean' ? r.public : undefined,
      tenant_scoped: typeof r.tenant_scoped === 'boolean' ? r.tenant_scoped : undefined,
    }));
  const events = isRecord(raw.events) ? raw.events : {};
  m.publishes = strings(events.publishes);
  m.subscribes = strings(events.subscribes);
  if (isRecord(raw.hooks)) {
    for (const [k, v] of Object.entries(raw.hooks)) if (typeof v === 'string') m.hooks[k] = v;
  }
  m.tasks = kept('tasks', raw.tasks, (t) => typeof t.name === 'string' && typeof t.handler === 'string')
    .map((t) => ({ name: t.name as string, handler: t.handler as string }));
  m.schedules = kept('schedules', raw.schedules, (s) => typeof s.task === 'string' && typeof s.cron === 'string')
    .map((s) => ({ task: s.task as string, cron: s.cron as string }));
  m.error_codes = kept('error_codes', raw.error_codes, (e) => typeof e.code === 'string')
    .map((e) => ({ code: e.code as string, message: str(e.message) ?? '' }));
  m.message_catalogs = strings(raw.message_catalogs);
  if (isRecord(raw.config)) m.config = { schema: raw.config.schema, defaults: raw.config.defaults };

  result.invalid = diagnostics.some((d) => d.severity === 'error');
  return result;
}
