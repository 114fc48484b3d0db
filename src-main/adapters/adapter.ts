import type { Diagnostic } from '../common/diagnostic';
import type { RuleId } from '../common/rules';
import type { ParsedManifest } from '../engine/manifest';
import type { ParsedRoles } from '../engine/permissions/roles-file';
import type { ParsedPlatform } from '../engine/platform';
import type { EcosystemUpdate } from '../common/contract-migrations';

/**
 * An adapter turns one ecosystem's files into the engine's model (modules, dependencies, versions,
 * tiers, permissions, routes, roles), keeping the real file, line and column of every item. It is
 * pure like the engine: detection asks a probe, extraction gets file texts; the service does the I/O.
 */

/** What detection may ask of a checkout (checkout-relative paths with `/`). */
export interface CheckoutProbe {
  exists(rel: string): boolean;
  /** Entries of a folder, or null when it is not a readable folder. */
  list(rel: string): readonly { name: string; dir: boolean }[] | null;
}

/** The files an adapter claimed, read by the service: texts by checkout-relative path. */
export interface AdapterFiles {
  /** Name of the checkout folder (the platform's default name). */
  checkoutName: string;
  texts: ReadonlyMap<string, string>;
  /** Claimed files that could not be read, with why. */
  unreadable: readonly { path: string; message: string; line?: number; column?: number }[];
}

/** What an adapter's extract step gives back: the engine's inputs, and what only this ecosystem knows. */
export interface AdaptedCheckout {
  kind: string;
  platform: ParsedPlatform;
  manifests: ParsedManifest[];
  /** Roles as the ecosystem defines them (e.g. Drupal's user.role.*.yml), instead of roles.yaml. */
  roles?: ParsedRoles;
  /** Findings of the adapter itself (unreadable files, constraints it cannot read, ...). */
  diagnostics: Diagnostic[];
  /** Rules that do not apply to this ecosystem: their findings are dropped. */
  skipRules: ReadonlySet<RuleId>;
  /** service/analyses.ts ids that do not apply (e.g. the SQL migration analysis on Drupal). */
  skipAnalyses: ReadonlySet<string>;
  /** Last say on the findings: the ecosystem's reading of a generic finding (e.g. a grant that may be dynamic). */
  refine(findings: Diagnostic[]): Diagnostic[];
  /** Ecosystem data the views and commands may show. */
  extras?: Record<string, unknown>;
  /**
   * The ecosystem's own updates (Drupal's hook_update_N and post-updates), read statically, in the
   * order the ecosystem runs them given the modules' load order. The workbench never runs them.
   */
  planUpdates?(order: readonly string[]): UpdatePlan;
  /** A role file's text without the grants at these lines, every other byte kept (reconcile --remove-stale). */
  removeGrants?(text: string, lines: ReadonlySet<number>): string;
}

/** One update an ecosystem runs on deploy (e.g. `node_update_10301`): the contract's own type. */
export type UpdateStep = EcosystemUpdate;

export interface UpdatePlan {
  steps: UpdateStep[];
  diagnostics: Diagnostic[];
  /** How the ecosystem runs them (shown with the plan). */
  runWith: string;
  /** The language the updates are written in, which the workbench never runs (default: PHP, Drupal's). */
  language?: string;
  /** The command that runs them (default: drush updatedb). */
  tool?: string;
}

interface AdapterBase {
  /** Stable id: `platform.yaml` `kind:` and `--kind` name it. */
  kind: string;
  /** What `mwb list` says read the checkout. */
  label: string;
  /** Whether the checkout looks like this ecosystem (checked in registration order). */
  detect(probe: CheckoutProbe): boolean;
}

/** The native format: module folders found by platform.yaml's globs, read by the scan pool. */
export interface ModuleFolderAdapter extends AdapterBase {
  reads: 'module-folders';
}

/** Every other ecosystem: the service walks the checkout, reads the files the adapter claims, and calls extract. */
export interface ClaimedFilesAdapter extends AdapterBase {
  reads: 'claimed-files';
  /** Whether the walk descends into a folder (checkout-relative path, its name). */
  enters(rel: string, name: string): boolean;
  /** Whether a file is read and handed to extract. */
  claims(rel: string): boolean;
  /** A larger read limit for a claimed file than the 1 MiB of YAML inputs (e.g. composer.lock). */
  maxBytes?(rel: string): number | undefined;
  /** Pure: file texts in, the engine's model out. */
  extract(files: AdapterFiles): AdaptedCheckout;
}

export type Adapter = ModuleFolderAdapter | ClaimedFilesAdapter;
