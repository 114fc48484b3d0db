import type { ParsedManifest } from '../../engine/manifest';
import type { Locator, YamlPath } from '../../engine/yaml-source';
import type { AppRead, Pos } from './app-module';

/**
 * The engine asks a manifest's locator for positions by native path (`dependencies[2]`,
 * `capabilities.requires[0]`, `min_core_version`); an app answers with the module.py position it
 * recorded, else the nearest recorded parent (the argument), else the `AppModule(` call.
 */
export function appLocator(app: Pick<AppRead, 'positions' | 'callAt'>): Locator {
  const find = (path: YamlPath): Pos => {
    for (let n = path.length; n > 0; n--) {
      const hit = app.positions.get(path.slice(0, n).join('/'));
      if (hit) return hit;
    }
    return app.callAt;
  };
  return {
    at: (path) => find(path),
    item: (path, value) => app.positions.get(`${path.join('/')}=${String(value)}`) ?? find(path),
  };
}

/** An app as the engine reads a module. */
export function appManifest(app: AppRead, named: boolean): ParsedManifest {
  const m = app.manifest;
  const folder = app.dir.slice(app.dir.lastIndexOf('/') + 1);
  return {
    dir: app.dir,
    file: app.file,
    folder,
    name: app.label,
    named,
    invalid: app.diagnostics.some((d) => d.severity === 'error'),
    manifest: m,
    at: {
      dependencies: m.dependencies.map((d, index) => ({ ...d, index })),
      optional_dependencies: [],
      requires: m.requires.map((c, index) => ({ ...c, index })),
      provides: m.provides.map((c, index) => ({ ...c, index })),
    },
    rawIndex: {
      permissions: m.permissions.map((_, i) => i),
      routes: m.routes.map((_, i) => i),
      tasks: m.tasks.map((_, i) => i),
      schedules: m.schedules.map((_, i) => i),
      error_codes: m.error_codes.map((_, i) => i),
    },
    diagnostics: app.diagnostics,
    locator: appLocator(app),
  };
}
