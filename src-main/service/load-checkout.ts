import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import { assemble, checkPlatform, chosenProfile, type CheckResult } from '../engine/check';
import { resolveProfile } from '../engine/profile-resolution';
import { buildRegistry, type RegistryGraph } from '../engine/registry';
import { localFindings } from '../engine/registry-checks';
import { manifestInputs } from '../engine/permissions/rule-inputs';
import { parseManifest, type ParsedManifest } from '../engine/manifest';
import { parsePlatform, PLATFORM_FILE, type ParsedPlatform } from '../engine/platform';
import { makeExists, resolveCheckout } from '../node/checkout-files';
import { discoverFolders, type Discovery, type DiscoveryProblem } from '../node/discover';
import { assertPlatformCheckout, unmatchedGlobFindings } from './checkout-kind';
import { readCheckoutText } from '../node/checkout-path';
import type { AdaptedCheckout } from '../adapters/adapter';
import { adaptedCheckout } from './adapted-checkout';
import { runAnalyses, runAnalysesEach } from './analyses';
import { checkoutLedger } from './migrations';
import type { RemoteSql } from './remote-sql';
import { CheckoutFiles } from './checkout-reader';
import { rolesFromFiles } from './permissions-analysis';
import { readManifestSource } from './manifest-source';
import type { MigrationPart } from './migration-scan';
import { earlyReadAhead, scanModules, type ScanOptions } from './scan-pool';
import { discardWaiting } from './read-ahead-worker';
import { parentsOf } from './read-ahead';

export interface LoadedCheckout {
  root: string;
  platform: ParsedPlatform;
  manifests: ParsedManifest[];
  discoveryDiagnostics: Diagnostic[];
  exists(rel: string): boolean;
  /** Modules' migrations read during the scan (loadCheckoutAsync with `migrations`), by migrationPartKey. */
  migrationParts?: Map<string, MigrationPart>;
  /** The file access (and cached reads) the scan used, for the analyses to go on with. */
  files?: CheckoutFiles;
  /** Set when an adapter other than the native format read the checkout (src-main/adapters). */
  adapted?: AdaptedCheckout;
  /** The scan's worker holding the classified migrations, for the migrations and tables analyses (loadCheckoutAsync with `sqlOnWorker`). */
  remoteSql?: RemoteSql;
}

/** The engine's inputs from an adapter's model. */
function fromAdapted(root: string, adapted: AdaptedCheckout, files: CheckoutFiles): LoadedCheckout {
  return { root, platform: adapted.platform, manifests: adapted.manifests, discoveryDiagnostics: adapted.diagnostics, exists: makeExists(root), files, adapted };
}

/** platform.yaml of a checkout, parsed (the defaults when there is none). */
export function readPlatformFile(root: string): ParsedPlatform {
  const read = readCheckoutText(root, PLATFORM_FILE);
  if (read.ok) return parsePlatform(read.text, path.basename(root));
  return parsePlatform(undefined, path.basename(root), read.missing ? undefined : `${PLATFORM_FILE} ${read.message}`);
}

/** Folders discovery could not read (loops, permissions) as findings. */
export function discoveryFindings(problems: readonly DiscoveryProblem[]): Diagnostic[] {
  return problems.map((p) => ({ rule: 'manifest-unreadable', severity: 'error', message: p.path === 'platform.yaml' ? p.message : `${p.path} ${p.message}`, file: p.path, line: 1, column: 1 }));
}

/** What discovery found wrong: unreadable folders, and globs that match no module (module-glob-unmatched). */
export function discoveredFindings(platform: ParsedPlatform, discovery: Discovery, manifests: readonly ParsedManifest[]): Diagnostic[] {
  return [...discoveryFindings(discovery.problems), ...unmatchedGlobFindings(platform, discovery, new Set(manifests.map((m) => m.dir)))];
}

/** Reads a checkout from disk into the engine's inputs: platform.yaml, then every discovered manifest. */
export function loadCheckout(dir: string): LoadedCheckout {
  const root = resolveCheckout(dir);
  // Adapter seam: a checkout of another ecosystem is read by its adapter.
  const adapterFiles = new CheckoutFiles(root);
  const adapted = adaptedCheckout(root, adapterFiles);
  if (adapted) return fromAdapted(root, adapted, adapterFiles);
  const platform = readPlatformFile(root);
  const discovery = discoverFolders(root, platform.info.moduleGlobs);
  const manifests: ParsedManifest[] = [];
  for (const folder of discovery.folders) {
    const source = readManifestSource(root, folder);
    if (source) manifests.push(parseManifest(source));
  }
  assertPlatformCheckout(root, platform, manifests.length);
  return { root, platform, manifests, discoveryDiagnostics: discoveredFindings(platform, discovery, manifests), exists: makeExists(root) };
}

/**
 * loadCheckout on every core (scan-pool.ts), for the CLI and other one-shot readers of large
 * checkouts. With `migrations`, each module's migrations are read and classified in the same pass;
 * with `roles`, the roles file is read and parsed meanwhile (check's analyses then find both done).
 */
export async function loadCheckoutAsync(
  dir: string,
  options: { migrations?: boolean; roles?: boolean; onProgress?: ScanOptions['onProgress']; workers?: ScanOptions['workers']; oneShot?: boolean; sqlOnWorker?: boolean } = {},
): Promise<LoadedCheckout> {
  const root = resolveCheckout(dir);
  // One-shot (check, graph, list): the run reads the checkout once, so what it has listed, resolved
  // and read is kept for the run, as a watched session keeps it between reported changes (each file
  // and folder is looked at once: no second lstat, listing or stat of it by a later analysis).
  const files = new CheckoutFiles(root, options.oneShot === true);
  // Adapter seam: a checkout of another ecosystem is read by its adapter.
  const adapted = adaptedCheckout(root, files);
  if (adapted) {
    discardWaiting();
    return fromAdapted(root, adapted, files);
  }
  // A split scan's worker, started now so that it is ready when the folders are known.
  const early = options.migrations ? earlyReadAhead(root, files.watched, options.sqlOnWorker === true, options.workers) : null;
  let platform: ParsedPlatform;
  let discovery: Discovery;
  try {
    platform = readPlatformFile(root);
    discovery = discoverFolders(root, platform.info.moduleGlobs);
  } catch (err) {
    early?.close();
    throw err;
  }
  // The module folders' parents listed through `files`: a folder seen there as a folder, not a
  // link, needs no lstat when its migrations are listed (discovery's own listing follows links).
  if (options.migrations && files.watched) for (const parent of parentsOf(discovery.folders)) files.list(parent);
  let remoteSql: RemoteSql | undefined;
  const scanned = await scanModules(root, discovery.folders, {
    early,
    tenantColumn: options.migrations ? platform.info.tenantColumn : undefined,
    dialect: platform.info.dialect,
    onProgress: options.onProgress,
    workers: options.workers,
    files,
    // The roles file does not depend on the modules: parse it while the workers scan them.
    alongside: options.roles ? () => void rolesFromFiles(platform.info, files) : undefined,
    // What the checks after the scan work out per manifest alone, done while the scan waits for reads.
    whileWaiting: (s) => {
      if (!s.manifest.named) return;
      localFindings(s.manifest);
      manifestInputs(s.manifest);
    },
    sqlOnWorker: options.migrations && options.sqlOnWorker ? (remote) => (remoteSql = remote) : undefined,
  });
  const manifests: ParsedManifest[] = [];
  const migrationParts = new Map<string, MigrationPart>();
  for (const s of scanned) {
    if (!s) continue;
    manifests.push(s.manifest);
    if (s.migrations) migrationParts.set(s.migrations.key, s.migrations.part);
  }
  try {
    assertPlatformCheckout(root, platform, manifests.length);
  } catch (err) {
    remoteSql?.close();
    throw err;
  }
  return { root, platform, manifests, discoveryDiagnostics: discoveredFindings(platform, discovery, manifests), exists: makeExists(root), migrationParts, files, remoteSql };
}

/** Checks a loaded checkout for a profile (the platform's default when none is given). */
function checkLoaded(loaded: LoadedCheckout, profile?: string, maxPerRule?: number): CheckResult {
  return checkPlatform({
    checkout: loaded.root,
    profile,
    maxPerRule,
    platform: loaded.platform,
    manifests: loaded.manifests,
    discoveryDiagnostics: loaded.discoveryDiagnostics,
    exists: loaded.exists,
    extra: (registry) => runAnalyses({ root: loaded.root, registry, files: loaded.files ?? new CheckoutFiles(loaded.root), migrationParts: loaded.migrationParts, adapted: loaded.adapted }),
    refine: loaded.adapted?.refine,
  });
}

/** Loads and checks a checkout for a profile (the platform's default when none is given), on this thread. */
export function checkCheckout(dir: string, profile?: string, maxPerRule?: number): CheckResult {
  return checkLoaded(loadCheckout(dir), profile, maxPerRule);
}

/**
 * checkLoaded with the migrations and tables analyses on the scan's worker (sql-side.ts): it is
 * sent the registry's slice as soon as the registry is built, and this thread resolves the profile
 * and runs the other analyses meanwhile. Without an answer (the worker failed), they run here.
 */
async function checkLoadedRemote(loaded: LoadedCheckout, remote: RemoteSql, profile?: string, maxPerRule?: number): Promise<CheckResult> {
  try {
    const files = loaded.files ?? new CheckoutFiles(loaded.root);
    // The worker is asked as soon as the load order is known: the registry's other checks run meanwhile.
    let answer: Promise<Map<string, Diagnostic[]> | null> | undefined;
    const onOrder = (graph: RegistryGraph) => (answer = remote.analyze(graph, checkoutLedger(loaded.root, files)));
    const registry = buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists, onOrder });
    answer ??= remote.analyze(registry, checkoutLedger(loaded.root, files));
    const chosen = chosenProfile(registry, profile);
    const resolution = resolveProfile(registry, chosen);
    const ctx = { root: loaded.root, registry, files, migrationParts: loaded.migrationParts };
    const here = runAnalysesEach(ctx, (id) => (remote.ids.has(id) ? [] : undefined));
    const there = await answer;
    const each = runAnalysesEach(ctx, (id) => (remote.ids.has(id) ? (there?.get(id) ?? undefined) : here.get(id)));
    return assemble(loaded.root, registry, resolution, [...each.values()].flat(), maxPerRule);
  } finally {
    remote.close();
  }
}

/** checkCheckout with the checkout read on every core: the CLI's `check`. */
export async function checkCheckoutAsync(dir: string, profile?: string, maxPerRule?: number, workers?: ScanOptions['workers']): Promise<CheckResult> {
  const loaded = await loadCheckoutAsync(dir, { migrations: true, roles: true, workers, oneShot: true, sqlOnWorker: true });
  return loaded.remoteSql ? checkLoadedRemote(loaded, loaded.remoteSql, profile, maxPerRule) : checkLoaded(loaded, profile, maxPerRule);
}

/**
 * The registry and its profile resolution without the analyses (migrations, roles, notes, declared
 * paths): what `list` and `graph` print (modules, load order, statuses and their reasons, edges)
 * is the same as checkCheckoutAsync's, and no migration, roles file or note is read for it
 * (test/read-scope.test.ts). Its report's diagnostics are the registry's alone: never print them.
 */
export async function resolveCheckoutAsync(dir: string, profile?: string, workers?: ScanOptions['workers']): Promise<CheckResult> {
  const loaded = await loadCheckoutAsync(dir, { workers, oneShot: true });
  return checkPlatform({ checkout: loaded.root, profile, platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists, refine: loaded.adapted?.refine });
}
