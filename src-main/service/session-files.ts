import path from 'node:path';
import type { ParsedManifest } from '../engine/manifest';
import { sha256 } from '../node/atomic-write';
import { resolveCheckoutPath } from '../node/checkout-path';
import { readRegularFile } from '../node/text-file';

/** Files the UI may open for editing are text files up to this size. */
export const MAX_EDIT_BYTES = 4 * 1024 * 1024;
/** A save compares the disk with the version the editor read; a file larger than this on disk is not overwritten. */
export const MAX_SAVE_CHECK_BYTES = 256 * 1024 * 1024;

/** The version (sha256) of a checkout file as the editor would read it; null when it cannot be read (gone, not a regular file, out of the checkout). */
export function diskVersion(root: string, rel: string): string | null {
  const resolved = resolveCheckoutPath(root, rel);
  if (!resolved.ok) return null;
  const read = readRegularFile(resolved.real, MAX_SAVE_CHECK_BYTES);
  return read.ok ? sha256(read.bytes) : null;
}

/** Whether a non-manifest file feeds the registry: the message catalogs modules declare. */
export function isRegistryInput(rel: string, manifests: readonly ParsedManifest[]): boolean {
  return manifests.some((m) => rel.startsWith(`${m.dir}/`) && m.manifest.message_catalogs.some((c) => path.posix.normalize(`${m.dir}/${c}`) === rel));
}
