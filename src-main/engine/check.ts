import { capPerRule, compareDiagnostics, DEFAULT_MAX_PER_RULE, summarize, type Diagnostic, type WaivedDiagnostic } from '../common/diagnostic';
import type { CheckReport, ModuleRecord } from '../common/model';
import { isRuleId, ruleInfo } from '../common/rules';
import type { ParsedManifest } from './manifest';
import { resolveProfile, type ProfileResolution } from './profile-resolution';
import { buildRegistry, type Registry, type RegistryInput } from './registry';
import { applyWaivers } from './waivers';

export interface CheckResult {
  report: CheckReport;
  registry: Registry;
  resolution: ProfileResolution;
  /** Every module with its manifest and status, graph modules in load order first. */
  modules: ModuleRecord[];
}

export class UnknownProfileError extends Error {
  readonly code = 'unknown-profile';
  constructor(
    readonly profile: string,
    readonly known: string[],
  ) {
    super(`unknown profile '${profile}' (profiles: ${known.join(', ')})`);
  }
}

/** The profile a check is for: the one asked for, else the platform's default (UnknownProfileError when the platform has no such profile). */
export function chosenProfile(registry: Registry, asked?: string): string {
  const profiles = registry.platform.profiles.map((p) => p.name);
  const profile = asked ?? registry.platform.defaultProfile;
  if (!profiles.includes(profile)) throw new UnknownProfileError(profile, profiles);
  return profile;
}

/** The whole registry check for one profile: what `check` prints and the app shows. */
export function checkPlatform(input: RegistryInput & { checkout: string; profile?: string; extra?: (registry: Registry) => Diagnostic[]; maxPerRule?: number; refine?: (findings: Diagnostic[]) => Diagnostic[] }): CheckResult {
  const registry = buildRegistry(input);
  const resolution = resolveProfile(registry, chosenProfile(registry, input.profile));
  return assemble(input.checkout, registry, resolution, input.extra ? input.extra(registry) : [], input.maxPerRule, input.refine);
}

function record(m: ParsedManifest, status: ModuleRecord['status'], blockedBy: ModuleRecord['blockedBy']): ModuleRecord {
  return { name: m.name, version: m.manifest.version ?? null, tier: m.manifest.tier, path: m.dir, status, manifestFile: m.file, manifest: m.manifest, blockedBy };
}

/**
 * `extra`: profile-independent findings of the analyses beyond the registry (service/analyses.ts).
 * `refine`: an adapter's last say on the findings (rules that do not apply to its ecosystem dropped).
 */
export function assemble(checkout: string, registry: Registry, resolution: ProfileResolution, extra: readonly Diagnostic[] = [], maxPerRule = DEFAULT_MAX_PER_RULE, refine?: (findings: Diagnostic[]) => Diagnostic[]): CheckResult {
  const modules: ModuleRecord[] = registry.order.map((name) => {
    const res = resolution.modules.get(name);
    return record(registry.byName.get(name) as ParsedManifest, res?.status ?? 'ok', res?.blockedBy ?? []);
  });
  for (const m of registry.manifests) {
    if (!m.named || registry.byName.get(m.name) !== m) modules.push(record(m, 'invalid', [{ reason: m.named ? `duplicate of module '${m.name}'` : 'its manifest gives no usable name' }]));
  }
  // Findings an analysis already waived in their own file (a `-- waiver:` header) stay waived.
  const preWaived = extra.filter((d): d is WaivedDiagnostic => 'waiver' in d);
  const found: Diagnostic[] = [...registry.diagnostics, ...resolution.diagnostics, ...extra.filter((d) => !('waiver' in d))];
  const all = refine ? refine(found) : found;
  // The PR rules run in pr-check; their waivers are not stale here.
  const { kept, waived } = applyWaivers(all, registry.waivers, (rule) => !isRuleId(rule) || ruleInfo(rule).category !== 'pr');
  waived.push(...preWaived);
  kept.sort(compareDiagnostics);
  waived.sort(compareDiagnostics);
  const { listed, omitted } = capPerRule(kept, maxPerRule);
  const report: CheckReport = {
    checkout,
    profile: resolution.profile,
    modules: modules.map(({ name, version, tier, path, status }) => ({ name, version, tier, path, status })),
    order: registry.order,
    diagnostics: listed,
    summary: { ...summarize(kept), waived: waived.length },
    waived: capPerRule(waived, maxPerRule).listed,
    omitted,
  };
  return { report, registry, resolution, modules };
}
