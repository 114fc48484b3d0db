import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import type { PlatformInfo } from '../common/model';
import { permissionFindings } from '../engine/permissions/permission-rules';
import { parseRoles, type ParsedRoles } from '../engine/permissions/roles-file';
import { PLATFORM_FILE } from '../engine/platform';
import { staysInside, type Registry } from '../engine/registry';
import { parseYamlSource } from '../engine/yaml-source';
import type { TextRead } from '../node/text-file';
import type { Analysis } from './analysis';
import type { CheckoutFiles } from './checkout-reader';

/**
 * The permission rules as an analysis (service/analyses.ts): `check`, the session and the
 * editor's lint run them over the registry and the roles file. Kept apart from the reconciler's
 * commands so that the analyses list does not import the checkout loader (an import cycle).
 */

/** The roles file path as platform.yaml names it, normalized; null when it leaves the checkout. */
export function rolesPath(registry: Registry): string | null {
  return rolesPathOf(registry.platform);
}

function rolesPathOf(platform: PlatformInfo): string | null {
  const rel = platform.rolesFile;
  return staysInside(rel) ? path.posix.normalize(rel.replace(/\\/g, '/')) : null;
}

/** A roles path that leaves the checkout is a platform.yaml problem, at its `roles:` line. */
export function rolesOutside(registry: Registry, platformText: string | undefined): ParsedRoles {
  return rolesOutsideOf(registry.platform, platformText);
}

function rolesOutsideOf(platform: PlatformInfo, platformText: string | undefined): ParsedRoles {
  const rel = platform.rolesFile;
  const at = platformText === undefined ? { line: 1, column: 1 } : parseYamlSource(PLATFORM_FILE, platformText).locator.at(['roles']);
  const d: Diagnostic = { rule: 'platform-invalid', severity: 'error', message: `roles: '${rel}' leaves the checkout; the roles file must be inside it`, file: PLATFORM_FILE, line: at.line, column: at.column };
  return { file: rel, present: false, roles: [], diagnostics: [d], usable: false };
}

export function rolesFromRead(rel: string, read: TextRead): ParsedRoles {
  if (read.ok) return parseRoles(rel, read.text);
  if (read.missing) return parseRoles(rel, undefined);
  return parseRoles(rel, undefined, { message: read.message, line: read.line, column: read.column });
}

const parsedByRead = new WeakMap<TextRead, ParsedRoles>();

/**
 * The roles file through the analyses' cached reads: parsed again only when it changed. Reading it
 * ahead (a loader does, while worker threads scan the modules) makes the analysis' read a cache hit.
 */
export function rolesFromFiles(platform: PlatformInfo, files: CheckoutFiles): ParsedRoles {
  const rel = rolesPathOf(platform);
  if (rel === null) {
    const platformFile = files.read(PLATFORM_FILE);
    return rolesOutsideOf(platform, platformFile.ok ? platformFile.text : undefined);
  }
  const read = files.read(rel);
  const hit = parsedByRead.get(read);
  if (hit && hit.file === rel) return hit;
  const parsed = rolesFromRead(rel, read);
  parsedByRead.set(read, parsed);
  return parsed;
}

/** Every permission rule of SPEC §3; re-run when the roles file changes (manifests always re-run everything). */
export const permissionsAnalysis: Analysis = {
  id: 'permissions',
  run: (ctx) => permissionFindings(ctx.registry, ctx.adapted?.roles ?? rolesFromFiles(ctx.registry.platform, ctx.files)),
  affectedBy: (rel, registry) => rel === rolesPath(registry),
};
