import type { Diagnostic } from '../../common/diagnostic';
import type { ModuleManifest } from '../../common/model';
import type { ParsedManifest } from '../../engine/manifest';
import type { Locator, YamlPath } from '../../engine/yaml-source';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Native manifest paths the engine asks about, as paths into a Drupal info file. */
function infoPath(path: YamlPath): YamlPath {
  const [head, ...rest] = path;
  if (head === 'dependencies' && typeof rest[0] === 'number') return ['dependencies', rest[0]];
  if (head === 'min_core_version') return ['core_version_requirement'];
  if (head === 'tier') return ['required'];
  if (head === 'name' || head === 'version' || head === 'description') return [head];
  return [];
}

/** The info file's locator, answering the engine's questions (dependencies[i], min_core_version, ...) at the real lines. */
export function infoLocator(info: Locator): Locator {
  return { at: (path, part) => info.at(infoPath(path), part), item: (path) => info.at(infoPath(path)) };
}

/** A module as the engine reads it, built from a Drupal info file. */
export function drupalManifest(input: { dir: string; file: string; name: string; manifest: ModuleManifest; locator: Locator; depIndex: number[]; diagnostics: Diagnostic[] }): ParsedManifest {
  const folder = input.dir.slice(input.dir.lastIndexOf('/') + 1);
  return {
    dir: input.dir,
    file: input.file,
    folder,
    name: input.name,
    named: true,
    invalid: input.diagnostics.some((d) => d.severity === 'error'),
    manifest: input.manifest,
    at: { dependencies: input.manifest.dependencies.map((d, i) => ({ ...d, index: input.depIndex[i] })), optional_dependencies: [], requires: [], provides: [] },
    rawIndex: { permissions: input.manifest.permissions.map((_, i) => i), routes: input.manifest.routes.map((_, i) => i), tasks: [], schedules: [], error_codes: [] },
    diagnostics: input.diagnostics,
    locator: input.locator,
  };
}
