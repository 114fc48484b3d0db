import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPrCheck } from '../src-main/service/changes';
import { FIXTURES } from './helpers/checkout';
import { commitAll, git, initRepo } from './helpers/git';

/** pr-check's semantic diff on a Drupal site: the base is read from git by the same adapter as the working tree. */
describe('pr-check on a Drupal site', () => {
  it('diffs modules, permissions and routes, and finds a removed permission a role still grants at the grant line', async () => {
    const repo = initRepo();
    fs.cpSync(path.join(FIXTURES, 'drupal/site'), repo, { recursive: true });
    commitAll(repo, 'base site');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // Remove 'view site reports' (content_editor grants it), add a module, add a route.
    const perms = path.join(repo, 'modules/custom/site_base/site_base.permissions.yml');
    fs.writeFileSync(perms, "administer site base:\n  title: 'Administer the site base settings'\n  restrict access: true\n");
    fs.mkdirSync(path.join(repo, 'modules/custom/site_news'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'modules/custom/site_news/site_news.info.yml'), 'name: Site news\ntype: module\ncore_version_requirement: ^10.3\ndependencies:\n  - drupal:node\n');
    const routing = path.join(repo, 'modules/custom/site_base/site_base.routing.yml');
    fs.appendFileSync(routing, "\nsite_base.export:\n  path: '/admin/reports/site-base/export'\n  requirements:\n    _permission: 'administer site base'\n");
    commitAll(repo, 'feature');

    const { report } = await runPrCheck(repo, { base: 'main' });
    expect(report.diff.modules).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'site_news', change: 'added' })]));
    const json = JSON.stringify(report.diff);
    expect(json).toContain('view site reports');
    expect(json).toContain('/admin/reports/site-base/export');
    const removal = report.diagnostics.filter((d) => d.rule === 'breaking-removal');
    const role = 'config/sync/user.role.content_editor.yml';
    const grantLine = fs.readFileSync(path.join(repo, role), 'utf8').split('\n').findIndex((l) => l.includes("'view site reports'")) + 1;
    const routingRel = 'modules/custom/site_base/site_base.routing.yml';
    const routeLines = fs.readFileSync(path.join(repo, routingRel), 'utf8').split('\n');
    const usedAt = (needle: string) => {
      const i = routeLines.findIndex((l) => l.includes(needle));
      return { line: i + 1, column: routeLines[i].indexOf('view site reports') + 1 };
    };
    // The role's grant, and both routes that still require it, each at its own file and line.
    expect(removal.map((d) => ({ file: d.file, line: d.line, column: d.column }))).toEqual([
      { file: role, line: grantLine, column: 5 },
      { file: routingRel, ...usedAt("'view site reports+administer site base'") },
      { file: routingRel, ...usedAt("'view site reports,access content'") },
    ]);
    // Rules a Drupal site does not follow (module versions, notes) are not run.
    expect(report.diagnostics.filter((d) => d.rule === 'module-version-not-bumped' || d.rule === 'core-change-without-note')).toEqual([]);
  });
});
