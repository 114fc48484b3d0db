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
import { runAnalyses } from './analyses';
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

/** Runs the registry over parsed inputs and shapes what the views draw. */
export function buildSnapshot(inputs: ScanInputs, profile: string | undefined, revision: number, stats: ScanStats = { kind: 'full', durationMs: 0, manifestsParsed: 0 }): { snapshot: WorkbenchSnapshot; registry: Registry } {
  const registry = buildRegistry({ platform: inputs.platform, manifests: inputs.manifests, discoveryDiagnostics: inputs.discoveryDiagnostics, exists: inputs.exists });
  const names = registry.platform.profiles.map((p) => p.name);
  const active = profile !== undefined && names.includes(profile) ? profile : registry.platform.defaultProfile;
  const capabilities: ProfileCapabilitiesView[] = [];
  const extra = runAnalyses({ root: inputs.root, registry, files: inputs.files, adapted: inputs.adapted });
  let activeResult: ReturnType<typeof assemble> | undefined;
  for (const name of names) {
    const resolution = resolveProfile(registry, name);
    if (name === active) activeResult = assemble(inputs.root, registry, resolution, extra, undefined, inputs.adapted?.refine);
    const blocked: ProfileCapabilitiesView['blocked'] = [];
    for (const m of registry.order) {
      const r = resolution.modules.get(m);
      if (r && r.status !== 'ok') blocked.push({ module: m, status: r.status, reasons: r.blockedBy, causes: r.causes });
    }
    capabilities.push({ profile: name, isDefault: name === registry.platform.defaultProfile, provided: resolution.provided, required: resolution.required, missing: resolution.missing, blocked });
  }
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
  return { snapshot, registry };
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

