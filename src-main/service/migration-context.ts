import { buildRegistry } from '../engine/registry';
import { CheckoutFiles, type AnalysisContext } from './analyses';
import { loadCheckout } from './load-checkout';

/**
 * Reads a checkout for the migration planner (`mwb migrate`): manifests, the registry (load order)
 * and file access; no profile resolution. Kept apart from migrations.ts, which analyses.ts imports.
 */
export function openMigrationContext(dir: string): AnalysisContext {
  const loaded = loadCheckout(dir);
  const registry = buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists });
  return { root: loaded.root, registry, files: new CheckoutFiles(loaded.root) };
}
