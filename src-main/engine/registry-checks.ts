import type { Diagnostic } from '../common/diagnostic';
import { TIER_RANK, type GraphEdge, type PlatformInfo } from '../common/model';
import { checkConfigDefaults } from './config-defaults';
import { cronProblem } from './cron';
import type { ParsedManifest } from './manifest';
import { isValidRange, satisfies } from './refs';
import { diag, relatedAt } from './registry-findings';
import { staysInside } from './stays-inside';

/*
 * The registry's checks, each over what it reads (engine/registry.ts puts them together, and keeps
 * each part for the next build after a dependency edit: registry-update.ts).
 */

export { staysInside };

/** What one module's dependency lists make: its findings, its own reasons not to load, its graph edges, the modules it loads after. */
export interface ModuleLinks {
  diagnostics: Diagnostic[];
  /** Root block reasons in the order found (an invalid manifest, each dependency, the core version gate). */
  blocks: string[];
  edges: GraphEdge[];
  /** Indexes (in the registry's names) of the modules it needs loaded first: strict, then optional. */
  deps: number[];
}

/** What the per-module checks look up: the graph's modules by name and index, manifests without a usable name by folder, the core version. */
export interface LinkContext {
  byName: ReadonlyMap<string, ParsedManifest>;
  idOf: ReadonlyMap<string, number>;
  brokenByFolder: ReadonlyMap<string, ParsedManifest>;
  info: PlatformInfo;
  /** Whether info.coreVersion is a valid version (parsed once, not once per module). */
  coreValid: boolean;
}

const VERSION_PATH = ['version'];

/** What a module's dependency lists point at: ModuleLinks' `edges` and `deps`, without its checks. */
export type ModuleTargets = Pick<ModuleLinks, 'edges' | 'deps'>;

/**
 * The modules a module loads after, and its dependency edges: all the load order needs. Worked out
 * apart from moduleLinks' checks (semver ranges, tiers, the core version gate) so that a fresh
 * registry knows its load order, and `check` hands it to its worker (RegistryInput.onOrder),
 * before those checks run (issue 16: 40-110 ms at 5,000 modules). moduleLinks takes these as its own.
 */
export function moduleTargets(name: string, m: ParsedManifest, ctx: Pick<LinkContext, 'byName' | 'idOf'>): ModuleTargets {
  const { byName, idOf } = ctx;
  const edges: GraphEdge[] = [];
  const deps: number[] = [];
  for (const dep of m.at.dependencies) {
    if (!byName.has(dep.name)) continue;
    deps.push(idOf.get(dep.name) as number);
    edges.push({ from: name, to: dep.name, kind: 'dependency' });
  }
  for (const dep of m.at.optional_dependencies) {
    if (!byName.has(dep.name)) continue;
    deps.push(idOf.get(dep.name) as number);
    edges.push({ from: name, to: dep.name, kind: 'optional' });
  }
  return { edges, deps };
}

/** A module's dependency findings (missing, version mismatch, tier), its min_core_version gate and its edges (`targets`: moduleTargets', when worked out already). */
export function moduleLinks(name: string, m: ParsedManifest, ctx: LinkContext, targets: ModuleTargets = moduleTargets(name, m, ctx)): ModuleLinks {
  const { byName, brokenByFolder, info } = ctx;
  const out: ModuleLinks = { diagnostics: [], blocks: [], edges: targets.edges, deps: targets.deps };
  const { diagnostics } = out;
  const block = (reason: string): void => void (out.blocks.includes(reason) || out.blocks.push(reason));
  if (m.invalid) block('its manifest is invalid');
  for (const dep of m.at.dependencies) {
    const target = byName.get(dep.name);
    const path = ['dependencies', dep.index];
    if (!target) {
      const broken = brokenByFolder.get(dep.name);
      if (broken) {
        // The broken manifest has its own finding; the dependent is blocked, not told the module is missing.
        block(`depends on '${dep.name}', whose manifest (${broken.file}) cannot be read`);
        continue;
      }
      diagnostics.push(diag(m, 'dependency-missing', 'error', path, `'${name}' depends on '${dep.name}', which is not a module of this platform`));
      block(`depends on '${dep.name}', which does not exist`);
      continue;
    }
    const version = target.manifest.version;
    if (dep.range !== undefined && version !== undefined && !satisfies(version, dep.range)) {
      diagnostics.push(
        diag(m, 'dependency-version-mismatch', 'error', path, `'${name}' needs ${dep.name} ${dep.range}, but ${dep.name} is ${version}`, [relatedAt(target, VERSION_PATH, `${dep.name} declares version ${version}`)]),
      );
      block(`needs ${dep.name} ${dep.range}, but it is ${version}`);
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
    const version = target.manifest.version;
    if (dep.range !== undefined && version !== undefined && !satisfies(version, dep.range)) {
      diagnostics.push(diag(m, 'dependency-version-mismatch', 'error', path, `'${name}' optionally uses ${dep.name} ${dep.range}, but ${dep.name} is ${version}`, [relatedAt(target, VERSION_PATH, `${dep.name} declares version ${version}`)]));
    }
  }
  const range = m.manifest.min_core_version;
  if (range !== undefined && ctx.coreValid && isValidRange(range) && !satisfies(info.coreVersion as string, range)) {
    diagnostics.push(diag(m, 'core-version-unsatisfied', 'error', ['min_core_version'], `'${name}' needs core ${range}, but the platform's core version is ${info.coreVersion}`));
    block(`needs core ${range}, but core is ${info.coreVersion}`);
  }
  return out;
}

/** event-no-publisher findings and the event edges (subscriber -> publisher), in load order. */
export function checkEvents(byName: ReadonlyMap<string, ParsedManifest>, order: readonly string[]): { diagnostics: Diagnostic[]; edges: GraphEdge[] } {
  const diagnostics: Diagnostic[] = [];
  const edges: GraphEdge[] = [];
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
  return { diagnostics, edges };
}

/** capability-provider-conflict findings: the first provider in load order against each later one. */
export function checkProviderConflicts(byName: ReadonlyMap<string, ParsedManifest>, order: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
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
  return diagnostics;
}

/** What each module holds: config defaults, paths, schedules (per manifest), error codes unique across the platform, message catalogs present. */
export function checkModuleContents(byName: ReadonlyMap<string, ParsedManifest>, manifests: readonly ParsedManifest[], exists: (path: string) => boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
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
  return diagnostics;
}

/**
 * Findings that depend on one manifest alone (config defaults, schedules, paths), computed once per
 * parsed manifest: an incremental re-check after one edit recomputes them for that manifest only.
 */
const localCache = new WeakMap<ParsedManifest, Diagnostic[]>();

export function localFindings(m: ParsedManifest): Diagnostic[] {
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
