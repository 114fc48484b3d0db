import type { Diagnostic } from '../common/diagnostic';
import { TIER_RANK, type BlockReason, type GraphEdge, type PlatformInfo } from '../common/model';
import { checkConfigDefaults } from './config-defaults';
import { cronProblem } from './cron';
import { findCycles, topologicalOrder } from './graph-order';
import type { ParsedManifest } from './manifest';
import type { ParsedPlatform, Waiver } from './platform';
import semver from 'semver';
import { isValidRange, satisfies } from './refs';
import { diag, nameList, relatedAt } from './registry-findings';

export { nameList };

/** Everything the registry needs, already read: the engine does no I/O of its own. */
export interface RegistryInput {
  platform: ParsedPlatform;
  manifests: readonly ParsedManifest[];
  /** Problems met while discovering modules (unreadable folders, symlink loops). */
  discoveryDiagnostics?: readonly Diagnostic[];
  /** Whether a checkout-relative file exists (message catalogs). */
  exists(path: string): boolean;
}

/** The profile-independent part: the graph, the load order, and the findings that do not depend on a profile. */
export interface Registry {
  platform: PlatformInfo;
  manifests: ParsedManifest[];
  /** Modules that take part in the graph, by name. */
  byName: Map<string, ParsedManifest>;
  /** Load order of the graph's modules. */
  order: string[];
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
  /** Reasons a module cannot load whatever the profile (missing dependency, cycle, core version ...). */
  /** Every reason of its own a module cannot load (invalid manifest, missing dependency, version gate, cycle...). */
  rootBlocks: Map<string, BlockReason[]>;
  waivers: Waiver[];
}

const VERSION_PATH = ['version'];

/** Orders manifests folder by folder, so `modules/billing` comes before `modules/billing-v2`. */
function sortByPath(list: readonly ParsedManifest[]): ParsedManifest[] {
  const keyed = list.map((m) => ({ m, parts: m.dir.split('/') }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.parts.length, b.parts.length); i++) {
      if (a.parts[i] !== b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
    }
    return a.parts.length - b.parts.length;
  });
  return keyed.map((k) => k.m);
}


/** Whether `path` is inside the module folder: relative, and never climbing out with `..`. */
export function staysInside(path: string): boolean {
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return false;
  let depth = 0;
  for (const seg of path.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    depth += seg === '..' ? -1 : 1;
    if (depth < 0) return false;
  }
  return true;
}

export function buildRegistry(input: RegistryInput): Registry {
  const { platform } = input;
  const diagnostics: Diagnostic[] = [...platform.diagnostics, ...(input.discoveryDiagnostics ?? [])];
  const manifests = sortByPath(input.manifests);
  for (const m of manifests) {
    for (const d of m.diagnostics) diagnostics.push(m.named ? { ...d, module: m.name } : d);
  }

  // Names: the first manifest (by path) to claim a name owns it.
  const byName = new Map<string, ParsedManifest>();
  for (const m of manifests) {
    if (!m.named) continue;
    const owner = byName.get(m.name);
    if (owner) {
      m.invalid = true;
      diagnostics.push(diag(m, 'module-duplicate', 'error', ['name'], `module '${m.name}' is already declared by ${owner.file}`, [relatedAt(owner, ['name'], 'first declared here')]));
    } else byName.set(m.name, m);
    // True of a duplicate too: folder 'invoicing' claiming 'billing' is both.
    if (m.name !== m.folder) {
      diagnostics.push(diag(m, 'module-name-mismatch', 'warning', ['name'], `module '${m.name}' lives in folder '${m.folder}'; name the folder after the module`));
    }
  }

  const info: PlatformInfo = { ...platform.info };
  const core = byName.get('core');
  info.coreVersion = platform.declaredCoreVersion ?? core?.manifest.version ?? null;

  // Manifests that give no usable name still own their folder name for dependents' messages.
  const brokenByFolder = new Map<string, ParsedManifest>();
  for (const m of manifests) if (!m.named && !byName.has(m.folder)) brokenByFolder.set(m.folder, m);

  const rootBlocks = new Map<string, BlockReason[]>();
  const block = (name: string, reason: string): void => {
    const list = rootBlocks.get(name) ?? [];
    if (!list.some((r) => r.reason === reason)) list.push({ reason });
    rootBlocks.set(name, list);
  };

  const names = [...byName.keys()];
  const idOf = new Map(names.map((n, i) => [n, i]));
  const deps: number[][] = names.map(() => []);
  const edges: GraphEdge[] = [];

  // Parsed once, not once per module that names a min_core_version.
  const coreValid = info.coreVersion !== null && semver.valid(info.coreVersion) !== null;
  for (const [name, m] of byName) {
    if (m.invalid) block(name, 'its manifest is invalid');
    const self = idOf.get(name) as number;
    for (const dep of m.at.dependencies) {
      const target = byName.get(dep.name);
      const path = ['dependencies', dep.index];
      if (!target) {
        const broken = brokenByFolder.get(dep.name);
        if (broken) {
          // The broken manifest has its own finding; the dependent is blocked, not told the module is missing.
          block(name, `depends on '${dep.name}', whose manifest (${broken.file}) cannot be read`);
          continue;
        }
        diagnostics.push(diag(m, 'dependency-missing', 'error', path, `'${name}' depends on '${dep.name}', which is not a module of this platform`));
        block(name, `depends on '${dep.name}', which does not exist`);
        continue;
      }
      deps[self].push(idOf.get(dep.name) as number);
      edges.push({ from: name, to: dep.name, kind: 'dependency' });
      const version = target.manifest.version;
      if (dep.range !== undefined && version !== undefined && !satisfies(version, dep.range)) {
        diagnostics.push(
          diag(m, 'dependency-version-mismatch', 'error', path, `'${name}' needs ${dep.name} ${dep.range}, but ${dep.name} is ${version}`, [relatedAt(target, VERSION_PATH, `${dep.name} declares version ${version}`)]),
        );
        block(name, `needs ${dep.name} ${dep.range}, but it is ${version}`);
      }
      if (TIER_RANK[target.manifest.tier] > TIER_RANK[m.manifest.tier]) {
        diagnostics.push(
          diag(m, 'tier-violation', 'error', path, `${m.manifest.tier} module '${name}' must not depend on ${target.manifest.tier} module '${dep.name}'`, [relatedAt(target, ['tier'], `${dep.name} is ${target.manifest.tier}`)]),
        );
      }
    }
    for (const dep of m.at.optional_dependencies) {
      const target = byName.get(dep.name);
      const path = ['optional_dependencies', dep.index];
      if (!target) {
        diagnostics.push(diag(m, 'optional-dependency-missing', 'info', path, `optional dependency '${dep.name}' of '${name}' is not present; it will load without it`));
        continue;
      }
      deps[self].push(idOf.get(dep.name) as number);
      edges.push({ from: name, to: dep.name, kind: 'optional' });
      const version = target.manifest.version;
      if (dep.range !== undefined && version !== undefined && !satisfies(version, dep.range)) {
        diagnostics.push(diag(m, 'dependency-version-mismatch', 'error', path, `'${name}' optionally uses ${dep.name} ${dep.range}, but ${dep.name} is ${version}`, [relatedAt(target, VERSION_PATH, `${dep.name} declares version ${version}`)]));
      }
    }
    const range = m.manifest.min_core_version;
    if (range !== undefined && coreValid && validRange(range) && !satisfies(info.coreVersion as string, range)) {
      diagnostics.push(diag(m, 'core-version-unsatisfied', 'error', ['min_core_version'], `'${name}' needs core ${range}, but the platform's core version is ${info.coreVersion}`));
      block(name, `needs core ${range}, but core is ${info.coreVersion}`);
    }
  }

  const tierOf = names.map((n) => TIER_RANK[(byName.get(n) as ParsedManifest).manifest.tier]);
  const less = (a: number, b: number): boolean => (tierOf[a] !== tierOf[b] ? tierOf[a] < tierOf[b] : names[a] < names[b]);
  const order = topologicalOrder(names.length, deps, less).map((i) => names[i]);

  for (const cycle of findCycles(names.length, deps, less)) {
    const path = cycle.map((i) => names[i]);
    const first = byName.get(path[0]) as ParsedManifest;
    const next = path[1];
    const entry = [...first.at.dependencies, ...first.at.optional_dependencies].find((d) => d.name === next);
    const key = first.at.dependencies.some((d) => d.name === next) ? 'dependencies' : 'optional_dependencies';
    const related = path.slice(1, -1).map((n) => {
      const m = byName.get(n) as ParsedManifest;
      return relatedAt(m, ['name'], `${n} is part of the cycle`);
    });
    diagnostics.push(diag(first, 'dependency-cycle', 'error', entry ? [key, entry.index] : ['name'], `dependency cycle: ${path.join(' -> ')}`, related));
    for (const n of new Set(path)) block(n, `is part of the dependency cycle ${path.join(' -> ')}`);
  }

  checkEvents(byName, order, diagnostics, edges);
  checkProviderConflicts(byName, order, diagnostics);
  checkModuleContents(byName, manifests, input.exists, diagnostics);

  return { platform: info, manifests, byName, order, edges, diagnostics, rootBlocks, waivers: platform.waivers };
}

function validRange(range: string): boolean {
  return isValidRange(range);
}

function checkEvents(byName: Map<string, ParsedManifest>, order: string[], diagnostics: Diagnostic[], edges: GraphEdge[]): void {
  const publishers = new Map<string, string[]>();
  for (const name of order) {
    for (const event of (byName.get(name) as ParsedManifest).manifest.publishes) {
      const list = publishers.get(event) ?? [];
      if (!list.includes(name)) list.push(name);
      publishers.set(event, list);
    }
  }
  for (const name of order) {
    const m = byName.get(name) as ParsedManifest;
    // Each event once (a Set only when there can be repeats: most modules subscribe to one or none).
    const subscribes = m.manifest.subscribes;
    for (const event of subscribes.length > 1 ? new Set(subscribes) : subscribes) {
      const pubs = publishers.get(event);
      if (!pubs) {
        const p = m.locator.item(['events', 'subscribes'], event);
        diagnostics.push({ rule: 'event-no-publisher', severity: 'warning', message: `'${name}' subscribes to '${event}', which no module publishes`, module: name, file: m.file, line: p.line, column: p.column });
        continue;
      }
      for (const pub of pubs) if (pub !== name) edges.push({ from: name, to: pub, kind: 'event', label: event });
    }
  }
}

function checkProviderConflicts(byName: Map<string, ParsedManifest>, order: string[], diagnostics: Diagnostic[]): void {
  const first = new Map<string, { m: ParsedManifest; index: number }>();
  for (const name of order) {
    const m = byName.get(name) as ParsedManifest;
    for (const cap of m.at.provides) {
      const earlier = first.get(cap.name);
      if (!earlier) {
        first.set(cap.name, { m, index: cap.index });
        continue;
      }
      if (earlier.m === m) continue;
      diagnostics.push(
        diag(m, 'capability-provider-conflict', 'warning', ['capabilities', 'provides', cap.index], `capability '${cap.name}' is provided by both '${earlier.m.name}' and '${name}'; which one a module gets is ambiguous`, [
          relatedAt(earlier.m, ['capabilities', 'provides', earlier.index], `${earlier.m.name} provides it too`),
        ]),
      );
    }
  }
}

function checkModuleContents(byName: Map<string, ParsedManifest>, manifests: ParsedManifest[], exists: (path: string) => boolean, diagnostics: Diagnostic[]): void {
  const errorCodes = new Map<string, { m: ParsedManifest; index: number }>();
  for (const m of manifests) {
    if (!m.named || byName.get(m.name) !== m) continue;
    const mf = m.manifest;

    diagnostics.push(...localFindings(m));

    const codes = mf.error_codes;
    codes.forEach((ec, index) => {
      const earlier = errorCodes.get(ec.code);
      if (earlier) {
        const where = earlier.m === m ? 'earlier in this manifest' : `by module '${earlier.m.name}'`;
        diagnostics.push(
          diag(m, 'error-code-duplicate', 'error', ['error_codes', m.rawIndex.error_codes[index], 'code'], `error code ${ec.code} is already declared ${where}`, [
            relatedAt(earlier.m, ['error_codes', earlier.m.rawIndex.error_codes[earlier.index], 'code'], 'first declared here'),
          ]),
        );
      } else {
        errorCodes.set(ec.code, { m, index });
      }
    });

    for (const catalog of mf.message_catalogs) {
      if (!staysInside(catalog) || exists(`${m.dir}/${catalog}`)) continue;
      const p = m.locator.item(['message_catalogs'], catalog);
      diagnostics.push({ rule: 'message-catalog-missing', severity: 'error', message: `message catalog '${catalog}' does not exist (looked for ${m.dir}/${catalog})`, module: m.name, file: m.file, line: p.line, column: p.column });
    }
  }
}

/**
 * Findings that depend on one manifest alone (config defaults, schedules, paths), computed once per
 * parsed manifest: an incremental re-check after one edit recomputes them for that manifest only.
 */
const localCache = new WeakMap<ParsedManifest, Diagnostic[]>();

function localFindings(m: ParsedManifest): Diagnostic[] {
  const cached = localCache.get(m);
  if (cached) return cached;
  const out: Diagnostic[] = [];
  const mf = m.manifest;
  if (mf.config?.schema !== undefined) {
    for (const problem of checkConfigDefaults(mf.config.schema, mf.config.defaults)) {
      out.push(diag(m, 'config-defaults-invalid', 'error', ['config', ...problem.path], problem.message));
    }
  }
  if (!staysInside(mf.migrations)) {
    out.push(diag(m, 'path-outside-module', 'error', ['migrations'], `migrations folder '${mf.migrations}' leaves the module folder; use a path inside ${m.dir}`));
  }
  for (const catalog of mf.message_catalogs) {
    if (staysInside(catalog)) continue;
    const p = m.locator.item(['message_catalogs'], catalog);
    out.push({ rule: 'path-outside-module', severity: 'error', message: `message catalog '${catalog}' leaves the module folder; use a path inside ${m.dir}`, module: m.name, file: m.file, line: p.line, column: p.column });
  }
  const tasks = new Set(mf.tasks.map((t) => t.name));
  mf.schedules.forEach((s, i) => {
    const index = m.rawIndex.schedules[i];
    const problem = cronProblem(s.cron);
    if (problem) out.push(diag(m, 'schedule-invalid', 'error', ['schedules', index, 'cron'], `schedule for '${s.task}': cron '${s.cron}' is invalid: ${problem}`));
    if (!tasks.has(s.task)) {
      const known = tasks.size > 0 ? ` (tasks: ${[...tasks].join(', ')})` : ' (the module declares no tasks)';
      out.push(diag(m, 'schedule-invalid', 'error', ['schedules', index, 'task'], `schedule names task '${s.task}', which '${m.name}' does not declare${known}`));
    }
  });
  localCache.set(m, out);
  return out;
}
