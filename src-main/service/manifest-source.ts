import type { ManifestSource } from '../engine/manifest';
import { readCheckoutText } from '../node/checkout-path';
import { readUnlinkedText, type TextRead } from '../node/text-file';
import type { CheckoutFiles } from './checkout-reader';

export const MANIFEST_FILE = 'module.yaml';

function sourceOf(dir: string, file: string, read: TextRead): ManifestSource | null {
  if (read.ok) return { dir, file, text: read.text };
  if (read.missing) return null;
  return { dir, file, unreadable: { message: `${file} ${read.message}`, line: read.line, column: read.column } };
}

/** A module folder's manifest as the engine takes it: its text, or why it could not be read; null when there is none. */
export function readManifestSource(root: string, dir: string): ManifestSource | null {
  const file = `${dir}/${MANIFEST_FILE}`;
  return sourceOf(dir, file, readCheckoutText(root, file));
}

/**
 * readManifestSource for a scan that lists the module folder anyway (check's: its migrations
 * folder and sources are found in that listing, and the tables analysis lists it again from the
 * cache): a manifest the listing saw as a regular file, not a link, is opened without a stat of its
 * own (O_NOFOLLOW); no manifest in the listing is none; anything else (a link, a folder, a FIFO, a
 * link swapped in since) takes readManifestSource's way, so the result is the same, message for message.
 */
export function readListedManifestSource(files: CheckoutFiles, dir: string): ManifestSource | null {
  const entries = files.list(dir);
  const entry = entries?.find((e) => e.name === MANIFEST_FILE);
  if (entries && !entry) return null;
  const file = `${dir}/${MANIFEST_FILE}`;
  const abs = entry?.file ? files.absolute(file) : null;
  if (abs !== null) {
    const read = readUnlinkedText(abs, 'listed-file');
    if (read !== 'linked') return sourceOf(dir, file, read);
  }
  return readManifestSource(files.root, dir);
}

/**
 * A module folder's manifest source as the scan reads it. With its migrations, by a reader that
 * keeps its listings (check), the module folder is listed first: the manifest, the migrations
 * folder and the sources are then known from that listing, with no stat of their own (the tables
 * analysis takes the same listing from the cache).
 */
export function scanSource(root: string, folder: string, settings: { tenantColumn?: string }, files: CheckoutFiles): ManifestSource | null {
  return settings.tenantColumn !== undefined && files.watched ? readListedManifestSource(files, folder) : readManifestSource(root, folder);
}
