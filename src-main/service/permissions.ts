import fs from 'node:fs';
import path from 'node:path';
import type { CodegenLanguage, PermissionCatalog, ReconcileApplyResult, ReconcilePreview } from '../common/contract-permissions';
import { buildCatalog } from '../engine/permissions/catalog';
import { generatePermissionConstants, type CodegenOutput } from '../engine/permissions/codegen';
import { diffLines } from '../engine/permissions/line-diff';
import { reconcileRoles } from '../engine/permissions/reconcile';
import { parseRoles, type ParsedRoles } from '../engine/permissions/roles-file';
import { PLATFORM_FILE } from '../engine/platform';
import { buildRegistry, type Registry } from '../engine/registry';
import { readCheckoutText, resolveCheckoutPath } from '../node/checkout-path';
import { sha256, writeFileAtomic } from '../node/atomic-write';
import { decodeUtf8, MAX_TEXT_FILE_BYTES, readRegularFile, type BytesRead, type TextRead, yamlTooLarge } from '../node/text-file';
import type { AdaptedCheckout } from '../adapters/adapter';
import { adaptedReconcileApply, adaptedReconcilePreview } from './adapted-reconcile';
import { loadCheckout } from './load-checkout';
import { rolesFromRead, rolesOutside, rolesPath } from './permissions-analysis';

/**
 * The permission reconciler over a checkout: the catalog, reconcile and codegen that the CLI and
 * the Permissions view share (the rules themselves are permissions-analysis.ts). Reconcile
 * writes only the roles file, atomically, and only what its preview showed.
 */

const UTF8_BOM = '\uFEFF';

/** The registry and the roles file as they are on disk now: what catalog, reconcile and codegen work on. */
export interface PermissionContext {
  root: string;
  registry: Registry;
  roles: ParsedRoles;
  /** The roles file text (without a byte-order mark); undefined when it does not exist or cannot be read. */
  text: string | undefined;
  /** sha256 of the roles file's bytes; null when it does not exist. */
  version: string | null;
  bom: boolean;
  /** Set when an adapter read the checkout: its roles are many files (adapted-reconcile.ts). */
  adapted?: AdaptedCheckout;
  /** Set when an adapter that reads no roles read the checkout (its roles live outside it). */
  rolesOutside?: string;
}

interface DiskState {
  text: string | undefined;
  version: string | null;
  bom: boolean;
  roles: ParsedRoles;
}

/** Roles the caller already parsed from this text (the session's analysis did, during its check), if any. */
export type KnownRoles = (rel: string, text: string) => ParsedRoles | undefined;

function readRolesFromDisk(root: string, registry: Registry, known?: KnownRoles): DiskState {
  const rel = rolesPath(registry);
  if (rel === null) {
    const platform = readCheckoutText(root, PLATFORM_FILE);
    return { text: undefined, version: null, bom: false, roles: rolesOutside(registry, platform.ok ? platform.text : undefined) };
  }
  // The path rule and the regular-file rule (node/checkout-path.ts, node/text-file.ts): one read of the bytes.
  const target = resolveCheckoutPath(root, rel);
  const bytes: BytesRead = target.ok ? readRegularFile(target.real, MAX_TEXT_FILE_BYTES, yamlTooLarge()) : { ok: false, missing: false, message: 'leads out of the checkout through a symlink; not read' };
  const read: TextRead = bytes.ok ? decodeUtf8(bytes.bytes) : bytes;
  const version = bytes.ok ? sha256(bytes.bytes) : null;
  const bom = bytes.ok && bytes.bytes.length >= 3 && bytes.bytes[0] === 0xef && bytes.bytes[1] === 0xbb && bytes.bytes[2] === 0xbf;
  return { text: read.ok ? read.text : undefined, version, bom, roles: read.ok && version !== null ? parsedRolesOf(root, rel, version, read, known) : rolesFromRead(rel, read) };
}

/**
 * The last parse of each checkout's roles file, by the sha256 of its bytes: the Permissions view
 * asks for the catalog and the preview together, and again on every visit, while the file rarely
 * changes (a large platform's roles file takes a second to parse with positions).
 */
const lastRolesParse = new Map<string, { version: string; roles: ParsedRoles }>();

function parsedRolesOf(root: string, rel: string, version: string, read: TextRead, known?: KnownRoles): ParsedRoles {
  const key = `${root}\0${rel}`;
  const hit = lastRolesParse.get(key);
  if (hit && hit.version === version) return hit.roles;
  const roles = (read.ok ? known?.(rel, read.text) : undefined) ?? rolesFromRead(rel, read);
  lastRolesParse.set(key, { version, roles });
  return roles;
}

/** The catalog of a registry and a parsed roles file, built once for the pair (both are immutable). */
const catalogs = new WeakMap<Registry, WeakMap<ParsedRoles, { root: string; catalog: PermissionCatalog }>>();

/** For a checkout's session: its registry, the roles file read fresh from disk. */
export function permissionContext(root: string, registry: Registry, adapted?: AdaptedCheckout, known?: KnownRoles): PermissionContext {
  if (adapted?.roles) return { root, registry, text: undefined, version: null, bom: false, roles: adapted.roles, adapted };
  const fromDisk = readRolesFromDisk(root, registry, known);
  return { root, registry, ...fromDisk, ...(adapted ? { rolesOutside: adapted.kind } : {}) };
}

/** For the CLI: reads the checkout and builds its registry. */
export function loadPermissionContext(dir: string): PermissionContext {
  const loaded = loadCheckout(dir);
  const registry = buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists });
  // An adapter's roles (Drupal's user.role.*.yml) are many files, not one roles file to rewrite.
  return permissionContext(loaded.root, registry, loaded.adapted);
}

export function permissionCatalog(ctx: PermissionContext): PermissionCatalog {
  let byRoles = catalogs.get(ctx.registry);
  if (!byRoles) catalogs.set(ctx.registry, (byRoles = new WeakMap()));
  const hit = byRoles.get(ctx.roles);
  if (hit && hit.root === ctx.root) return hit.catalog;
  const built = buildCatalog(ctx.root, ctx.registry, ctx.roles);
  // An adapter that reads no roles (and no roles file in the checkout): the roles live elsewhere.
  const elsewhere = ctx.rolesOutside !== undefined && built.roles.length === 0 && built.diagnostics.length === 0;
  const catalog = elsewhere ? { ...built, rolesElsewhere: `this ${ctx.rolesOutside} platform keeps its roles outside the checkout (in its database), so who holds each permission is not known here` } : built;
  byRoles.set(ctx.roles, { root: ctx.root, catalog });
  return catalog;
}

/** What reconcile would do: the plan, and the roles file diff it would write. Writes nothing. */
export function reconcilePreview(ctx: PermissionContext, removeStale: boolean): ReconcilePreview {
  if (ctx.adapted) return adaptedReconcilePreview(ctx.root, ctx.registry, ctx.adapted, removeStale);
  const result = reconcileRoles(ctx.registry, ctx.roles, ctx.text, removeStale);
  return {
    rolesFile: ctx.roles.file,
    plan: result.plan,
    removeStale,
    created: result.created,
    diff: result.next === null ? [] : diffLines(ctx.text ?? '', result.next),
    baseVersion: ctx.version,
    canApply: ctx.roles.usable && result.problem === null,
    problem: result.problem,
    diagnostics: result.diagnostics,
  };
}

/**
 * Writes the reconciled roles file: additions (creating missing roles), and stale grants removed
 * when asked. With `baseVersion` (the version the user previewed; null for "no file yet"), nothing
 * is written if the file changed since. The write is atomic and re-checked before it happens.
 */
export function applyReconcile(ctx: PermissionContext, removeStale: boolean, baseVersion?: string | null): ReconcileApplyResult {
  if (baseVersion !== undefined && baseVersion !== ctx.version) {
    return { status: 'conflict', message: `${ctx.roles.file} changed on disk since the preview; look at the new preview before applying` };
  }
  if (ctx.adapted) return adaptedReconcileApply(ctx.root, ctx.registry, ctx.adapted, removeStale, baseVersion);
  const result = reconcileRoles(ctx.registry, ctx.roles, ctx.text, removeStale);
  if (!ctx.roles.usable || result.problem !== null) {
    return { status: 'refused', message: result.problem ?? `${ctx.roles.file} cannot be written`, diagnostics: result.diagnostics };
  }
  if (result.next === null) return { status: 'unchanged', plan: result.plan };
  const rel = ctx.roles.file;
  const target = writableTarget(ctx.root, rel);
  if (target === null) {
    const message = `${rel} resolves outside the checkout (a symlink); it is not written`;
    return { status: 'refused', message, diagnostics: [{ rule: 'roles-not-editable', severity: 'error', message, file: rel }] };
  }
  // Between reading and writing, someone may have saved the file: never overwrite that.
  const now = readRolesFromDisk(ctx.root, ctx.registry);
  if (now.version !== ctx.version) return { status: 'conflict', message: `${rel} changed on disk while reconciling; nothing was written` };
  const bytes = (ctx.bom ? UTF8_BOM : '') + result.next;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomic(target, bytes);
  const after = reconcileRoles(ctx.registry, parseRoles(rel, result.next), result.next, removeStale);
  return { status: 'applied', version: sha256(Buffer.from(bytes, 'utf8')), written: rel, plan: after.plan };
}

/** The file to write under the path rule (node/checkout-path.ts): through a symlink only if it stays inside; else null. */
function writableTarget(root: string, rel: string): string | null {
  const resolved = resolveCheckoutPath(root, rel);
  return resolved.ok ? resolved.real : null;
}

export function permissionConstants(ctx: PermissionContext, lang: CodegenLanguage, goPackage?: string): CodegenOutput {
  const catalog = permissionCatalog(ctx);
  return generatePermissionConstants(lang, ctx.registry.platform.name, catalog.permissions, goPackage);
}

