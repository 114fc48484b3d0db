import type { ManifestSource } from '../engine/manifest';
import { readCheckoutText } from '../node/checkout-path';

export const MANIFEST_FILE = 'module.yaml';

/** A module folder's manifest as the engine takes it: its text, or why it could not be read; null when there is none. */
export function readManifestSource(root: string, dir: string): ManifestSource | null {
  const file = `${dir}/${MANIFEST_FILE}`;
  const read = readCheckoutText(root, file);
  if (read.ok) return { dir, file, text: read.text };
  if (read.missing) return null;
  return { dir, file, unreadable: { message: `${file} ${read.message}`, line: read.line, column: read.column } };
}
