// A generated Drupal site for `npm run bench` (scenario drupal-check): core/lib/Drupal.php, N modules
// split into core (required and optional), contrib (versions from composer.lock) and custom, each with
// an info file (dependencies on earlier modules, with constraints), permissions (some restrict access,
// some permission_callbacks), routes (_permission with + and ,, _access, _entity_access), update
// hooks, and config/sync roles granting a sample of the permissions. Deterministic for a given size.

import path from 'node:path';
import { rng, upToDate, write } from './generated-tree.mjs';

export const DRUPAL_GENERATOR_VERSION = 1;
const MARKER = '.bench-drupal-site.json';


/** Generates the site into `dir` unless it is already there for this size and generator version. */
export function ensureDrupalSite(dir, n, { fresh = false } = {}) {
  const want = JSON.stringify({ version: DRUPAL_GENERATOR_VERSION, n });
  if (upToDate(dir, MARKER, want, fresh)) return dir;
  const random = rng(n);
  write(dir, 'core/lib/Drupal.php', "<?php\n\nclass Drupal {\n\n  const VERSION = '10.3.14';\n\n}\n");
  write(dir, 'sites/default/settings.php', "<?php\n$settings['config_sync_directory'] = 'config/sync';\n");
  const modules = [];
  const locked = [];
  for (let i = 0; i < n; i++) {
    const kind = i < Math.round(n * 0.4) ? 'core' : i < Math.round(n * 0.7) ? 'contrib' : 'custom';
    const name = `${kind}_m${String(i).padStart(4, '0')}`;
    const dirRel = kind === 'core' ? `core/modules/${name}` : kind === 'contrib' ? `modules/contrib/${name}` : `modules/custom/${name}`;
    modules.push({ name, kind, dir: dirRel, required: kind === 'core' && i < 8 });
  }
  const permissions = [];
  modules.forEach((m, i) => {
    // Dependencies only on earlier modules of a tier it may depend on: no cycles, no tier violations.
    const deps = new Set();
    const count = i === 0 ? 0 : 1 + Math.floor(random() * 4);
    for (let k = 0; k < count; k++) {
      const t = modules[Math.floor(random() * i)];
      if (m.required && !t.required) continue;
      deps.add(t);
    }
    const depLines = [...deps].map((t) => `  - ${t.kind === 'contrib' ? t.name : 'drupal'}:${t.name}${t.kind === 'contrib' && random() < 0.3 ? ' (>=8.x-1.0)' : ''}`);
    const version = m.kind === 'core' ? 'VERSION' : m.kind === 'contrib' ? "'8.x-1.3'" : undefined;
    write(
      dir,
      `${m.dir}/${m.name}.info.yml`,
      [`name: ${m.name.replace(/_/g, ' ')}`, 'type: module', `description: 'Generated module ${i}.'`, `package: ${m.kind}`, m.required ? 'required: true' : null, version ? `version: ${version}` : null, "core_version_requirement: '^10.3 || ^11'", depLines.length ? 'dependencies:' : null, ...depLines, '']
        .filter((l) => l !== null)
        .join('\n'),
    );
    if (m.kind === 'contrib') locked.push({ name: `drupal/${m.name}`, version: `1.${i % 10}.0`, type: 'drupal-module' });
    const own = [];
    const lines = [];
    for (let p = 0; p < 6; p++) {
      const id = `${['administer', 'view', 'edit', 'delete', 'create', 'access'][p]} ${m.name.replace(/_/g, ' ')} items`;
      own.push(id);
      permissions.push(id);
      lines.push(`${id}:`, `  title: '${id}'`, ...(p === 0 ? ['  restrict access: true'] : []));
    }
    if (i % 25 === 0) lines.push('permission_callbacks:', `  - \\Drupal\\${m.name}\\Permissions::dynamic`);
    write(dir, `${m.dir}/${m.name}.permissions.yml`, lines.join('\n') + '\n');
    const routes = [];
    for (let r = 0; r < 5; r++) {
      const req = r === 0 ? `_permission: '${own[0]}'` : r === 1 ? `_permission: '${own[1]}+${own[0]}'` : r === 2 ? `_permission: '${own[2]},${own[1]}'` : r === 3 ? "_access: 'TRUE'" : "_entity_access: 'node.view'";
      routes.push(`${m.name}.route_${r}:`, `  path: '/${m.name}/r${r}'`, '  defaults:', `    _controller: '\\Drupal\\${m.name}\\Controller::r${r}'`, '  requirements:', `    ${req}`, '');
    }
    write(dir, `${m.dir}/${m.name}.routing.yml`, routes.join('\n'));
    if (i % 5 === 0) write(dir, `${m.dir}/${m.name}.install`, `<?php\n\n/**\n * Update ${i}.\n */\nfunction ${m.name}_update_10001() {\n}\n\n/**\n * Update ${i} again.\n */\nfunction ${m.name}_update_10002() {\n}\n`);
  });
  write(dir, 'composer.json', JSON.stringify({ name: 'bench/site', require: Object.fromEntries(locked.map((p) => [p.name, '^1.0'])) }, null, 2) + '\n');
  write(dir, 'composer.lock', JSON.stringify({ packages: locked, 'packages-dev': [] }, null, 2) + '\n');
  for (const role of ['editor', 'reviewer', 'manager', 'support']) {
    const grants = permissions.filter(() => random() < 0.15);
    write(dir, `config/sync/user.role.${role}.yml`, ['langcode: en', 'status: true', 'dependencies: {}', `id: ${role}`, `label: ${role}`, 'weight: 2', 'is_admin: false', 'permissions:', ...grants.map((g) => `  - '${g}'`), ''].join('\n'));
  }
  write(dir, 'config/sync/user.role.administrator.yml', 'langcode: en\nstatus: true\ndependencies: {}\nid: administrator\nlabel: Administrator\nweight: 3\nis_admin: true\npermissions: {}\n');
  write(dir, MARKER, want);
  return dir;
}

/** The bench scenario (run.mjs LIVE_SCENARIOS): `mwb check` on the generated site, median of 3 runs after a warm-up. */
export function drupalCheckScenario({ cli, benchDir, runNode, median, maxOf, fmt }) {
  return {
    name: 'drupal-check',
    sizes: [200],
    requires: [cli],
    describe: '`mwb check` on a generated Drupal site (core, contrib, custom; read by the drupal adapter): median wall time and peak RSS of 3 runs',
    platform: (n, opts) => ensureDrupalSite(path.join(benchDir, `drupal-${n}`), n, opts),
    run: async (dir) => {
      const runs = [0, 1, 2, 3].map(() => runNode([cli, 'check', dir, '--format', 'json'], { captureStdout: true })).slice(1);
      for (const r of runs) if (r.status !== 0) throw new Error(`drupal-check: mwb check exited ${r.status}: ${r.stderr.slice(0, 400)}`);
      const report = JSON.parse(runs[0].stdout);
      const ms = median(runs.map((r) => r.ms));
      const rss = maxOf(runs.map((r) => r.rssMB));
      return {
        figure: `${report.modules.length} modules, ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} infos; check ${runs.map((r) => fmt(r.ms, 0)).join(', ')} ms; peak RSS ${fmt(rss)} MB`,
        value: ms,
        target: 3000,
        formatted: `check median ${fmt(ms, 0)} ms, peak RSS ${fmt(rss)} MB`,
        unit: 'ms',
        raw: { timesMs: runs.map((r) => r.ms), rssMB: runs.map((r) => r.rssMB) },
      };
    },
  };
}
