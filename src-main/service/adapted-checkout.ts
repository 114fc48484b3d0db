import './libraries';
import path from 'node:path';
import type { Adapter, AdaptedCheckout, ClaimedFilesAdapter } from '../adapters/adapter';
import { ADAPTER_KINDS, adapterByKind, detectAdapter } from '../adapters/registry';
import { PLATFORM_FILE } from '../engine/platform';
import { parseYamlSource } from '../engine/yaml-source';
import { CheckoutError } from '../node/checkout-files';
import { readTextFile } from '../node/text-file';
import type { CheckoutFiles } from './checkout-reader';

/**
 * The I/O side of the adapter layer (src-main/adapters): which adapter reads a checkout (forced by
 * `--kind`, else platform.yaml's `kind:`, else detection), and, for an adapter that claims files,
 * the walk that reads them for its pure extract step.
 */

let forcedKind: string | undefined;

/** `--kind`: every checkout read by this process uses that adapter (the CLI sets it for one command). */
export function setForcedKind(kind: string | undefined): void {
  if (kind !== undefined && !adapterByKind(kind)) throw new CheckoutError(`unknown kind '${kind}' (kinds: ${ADAPTER_KINDS.join(', ')})`);
  forcedKind = kind;
}

function declaredKind(files: CheckoutFiles): string | undefined {
  const read = files.read(PLATFORM_FILE);
  if (!read.ok) return undefined;
  const raw = parseYamlSource(PLATFORM_FILE, read.text).value;
  const kind = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>).kind : undefined;
  return typeof kind === 'string' ? kind : undefined;
}

export function chooseAdapter(files: CheckoutFiles): Adapter {
  const kind = forcedKind ?? declaredKind(files);
  if (kind !== undefined) {
    const adapter = adapterByKind(kind);
    if (!adapter) throw new CheckoutError(`${PLATFORM_FILE}: unknown kind '${kind}' (kinds: ${ADAPTER_KINDS.join(', ')})`);
    return adapter;
  }
  const read = (rel: string): string | null => {
    const r = files.read(rel);
    return r.ok ? r.text : null;
  };
  return detectAdapter({ exists: (rel) => files.exists(rel), list: (rel) => files.list(rel), read });
}

/** Walks the checkout (folders the adapter enters), reads the files it claims, and runs its extract step. */
export function readAdapted(root: string, adapter: ClaimedFilesAdapter, files: CheckoutFiles): AdaptedCheckout {
  const texts = new Map<string, string>();
  const unreadable: { path: string; message: string; line?: number; column?: number }[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    const entries = files.list(dir) ?? [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      const rel = dir === '' ? e.name : `${dir}/${e.name}`;
      if (e.dir) {
        if (adapter.enters(rel, e.name)) stack.push(rel);
        continue;
      }
      if (!adapter.claims(rel)) continue;
      const max = adapter.maxBytes?.(rel);
      const real = max === undefined ? null : files.realPath(rel);
      const read = max === undefined ? files.read(rel) : real?.rel ? readTextFile(real.abs, max) : { ok: false as const, missing: false, message: 'leads out of the checkout through a symlink; not read' };
      if (read.ok) texts.set(rel, read.text);
      else if (!read.missing) unreadable.push({ path: rel, message: read.message, line: read.line, column: read.column });
    }
  }
  return adapter.extract({ checkoutName: path.basename(root), texts, unreadable });
}

/** The checkout as its adapter reads it when that is not the native loader (which stays in load-checkout.ts), else null. */
export function adaptedCheckout(root: string, files: CheckoutFiles): AdaptedCheckout | null {
  const adapter = chooseAdapter(files);
  return adapter.reads === 'claimed-files' ? readAdapted(root, adapter, files) : null;
}

/** What `mwb list` says read the checkout. */
export function adapterLabel(kind: string | undefined): string {
  return (adapterByKind(kind ?? 'native') ?? adapterByKind('native'))?.label ?? 'native';
}

/** A file's text at a revision, or why it cannot be read (changes.ts reads the base from git). */
export type RevisionText = { ok: true; text: string } | { ok: false; message: string; line?: number; column?: number };

/**
 * The checkout at another revision (the pull-request base), read by the adapter that read the
 * working tree: the files it claims among `paths` (the base's tree), read through `text`.
 */
export async function adaptedAtRevision(kind: string, root: string, paths: readonly string[], text: (rel: string) => Promise<RevisionText | undefined>): Promise<AdaptedCheckout> {
  const adapter = adapterByKind(kind);
  if (!adapter || adapter.reads !== 'claimed-files') throw new CheckoutError(`unknown kind '${kind}'`);
  const texts = new Map<string, string>();
  const unreadable: { path: string; message: string; line?: number; column?: number }[] = [];
  const entered = (rel: string): boolean => {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) if (!adapter.enters(parts.slice(0, i).join('/'), parts[i - 1])) return false;
    return true;
  };
  for (const rel of paths) {
    if (!adapter.claims(rel) || !entered(rel)) continue;
    const read = await text(rel);
    if (read === undefined) continue;
    if (read.ok) texts.set(rel, read.text);
    else unreadable.push({ path: rel, message: `${read.message} (at the base)`, line: read.line, column: read.column });
  }
  return adapter.extract({ checkoutName: path.basename(root), texts, unreadable });
}

/** An adapter's role grants as the pull-request rules read them (breaking-removal); a role that grants everything (is_admin) is no grant of one permission. */
export function adaptedRoleGrants(adapted: AdaptedCheckout): { role: string; grant: string; file: string; line: number; column: number }[] {
  const roles = adapted.roles;
  if (!roles) return [];
  return roles.roles.flatMap((r) => r.grants.filter((g) => g.index >= 0).map((g) => ({ role: r.name, grant: g.id, file: g.file ?? roles.file, line: g.line, column: g.column })));
}
