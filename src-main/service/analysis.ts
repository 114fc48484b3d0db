import type { AdaptedCheckout } from '../adapters/adapter';
import type { Diagnostic } from '../common/diagnostic';
import type { Registry } from '../engine/registry';
import type { CheckoutFiles } from './checkout-reader';
import type { MigrationPart } from './migration-scan';

/**
 * Analyses beyond the registry: checks that read more of the checkout than the manifests
 * (roles.yaml, SQL migrations, module sources, notes). Each one is a pure function of the
 * registry and the files it reads through `files`, so `check`, the session and the editor's
 * lint run the same code. Their findings are waived like every other finding.
 */
export interface AnalysisContext {
  /** Absolute path of the checkout. */
  root: string;
  registry: Registry;
  files: CheckoutFiles;
  /** Modules' migration reading already done by a scan worker, by migrationPartKey (load-checkout.ts). */
  migrationParts?: ReadonlyMap<string, MigrationPart>;
  /**
   * The session's check this context stands for: the snapshot revision of its last run of the
   * checks (an edit that only moved positions runs none and keeps it). What the Migrations plan is kept by.
   */
  checkRevision?: number;
  /** Set when an adapter read the checkout: its roles, and the analyses that do not apply to its ecosystem. */
  adapted?: AdaptedCheckout;
  /**
   * Work shared by the analyses of one run (runAnalyses sets it, for that run only): the migration
   * set that both the migrations and the tables analyses read is built once per run, not twice.
   */
  pass?: Map<string, unknown>;
}

export interface Analysis {
  id: string;
  /**
   * The findings. A finding already waived in the file it is about (a `-- waiver:` header in a
   * migration) carries its `waiver` and is listed as waived.
   */
  run(ctx: AnalysisContext): Diagnostic[];
  /**
   * Whether a changed checkout-relative path (not a manifest: those always re-run everything)
   * can change this analysis' findings. The session's watcher uses it to decide on a re-check.
   */
  affectedBy(rel: string, registry: Registry): boolean;
}
