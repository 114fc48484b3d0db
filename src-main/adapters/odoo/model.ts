import type { Diagnostic } from '../../common/diagnostic';
import type { ModuleManifest } from '../../common/model';
import type { ParsedManifest } from '../../engine/manifest';
import type { Locator, Position, YamlPath } from '../../engine/yaml-source';
import type { AddonManifest, Located } from './manifest-file';

/**
 * A module as the engine reads it, built from an addon's manifest: the engine's questions about a
 * native manifest path (dependencies[i], capabilities.requires[i], min_core_version, ...) answered
 * at the real line and column of the Python source.
 */
export function addonManifest(input: { addon: AddonManifest; manifest: ModuleManifest; dependencyAt: Located[]; requiresAt: Located[]; diagnostics: Diagnostic[] }): ParsedManifest {
  const { addon, manifest } = input;
  const top: Position = addon.at.get('name') ?? addon.at.values().next().value ?? { line: 1, column: 1 };
  const position = (path: YamlPath): Position => {
    const [head, a, b] = path;
    if (head === 'dependencies' && typeof a === 'number') return input.dependencyAt[a] ?? addon.at.get('depends') ?? top;
    if (head === 'capabilities' && a === 'requires' && typeof b === 'number') return input.requiresAt[b] ?? addon.at.get('external_dependencies') ?? top;
    if (head === 'min_core_version' || head === 'version') return addon.at.get('version') ?? top;
    if (head === 'description') return addon.at.get('summary') ?? top;
    return top;
  };
  const locator: Locator = { at: (path) => ({ ...position(path) }), item: (path) => ({ ...position(path) }) };
  return {
    dir: addon.dir,
    file: addon.file,
    folder: addon.name,
    name: addon.name,
    named: true,
    invalid: input.diagnostics.some((d) => d.severity === 'error'),
    manifest,
    at: {
      dependencies: manifest.dependencies.map((d, index) => ({ ...d, index })),
      optional_dependencies: [],
      requires: manifest.requires.map((c, index) => ({ ...c, index })),
      provides: [],
    },
    rawIndex: { permissions: manifest.permissions.map((_, i) => i), routes: [], tasks: [], schedules: [], error_codes: [] },
    diagnostics: input.diagnostics,
    locator,
  };
}
