/**
 * `mwb pr-check` as a real process on real git repositories in temp folders: base resolution,
 * the awkward repository states (not a repository, no commits, detached HEAD, shallow clone
 * missing the base, unknown revision), the output formats and exit codes, and that the working
 * tree, the index and the refs are exactly as they were.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrCheckReport } from '../src-main/common/contract-changes';
import { runBuiltCli, writeCheckout } from './helpers/checkout';
import { commitAll, git, initRepo, repoState, writeFiles } from './helpers/git';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
const track = <T extends string>(dir: T): T => {
  temps.push(dir);
  return dir;
};

const PLATFORM: Record<string, string> = {
  'platform.yaml': 'name: shop\n',
  'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
  'modules/billing/module.yaml': 'name: billing\nversion: 1.5.0\ndependencies: [core]\nevents:\n  publishes: [billing.invoice.paid]\n',
  'modules/billing/migrations/billing_0001_create_invoices.expand.sql': 'CREATE TABLE billing_invoices (id TEXT PRIMARY KEY);\n',
  'modules/notify/module.yaml': 'name: notify\nversion: 0.2.0\ndependencies: [core]\nevents:\n  subscribes: [billing.invoice.paid]\n',
};

/** main: the platform; feature: checked out, nothing changed yet. */
function repoWithPlatform(branch = 'main'): string {
  const dir = track(initRepo(branch));
  writeFiles(dir, PLATFORM);
  commitAll(dir, 'platform');
  git(dir, 'checkout', '-q', '-b', 'feature');
  return dir;
}

function json(dir: string, ...args: string[]): { status: number; report: PrCheckReport; stderr: string } {
  const run = runBuiltCli(['pr-check', dir, '--format', 'json', ...args]);
  return { status: run.status, report: run.stdout ? (JSON.parse(run.stdout) as PrCheckReport) : (null as never), stderr: run.stderr };
}

describe('pr-check: base resolution and the diff', () => {
  it('defaults to the merge base with main and sees committed, staged, unstaged and untracked changes; leaves the repository untouched', () => {
    const dir = repoWithPlatform();
    // Committed on the branch.
    writeFiles(dir, { 'modules/core/module.yaml': 'name: core\nversion: 1.1.0\ntier: core\ndescription: committed change\n' });
    commitAll(dir, 'core 1.1.0');
    // main moves on after the branch point: its change is not part of this branch.
    git(dir, 'checkout', '-q', 'main');
    writeFiles(dir, { 'modules/extra/module.yaml': 'name: extra\nversion: 1.0.0\n' });
    commitAll(dir, 'extra on main');
    git(dir, 'checkout', '-q', 'feature');
    // Staged, unstaged, untracked, deleted.
    writeFiles(dir, { 'modules/notify/module.yaml': 'name: notify\nversion: 0.3.0\ndependencies: [core]\nevents:\n  subscribes: [billing.invoice.paid]\n' });
    git(dir, 'add', 'modules/notify/module.yaml');
    writeFiles(dir, { 'modules/billing/migrations/billing_0001_create_invoices.expand.sql': 'CREATE TABLE billing_invoices (id TEXT PRIMARY KEY, total INTEGER);\n' });
    writeFiles(dir, { 'modules/search/module.yaml': 'name: search\nversion: 0.1.0\ndependencies: [core]\n', '.gitignore': 'modules/billing/cache/\n' });
    writeFiles(dir, { 'modules/billing/cache/ignored.tmp': 'ignored files are not part of the change\n' });
    // Same content, new mtime: not a change (and no reason to refresh the index).
    const touched = path.join(dir, 'platform.yaml');
    fs.utimesSync(touched, new Date(), new Date(Date.now() + 5000));

    const before = repoState(dir);
    const { status, report } = json(dir);
    expect(repoState(dir)).toEqual(before);

    expect(status).toBe(1);
    expect(report.base).toMatchObject({ rev: 'merge-base HEAD main', how: 'merge-base', against: 'main', subject: 'platform' });
    expect(report.head).toMatchObject({ branch: 'feature', detached: false });
    expect(report.diff.files).toEqual([
      { path: '.gitignore', status: 'added' },
      { path: 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', status: 'modified' },
      { path: 'modules/core/module.yaml', status: 'modified' },
      { path: 'modules/notify/module.yaml', status: 'modified' },
      { path: 'modules/search/module.yaml', status: 'added' },
    ]);
    expect(report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(['changed billing', 'changed core', 'changed notify', 'added search']);
    expect(report.diagnostics.map((d) => `${d.rule} ${d.module}`)).toEqual([
      'migration-edited billing',
      'module-version-not-bumped billing',
      'core-change-without-note core',
    ]);
  });

  it('--base takes a branch, a tag or a commit; the JSON is the SPEC §7 shape plus the diff, byte-identical run to run', () => {
    const dir = repoWithPlatform();
    const first = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'tag', 'v1');
    writeFiles(dir, { 'modules/billing/module.yaml': 'name: billing\nversion: 1.6.0\ndependencies: [core]\nevents:\n  publishes: [billing.invoice.paid]\n' });
    commitAll(dir, 'billing 1.6.0');
    for (const base of ['main', 'v1', first, first.slice(0, 10), 'HEAD~1']) {
      const { status, report } = json(dir, '--base', base);
      expect(status, base).toBe(0);
      expect(report.base).toMatchObject({ rev: base, sha: first, how: 'explicit' });
      expect(report.diff.entries).toEqual([{ module: 'billing', category: 'version', change: 'changed', subject: 'version', before: '1.5.0', after: '1.6.0' }]);
    }
    const a = runBuiltCli(['pr-check', dir, '--format', 'json', '--base', 'main']);
    const b = runBuiltCli(['pr-check', dir, '--format', 'json', '--base', 'main']);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout) as PrCheckReport;
    expect(Object.keys(report)).toEqual(['checkout', 'base', 'head', 'diff', 'diagnostics', 'summary', 'waived', 'omitted']);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0, waived: 0 });
    // Against HEAD nothing changed.
    const same = json(dir, '--base', 'HEAD');
    expect(same.report.diff.files).toEqual([]);
    expect(runBuiltCli(['pr-check', dir, '--base', 'HEAD']).stdout).toContain('No changes against the base.');
  });

  it('falls back to master, then origin/HEAD', () => {
    const onMaster = repoWithPlatform('master');
    expect(json(onMaster).report.base).toMatchObject({ how: 'merge-base', against: 'master' });

    // A clone of a repository whose default branch is trunk: no main, no master, origin/HEAD.
    const source = repoWithPlatform('trunk');
    git(source, 'checkout', '-q', 'trunk');
    const clone = track(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-clone-')));
    git(clone, 'clone', '-q', source, '.');
    git(clone, 'checkout', '-q', '-b', 'topic');
    const { status, report } = json(clone);
    expect(status).toBe(0);
    expect(report.base).toMatchObject({ how: 'merge-base', against: 'origin/HEAD' });
  });

  it('works on a checkout in a subfolder of the repository, with checkout-relative paths', () => {
    const dir = track(initRepo());
    writeFiles(dir, Object.fromEntries(Object.entries(PLATFORM).map(([k, v]) => [`platform/${k}`, v])));
    writeFiles(dir, { 'README.md': 'The repository holds more than the platform.\n' });
    commitAll(dir, 'platform in a subfolder');
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFiles(dir, { 'README.md': 'Changed outside the checkout: not part of its diff.\n', 'platform/modules/notify/README.md': 'notes\n' });
    const { status, report } = json(path.join(dir, 'platform'));
    expect(status).toBe(1);
    expect(report.diff.files).toEqual([{ path: 'modules/notify/README.md', status: 'added' }]);
    expect(report.diagnostics[0]).toMatchObject({ rule: 'module-version-not-bumped', module: 'notify', file: 'modules/notify/module.yaml', line: 2, column: 10 });
  });

  it('does not call line-ending-only differences (an autocrlf checkout) changes', () => {
    const dir = repoWithPlatform();
    const file = path.join(dir, 'modules/billing/migrations/billing_0001_create_invoices.expand.sql');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    const { status, report } = json(dir);
    expect(status).toBe(0);
    expect(report.diff.files).toEqual([]);
  });
});

describe('pr-check: awkward repository states get a clear message and exit 2', () => {
  it('a folder that is not a repository', () => {
    const dir = track(writeCheckout(PLATFORM));
    const run = runBuiltCli(['pr-check', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`mwb pr-check: ${dir} is not inside a git repository: pr-check compares the working tree with a base revision, so the checkout must be a git clone\n`);
  });

  it('a repository with no commits', () => {
    const dir = track(initRepo());
    writeFiles(dir, PLATFORM);
    const run = runBuiltCli(['pr-check', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('has no commits yet');
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('an unknown revision, and a revision that looks like an option', () => {
    const dir = repoWithPlatform();
    const run = runBuiltCli(['pr-check', dir, '--base', 'no-such-branch']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`mwb pr-check: unknown revision 'no-such-branch': no branch, tag or commit of that name in ${fs.realpathSync(dir)}\n`);
    const option = runBuiltCli(['pr-check', dir, '--base=--output=/tmp/mwb-pwned']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("'--output=/tmp/mwb-pwned' is not a revision");
    expect(fs.existsSync('/tmp/mwb-pwned')).toBe(false);
  });

  it('a detached HEAD is compared as it is and says so; with nothing to compare with, the message names it', () => {
    const dir = repoWithPlatform();
    writeFiles(dir, { 'modules/notify/module.yaml': 'name: notify\nversion: 0.3.0\ndependencies: [core]\nevents:\n  subscribes: [billing.invoice.paid]\n' });
    const sha = commitAll(dir, 'notify 0.3.0');
    git(dir, 'checkout', '-q', '--detach', 'HEAD');
    const { status, report } = json(dir);
    expect(status).toBe(0);
    expect(report.head).toEqual({ sha, branch: null, detached: true });
    expect(report.base).toMatchObject({ against: 'main' });
    const text = runBuiltCli(['pr-check', dir]).stdout;
    expect(text).toContain(`Working tree of detached HEAD at ${sha.slice(0, 12)} against merge-base HEAD main`);
    expect(text).toContain('HEAD is detached');

    const lonely = track(initRepo('trunk'));
    writeFiles(lonely, PLATFORM);
    const at = commitAll(lonely, 'platform');
    git(lonely, 'checkout', '-q', '--detach');
    const run = runBuiltCli(['pr-check', lonely]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`mwb pr-check: HEAD is detached at ${at.slice(0, 12)} and there is no main, master or origin/HEAD to compare with; name the base with --base REV (a branch, tag or commit)\n`);
  });

  it('a shallow clone missing the base: named, or as the default merge base', () => {
    const source = repoWithPlatform();
    const first = git(source, 'rev-parse', 'main').trim();
    git(source, 'checkout', '-q', 'main');
    writeFiles(source, { 'modules/core/module.yaml': 'name: core\nversion: 1.0.1\ntier: core\n' });
    commitAll(source, 'core 1.0.1 on main');
    git(source, 'checkout', '-q', 'feature');
    writeFiles(source, { 'modules/notify/module.yaml': 'name: notify\nversion: 0.3.0\ndependencies: [core]\nevents:\n  subscribes: [billing.invoice.paid]\n' });
    commitAll(source, 'notify 0.3.0 on feature');
    // The source's HEAD is main, so the clone's origin/HEAD is origin/main.
    git(source, 'checkout', '-q', 'main');

    const clone = track(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-shallow-')));
    git(clone, 'clone', '-q', '--depth', '1', '--no-single-branch', '-b', 'feature', `file://${source}`, '.');
    expect(git(clone, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');

    const named = runBuiltCli(['pr-check', clone, '--base', first]);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain(`the base '${first}' is not in this shallow clone`);
    expect(named.stderr).toContain('git fetch --unshallow');

    const byDefault = runBuiltCli(['pr-check', clone]);
    expect(byDefault.status).toBe(2);
    expect(byDefault.stderr).toContain('this is a shallow clone and the merge base of HEAD and origin/HEAD is not in it');
  });
});

describe('pr-check: formats, exit codes, waivers', () => {
  function brokenChange(): string {
    const dir = repoWithPlatform();
    // billing drops the event notify subscribes to, without a version bump.
    writeFiles(dir, { 'modules/billing/module.yaml': 'name: billing\nversion: 1.5.0\ndependencies: [core]\n' });
    return dir;
  }

  it('text for people, markdown for a pull request, SARIF for code scanning; exit 1 on errors', () => {
    const dir = brokenChange();
    const text = runBuiltCli(['pr-check', dir]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Modules\n  ~  billing  1.5.0 (not bumped)  optional  1 file');
    expect(text.stdout).toContain('-  billing  event (publishes)  billing.invoice.paid');
    expect(text.stdout).toMatch(/modules\/notify\/module.yaml\n {2}5:16 {2}error {4}event 'billing.invoice.paid', published by 'billing' on the base, is removed in this change, but 'notify' still subscribes to it {2}breaking-removal/);
    expect(text.stdout).toContain('✖ 2 errors, 0 warnings, 0 infos; modules: 1 changed, 0 added, 0 removed');

    const md = runBuiltCli(['pr-check', dir, '--format', 'markdown']);
    expect(md.status).toBe(1);
    expect(md.stdout).toContain('## Module Workbench PR check: failed ❌');
    expect(md.stdout).toContain('Compared with the merge base with `main`');
    expect(md.stdout).toContain('| ✏️ changed | `billing` | optional | 1.5.0 (not bumped) | 1 |');
    expect(md.stdout).toContain('| `billing` | event (publishes) | removed | `billing.invoice.paid` |  |  |');
    expect(md.stdout).toContain('[breaking-removal](docs/rules/breaking-removal.md)');

    const sarif = JSON.parse(runBuiltCli(['pr-check', dir, '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['module-version-not-bumped', 'breaking-removal']);
    expect(sarif.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`)).toEqual([
      'module-version-not-bumped modules/billing/module.yaml:2',
      'breaking-removal modules/notify/module.yaml:5',
    ]);
  });

  it('a module whose base manifest does not parse is changed with an unreadable base, not added; counts are singular when one (issue 13 items 10, 14)', () => {
    const dir = track(initRepo('main'));
    writeFiles(dir, { ...PLATFORM, 'modules/notify/module.yaml': 'name: notify\nversion: 0.2.0\ndependencies: [core\n' });
    commitAll(dir, 'platform');
    git(dir, 'checkout', '-q', '-b', 'feature');
    writeFiles(dir, { 'modules/notify/module.yaml': 'name: notify\nversion: 0.2.1\ndependencies: [core]\n' });
    const text = runBuiltCli(['pr-check', dir]);
    expect(text.stdout).toContain('~  notify  (unreadable) -> 0.2.1  optional  1 file');
    expect(text.stdout).toMatch(/notify: the base manifest could not be read \(modules\/notify\/module\.yaml:\d+: YAML syntax error.*\); compared as changed, not added/);
    expect(text.stdout).toContain('modules: 1 changed, 0 added, 0 removed');
    const md = runBuiltCli(['pr-check', dir, '--format', 'markdown']).stdout;
    expect(md).toContain('1 module changed, 0 added, 0 removed; 1 file changed.');
    expect(md).toContain('| ✏️ changed | `notify` | optional | (unreadable) → 0.2.1 | 1 |');
  });

  it('--max-per-rule lists at most N findings per rule and counts the rest; the summary and the exit code count all', () => {
    const dir = repoWithPlatform();
    // Three modules change without a version bump.
    writeFiles(dir, {
      'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\ndescription: changed\n',
      'modules/billing/module.yaml': PLATFORM['modules/billing/module.yaml'] + 'description: changed\n',
      'modules/notify/module.yaml': PLATFORM['modules/notify/module.yaml'] + 'description: changed\n',
    });
    const all = json(dir, '--max-per-rule', '0');
    const notBumped = all.report.diagnostics.filter((d) => d.rule === 'module-version-not-bumped');
    expect(notBumped).toHaveLength(3);
    expect(all.report.omitted).toEqual([]);

    const capped = json(dir, '--max-per-rule', '1');
    expect(capped.status).toBe(all.status);
    expect(capped.report.diagnostics.filter((d) => d.rule === 'module-version-not-bumped')).toEqual([notBumped[0]]);
    expect(capped.report.omitted).toEqual([{ rule: 'module-version-not-bumped', count: 2 }]);
    expect(capped.report.summary).toEqual(all.report.summary);
    expect(runBuiltCli(['pr-check', dir, '--max-per-rule', '1']).stdout).toContain('… 2 more module-version-not-bumped findings not listed (--max-per-rule 0 lists all)');
    expect(runBuiltCli(['pr-check', dir, '--max-per-rule', '1', '--format', 'markdown']).stdout).toContain('… and 2 more `module-version-not-bumped` findings not listed.');
    const bad = runBuiltCli(['pr-check', dir, '--max-per-rule', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--max-per-rule takes a whole number (0 lists every finding), not 'many'");
  });

  it('warnings block only with --strict; a PR-rule waiver applies in pr-check and is not stale in check', () => {
    const dir = repoWithPlatform();
    writeFiles(dir, { 'modules/core/module.yaml': 'name: core\nversion: 1.0.1\ntier: core\n' });
    expect(runBuiltCli(['pr-check', dir]).status).toBe(0);
    expect(runBuiltCli(['pr-check', dir, '--strict']).status).toBe(1);

    writeFiles(dir, { 'platform.yaml': 'name: shop\nwaivers:\n  - rule: core-change-without-note\n    module: core\n    reason: version bump only\n  - rule: migration-edited\n    reason: nothing edited\n' });
    const { status, report } = json(dir, '--strict');
    expect(report.waived.map((w) => w.rule)).toEqual(['core-change-without-note']);
    // The migration-edited waiver matches nothing in this change: stale for pr-check.
    expect(report.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['waiver-stale platform.yaml:6']);
    expect(status).toBe(1);
    // `check` does not run PR rules, so it does not call their waivers stale.
    const check = runBuiltCli(['check', dir, '--format', 'json', '--strict']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout).diagnostics).toEqual([]);
  });

  it('rejects unknown options and extra arguments with exit 2', () => {
    const dir = repoWithPlatform();
    expect(runBuiltCli(['pr-check', dir, '--bogus']).status).toBe(2);
    expect(runBuiltCli(['pr-check', dir, dir]).status).toBe(2);
    expect(runBuiltCli(['pr-check', dir, '--format', 'yaml']).status).toBe(2);
    expect(runBuiltCli(['pr-check', '/nonexistent/platform']).stderr).toBe('mwb pr-check: checkout not found: /nonexistent/platform\n');
  });
});
