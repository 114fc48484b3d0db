import type { AdaptedCheckout } from '../adapters/adapter';
import { compareDiagnostics, type Diagnostic } from '../common/diagnostic';
import type { ProfileCapabilitiesView, ScanStats, WorkbenchSnapshot } from '../common/contract';
import type { ModuleRecord } from '../common/model';
import { withEdgeSources } from '../engine/edge-sources';
import { assemble } from '../engine/check';
import type { ParsedManifest } from '../engine/manifest';
import type { ParsedPlatform } from '../engine/platform';
import { resolveProfile } from '../engine/profile-resolution';
import { buildRegistry, type Registry } from '../engine/registry';
import { runAnalysesEach } from './analyses';
import { NO_REUSE, registryFrom, registryUpdated, reuseFrom, type CheckRun } from './check-reuse';

export type { CheckRun } from './check-reuse';
export { movedRun } from './check-reuse';
import type { CheckoutFiles } from './checkout-reader';

export interface ScanInputs {
  root: string;
  platform: ParsedPlatform;
  manifests: ParsedManifest[];
  discoveryDiagnostics: Diagnostic[];
  exists(rel: string): boolean;
  /** Cached reads for the analyses beyond the registry. */
  files: CheckoutFiles;
  /** Set when an adapter read the checkout (src-main/adapters). */
  adapted?: AdaptedCheckout;
}

/**
 * Runs the registry over parsed inputs and shapes what the views draw. `previous`: the run before,
 * when only manifests changed since; the parts whose inputs stayed the same keep its results (check-reuse.ts).
 */
export function buildSnapshot(inputs: ScanInputs, profile: string | undefined, revision: number, stats: ScanStats = { kind: 'full', durationMs: 0, manifestsParsed: 0 }, previous?: CheckRun | null): { snapshot: WorkbenchSnapshot; registry: Registry; run: CheckRun } {
  const discovery = inputs.discoveryDiagnostics;
  const kept = previous ? registryFrom(previous, inputs.platform, discovery, inputs.manifests) : null;
  const updated = previous && !kept ? registryUpdated(previous, inputs.platform, discovery, inputs.manifests, inputs.exists) : null;
  const registry = kept ?? updated ?? buildRegistry({ platform: inputs.platform, manifests: inputs.manifests, discoveryDiagnostics: discovery, exists: inputs.exists });
  const reuse = previous ? reuseFrom(previous, registry) : NO_REUSE;
  const reused: string[] = kept ? ['registry'] : updated ? ['registry-parts'] : [];
  const keep = <T>(part: string, found: T | undefined): T | undefined => (found !== undefined && reused.push(part) ? found : undefined);
  const names = registry.platform.profiles.map((p) => p.name);
  const active = profile !== undefined && names.includes(profile) ? profile : registry.platform.defaultProfile;
  const capabilities: ProfileCapabilitiesView[] = [];
  const analyses = runAnalysesEach({ root: inputs.root, registry, files: inputs.files, adapted: inputs.adapted }, (id) => keep(id, reuse.analysis(id)));
  const extra = [...analyses.values()].flat();
  const resolutions = new Map<string, ReturnType<typeof resolveProfile>>();
  let activeResult: ReturnType<typeof assemble> | undefined;
  for (const name of names) {
    const resolution = keep(`resolution:${name}`, reuse.resolution(name)) ?? resolveProfile(registry, name);
    resolutions.set(name, resolution);
    if (name === active) activeResult = assemble(inputs.root, registry, resolution, extra, undefined, inputs.adapted?.refine);
    const blocked: ProfileCapabilitiesView['blocked'] = [];
    for (const m of registry.order) {
      const r = resolution.modules.get(m);
      if (r && r.status !== 'ok') blocked.push({ module: m, status: r.status, reasons: r.blockedBy, causes: r.causes });
    }
    capabilities.push({ profile: name, isDefault: name === registry.platform.defaultProfile, provided: resolution.provided, required: resolution.required, missing: resolution.missing, blocked });
  }
  if (previous) stats.reused = reused;
  const result = activeResult as ReturnType<typeof assemble>;
  const modules: ModuleRecord[] = result.modules;
  const snapshot: WorkbenchSnapshot = {
    checkout: inputs.root,
    revision,
    platform: registry.platform,
    profile: active,
    modules,
    order: registry.order,
    edges: withEdgeSources([...registry.edges, ...result.resolution.edges], registry.byName),
    diagnostics: result.report.diagnostics,
    waived: result.report.waived,
    summary: result.report.summary,
    omitted: result.report.omitted,
    capabilities,
    stats,
  };
  return { snapshot, registry, run: { registry, platform: inputs.platform, discovery, resolutions, analyses } };
}

/**
 * Diagnostics for one manifest as if `text` were saved: the editor's markers as you type. Findings
 * reported on another file with a related location in this one (a dependency cycle this manifest
 * closes) are included: the editor marks them at that location.
 */
export function lintManifestText(inputs: ScanInputs, replaced: ParsedManifest, profile: string | undefined): Diagnostic[] {
  const manifests = inputs.manifests.filter((m) => m.file !== replaced.file).concat(replaced);
  const { snapshot } = buildSnapshot({ ...inputs, manifests }, profile, 0);
  const own = snapshot.diagnostics.filter((d) => d.file === replaced.file || d.related?.some((r) => r.file === replaced.file));
  own.sort(compareDiagnostics);
  return own;
}

