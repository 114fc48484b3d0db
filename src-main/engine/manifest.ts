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
const isString = (x: unknown): x is string => typeof x === 'string';
/** An array at its exact length (a pushed-to or filtered array keeps spare room). */
const exact = <T>(a: T[]): T[] => (a.length === 0 ? a : a.slice());
const strings = (v: unknown): string[] => (Array.isArray(v) ? (v.every(isString) ? v.slice() : exact(v.filter(isString))) : []);

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

/**
 * A reference with its list index, as a literal of one of three shapes: a spread (`{ ...ref, index }`)
 * gave each copy a hidden class of its own (issue 16: about 4.6 per generated module, ~170 bytes each).
 */
function indexed<T extends DependencyRef | CapabilityRef>(ref: T, index: number): At<T> {
  let item: At<DependencyRef> | At<CapabilityRef>;
  if ('range' in ref) item = { name: ref.name, range: ref.range, index };
  else if ('version' in ref) item = { name: ref.name, version: ref.version, index };
  else item = { name: ref.name, index };
  return item as At<T>;
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

  // Lists are built to their exact length (a pushed-to array keeps room for 17 items) and items
  // are built once, in one object shape: what a module keeps is most of a large scan's heap (issue 16).
  const refs = <T extends DependencyRef | CapabilityRef>(key: YamlPath, values: unknown, parse: (s: string) => Parsed<T>, keep: (at: At<T>[]) => void): T[] => {
    if (!Array.isArray(values)) return [];
    const read: T[] = [];
    const out: At<T>[] = [];
    for (let index = 0; index < values.length; index++) {
      const item: unknown = values[index];
      // Items the schema already rejected are not read twice.
      if (typeof item !== 'string' || (schemaIssueAt.size > 0 && schemaIssueAt.has([...key, index].join('/')))) continue;
      const parsed = parse(item);
      if (parsed.ok) {
        read.push(parsed.value);
        out.push(indexed(parsed.value, index));
      } else report('manifest-invalid', [...key, index], `${key.join('.')}[${index}]: ${parsed.message}`);
    }
    keep(exact(out));
    return exact(read);
  };
  const at = result.at;
  const dependencies = refs(['dependencies'], raw.dependencies, parseDependency, (a) => (at.dependencies = a));
  const optionalDependencies = refs(['optional_dependencies'], raw.optional_dependencies, parseDependency, (a) => (at.optional_dependencies = a));
  const caps = isRecord(raw.capabilities) ? raw.capabilities : {};
  const requires = refs(['capabilities', 'requires'], caps.requires, parseCapabilityRequirement, (a) => (at.requires = a));
  const provides = refs(['capabilities', 'provides'], caps.provides, parseCapabilityProvision, (a) => (at.provides = a));

  const minCoreVersion = str(raw.min_core_version);
  if (minCoreVersion !== undefined && parseDependency(`core ${minCoreVersion}`).ok === false) {
    report('manifest-invalid', ['min_core_version'], `min_core_version: '${minCoreVersion}' is not a valid semver range`);
  }

  /** The well-formed items of an object list, each read by `make`, with their YAML list indexes in rawIndex. */
  const kept = <T>(key: keyof ParsedManifest['rawIndex'], values: unknown, make: (r: Record<string, unknown>) => T | undefined): T[] => {
    if (!Array.isArray(values)) return [];
    const out: T[] = [];
    const indexes: number[] = [];
    for (let index = 0; index < values.length; index++) {
      const item: unknown = values[index];
      const made = isRecord(item) ? make(item) : undefined;
      if (made !== undefined) {
        out.push(made);
        indexes.push(index);
      }
    }
    result.rawIndex[key] = exact(indexes);
    return exact(out);
  };
  const permissions = kept('permissions', raw.permissions, (p): PermissionDecl | undefined =>
    typeof p.id === 'string'
      ? { id: p.id, description: str(p.description), risk: str(p.risk), default_roles: Array.isArray(p.default_roles) ? strings(p.default_roles) : undefined }
      : undefined,
  );
  const routes = kept('routes', raw.routes, (r): RouteDecl | undefined =>
    typeof r.method === 'string' && typeof r.path === 'string'
      ? {
          method: r.method,
          path: r.path,
          permission: str(r.permission),
          permissions: Array.isArray(r.permissions) ? strings(r.permissions) : undefined,
          public: typeof r.public === 'boolean' ? r.public : undefined,
          tenant_scoped: typeof r.tenant_scoped === 'boolean' ? r.tenant_scoped : undefined,
        }
      : undefined,
  );
  const events = isRecord(raw.events) ? raw.events : {};
  const hooks: Record<string, string> = {};
  if (isRecord(raw.hooks)) {
    for (const [k, v] of Object.entries(raw.hooks)) if (typeof v === 'string') hooks[k] = v;
  }
  const tasks = kept('tasks', raw.tasks, (t) => (typeof t.name === 'string' && typeof t.handler === 'string' ? { name: t.name, handler: t.handler } : undefined));
  const schedules = kept('schedules', raw.schedules, (s) => (typeof s.task === 'string' && typeof s.cron === 'string' ? { task: s.task, cron: s.cron } : undefined));
  const errorCodes = kept('error_codes', raw.error_codes, (e) => (typeof e.code === 'string' ? { code: e.code, message: str(e.message) ?? '' } : undefined));
  // One literal, its keys in the order emptyManifest's and the assignments once gave them (JSON output keeps it).
  const m: ModuleManifest = {
    name: result.name,
    tier: TIER_VALUES.includes(raw.tier as Tier) ? (raw.tier as Tier) : 'optional',
    dependencies,
    optional_dependencies: optionalDependencies,
    requires,
    provides,
    permissions,
    routes,
    publishes: strings(events.publishes),
    subscribes: strings(events.subscribes),
    tenancy: raw.tenancy === 'scoped' ? 'scoped' : 'global',
    migrations: str(raw.migrations) ?? 'migrations',
    hooks,
    tasks,
    schedules,
    error_codes: errorCodes,
    message_catalogs: strings(raw.message_catalogs),
    version: str(raw.version),
    description: str(raw.description),
    min_core_version: minCoreVersion,
  };
  if (isRecord(raw.config)) m.config = { schema: raw.config.schema, defaults: raw.config.defaults };
  result.manifest = m;

  result.invalid = diagnostics.some((d) => d.severity === 'error');
  return result;
}
