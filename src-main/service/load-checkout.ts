import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import { checkPlatform, type CheckResult } from '../engine/check';
import { parseManifest, type ManifestSource, type ParsedManifest } from '../engine/manifest';
import { parsePlatform, PLATFORM_FILE, type ParsedPlatform } from '../engine/platform';
import { makeExists, resolveCheckout } from '../node/checkout-files';
import { discoverFolders, type DiscoveryProblem } from '../node/discover';
import { readTextFile } from '../node/text-file';
import { CheckoutFiles, runAnalyses } from './analyses';

export const MANIFEST_FILE = 'module.yaml';

export interface LoadedCheckout {
  root: string;
  platform: ParsedPlatform;
  manifests: ParsedManifest[];
  discoveryDiagnostics: Diagnostic[];
  exists(rel: string): boolean;
}

export function readManifestSource(root: string, dir: string): ManifestSource | null {
  const file = `${dir}/${MANIFEST_FILE}`;
  const read = readTextFile(path.join(root, file));
  if (read.ok) return { dir, file, text: read.text };
  if (read.missing) return null;
  return { dir, file, unreadable: { message: `${file} ${read.message}`, line: read.line, column: read.column } };
}

/** platform.yaml of a checkout, parsed (the defaults when there is none). */
export function readPlatformFile(root: string): ParsedPlatform {
  const read = readTextFile(path.join(root, PLATFORM_FILE));
  if (read.ok) return parsePlatform(read.text, path.basename(root));
  return parsePlatform(undefined, path.basename(root), read.missing ? undefined : `${PLATFORM_FILE} ${read.message}`);
}

/** Folders discovery could not read (loops, permissions) as findings. */
export function discoveryFindings(problems: readonly DiscoveryProblem[]): Diagnostic[] {
  return problems.map((p) => ({ rule: 'manifest-unreadable', severity: 'error', message: p.path === 'platform.yaml' ? p.message : `${p.path} ${p.message}`, file: p.path, line: 1, column: 1 }));
}

/** Reads a checkout from disk into the engine's inputs: platform.yaml, then every discovered manifest. */
export function loadCheckout(dir: string): LoadedCheckout {
  const root = resolveCheckout(dir);
  const platform = readPlatformFile(root);
  const discovery = discoverFolders(root, platform.info.moduleGlobs);
  const discoveryDiagnostics = discoveryFindings(discovery.problems);
  const manifests: ParsedManifest[] = [];
  for (const folder of discovery.folders) {
    const source = readManifestSource(root, folder);
    if (source) manifests.push(parseManifest(source));
  }
  return { root, platform, manifests, discoveryDiagnostics, exists: makeExists(root) };
}

/** Loads and checks a checkout for a profile (the platform's default when none is given). */
export function checkCheckout(dir: string, profile?: string, maxPerRule?: number): CheckResult {
  const loaded = loadCheckout(dir);
  return checkPlatform({
    checkout: loaded.root,
    profile,
    maxPerRule,
    platform: loaded.platform,
    manifests: loaded.manifests,
    discoveryDiagnostics: loaded.discoveryDiagnostics,
    exists: loaded.exists,
    extra: (registry) => runAnalyses({ root: loaded.root, registry, files: new CheckoutFiles(loaded.root) }),
  });
}
