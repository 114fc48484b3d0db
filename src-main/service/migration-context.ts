import { buildRegistry } from '../engine/registry';
import type { AnalysisContext } from './analysis';
import { CheckoutFiles } from './checkout-reader';
import { loadCheckout, loadCheckoutAsync, type LoadedCheckout } from './load-checkout';
import type { ScanOptions } from './scan-pool';

/**
 * Reads a checkout for the migration planner (`mwb migrate`): manifests, the registry (load order)
 * and file access; no profile resolution. Kept apart from migrations.ts, which analyses.ts imports.
 */
export function openMigrationContext(dir: string): AnalysisContext {
  return contextOf(loadCheckout(dir));
}

/** openMigrationContext with the manifests and migrations read on every core (the CLI). */
export async function openMigrationContextAsync(dir: string, workers?: ScanOptions['workers']): Promise<AnalysisContext> {
  return contextOf(await loadCheckoutAsync(dir, { migrations: true, workers }));
}

function contextOf(loaded: LoadedCheckout): AnalysisContext {
  const registry = buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists });
  return { root: loaded.root, registry, files: loaded.files ?? new CheckoutFiles(loaded.root), migrationParts: loaded.migrationParts, adapted: loaded.adapted };
}
