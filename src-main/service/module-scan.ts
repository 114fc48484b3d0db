import './libraries';
import type { SqlDialect } from '../common/contract-migrations';
import { parseManifest, type ManifestSource, type ParsedManifest } from '../engine/manifest';
import { isLazyLocator, lazyLocator, ZERO_LOCATOR } from '../engine/yaml-source';
import type { CheckoutFiles } from './checkout-reader';
import { scanSource } from './manifest-source';
import { migrationPartKey, moduleMigrationsOf, scanModuleMigrations, type MigrationPart, type ModuleMigrations } from './migration-scan';

/**
 * The work of one module folder when a checkout is read: its manifest read and parsed and, when
 * asked, its migrations read and classified. The same function runs on the main thread and in the
 * scan workers (scan-worker.ts), so both give the same results.
 *
 * A scanned manifest keeps its text rather than its YAML document (a fraction of the memory for a
 * large checkout): its locator parses the text again when a finding first asks for a position.
 * Nothing asks before then (the positions of permissions and routes are looked up when read,
 * engine/permissions/declarations.ts), so a clean manifest read by the fast YAML path is parsed once.
 */
export interface ScannedModule {
  manifest: ParsedManifest;
  /** One module's migration reading, under the key readMigrationSet looks it up by. */
  migrations?: { key: string; part: MigrationPart };
}

/** What a worker sends back: the manifest without its locator (functions do not cross threads) and its text. */
export interface WireModule {
  manifest: Omit<ParsedManifest, 'locator'>;
  text?: string;
  migrations?: { key: string; part: MigrationPart };
}

export interface ScanSettings {
  /** platform.yaml's tenant column: set to read each module's migrations too. */
  tenantColumn?: string;
  /** platform.yaml's database.dialect (the dialect of migrations without a `-- dialect:` header). */
  dialect?: SqlDialect;
}

/** A module's migrations still to be read (by the migrations worker of a split scan, scan-split.ts). */
export interface PendingMigrations {
  key: string;
  mod: ModuleMigrations;
  moduleDir: string;
}

/** The manifest of one module folder read and parsed, and which migrations it names (not read yet). */
function scanManifest(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles, read?: ManifestSource | null): { scanned: ScannedModule; text?: string; pending?: PendingMigrations } | null {
  const source = read === undefined ? scanSource(root, folder, settings, files) : read;
  if (!source) return null;
  const manifest = parseManifest(source);
  // A document the `yaml` package read is not kept: a lazy locator over the text instead (the fast path's is one already).
  if (source.text !== undefined && !isLazyLocator(manifest.locator)) manifest.locator = lazyLocator(manifest.file, source.text);
  const scanned: ScannedModule = { manifest };
  if (settings.tenantColumn !== undefined && manifest.named) {
    const mod = moduleMigrationsOf(manifest);
    if (mod) return { scanned, text: source.text, pending: { key: migrationPartKey(mod, manifest.dir, settings.tenantColumn, settings.dialect), mod, moduleDir: manifest.dir } };
  }
  return { scanned, text: source.text };
}

function scan(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles): { scanned: ScannedModule; text?: string } | null {
  const r = scanManifest(root, folder, settings, files);
  if (r?.pending && settings.tenantColumn !== undefined) r.scanned.migrations = { key: r.pending.key, part: scanModuleMigrations(files, r.pending.mod, r.pending.moduleDir, settings.tenantColumn, settings.dialect) };
  return r;
}

/**
 * Parses one module folder's manifest on this thread (read here, or `source`: read by another
 * thread, scanSource's answer), leaving its migrations (`pending`) to the caller.
 */
export function scanModuleManifest(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles, source?: ManifestSource | null): { scanned: ScannedModule; pending?: PendingMigrations } | null {
  const r = scanManifest(root, folder, settings, files, source);
  return r && { scanned: r.scanned, pending: r.pending };
}

/** Scans one module folder on this thread; null when it holds no manifest. */
export function scanModule(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles): ScannedModule | null {
  return scan(root, folder, settings, files)?.scanned ?? null;
}

/** Scans one module folder for another thread. */
export function scanModuleForWire(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles): WireModule | null {
  const r = scan(root, folder, settings, files);
  if (!r) return null;
  const { locator: _locator, ...manifest } = r.scanned.manifest;
  return { manifest, text: r.text, migrations: r.scanned.migrations };
}

/** A worker's result on this thread. */
export function fromWire(w: WireModule): ScannedModule {
  const locator = w.text !== undefined ? lazyLocator(w.manifest.file, w.text) : ZERO_LOCATOR;
  return { manifest: { ...w.manifest, locator }, migrations: w.migrations };
}
