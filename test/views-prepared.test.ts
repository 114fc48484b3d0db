/**
 * Issue 16: a watched service prepares the Migrations plan and the Changes check after a check of
 * the session, when no request is being answered, and answers the views' first visits from them;
 * what it answers is what a fresh computation gives, and every change it can see (a file the watcher
 * reports, a commit, a ledger write) makes it compute again. Real git, real SQLite, real watcher.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangesProgress, ChangesResult, GitRefs } from '../src-main/common/contract-changes';
import type { MigrationsView } from '../src-main/common/contract-migrations';
import type { MigrationPage, MigrationsSummary } from '../src-main/common/contract-pages';
import { openMigrationContext } from '../src-main/service/migration-context';
import { defaultDatabase, planCheckout } from '../src-main/service/migrations';
import { runPrCheck } from '../src-main/service/changes';
import type { WorkbenchService } from '../src-main/service/service';
import { REPO } from './helpers/checkout';
import { commitAll, exampleOnFeatureBranch, git } from './helpers/git';
import { ok, testService, type Seen } from './helpers/service';

const services: WorkbenchService[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  // Retried: a check may still be running git in the folder.
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

const WAIT = { timeout: 30_000, interval: 50 };

/** The example platform as a git repository on a branch that bumps billing. */
function branch(): string {
  const dir = exampleOnFeatureBranch();
  temps.push(dir);
  const billing = path.join(dir, 'modules/billing/module.yaml');
  fs.writeFileSync(billing, fs.readFileSync(billing, 'utf8').replace('version: 1.5.0', 'version: 1.6.0'));
  return dir;
}

async function watched(dir: string): Promise<{ service: WorkbenchService; seen: Seen; call: <T>(name: string, params: unknown) => Promise<T> }> {
  const { service, seen } = testService({ watch: true });
  services.push(service);
  await ok(service.handle('session.open', { path: dir }));
  return { service, seen, call: <T>(name: string, params: unknown) => ok<T>(service.handle(name, params)) };
}

const checksRun = (seen: Seen) => (seen['changes.progress'] ?? []).filter((p: ChangesProgress) => p.phase === 'check').length;

/** The report a fresh command-line check gives now. */
const fresh = async (dir: string) => JSON.stringify((await runPrCheck(dir)).report);

describe('views prepared ahead of their first visit', () => {
  it('the Changes check runs after the session opens; a visit gets its result while nothing changed, a new one after any change', async () => {
    const dir = branch();
    const { service, seen, call } = await watched(dir);
    // No request asked for it: the service checked once the session was idle.
    await vi.waitFor(() => expect(checksRun(seen)).toBe(1), WAIT);
    expect(seen['changes.progress']?.at(-1)).toMatchObject({ checkout: fs.realpathSync(dir), base: '', files: [{ path: 'modules/billing/module.yaml', status: 'modified' }] });
    const first = await call<ChangesResult>('changes.check', {});
    expect(checksRun(seen)).toBe(1);
    expect(JSON.stringify(first.report)).toBe(await fresh(dir));
    expect(first.report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(['changed billing']);

    // A file no analysis reads, in a module folder: the watcher reports it, so the check runs again.
    fs.writeFileSync(path.join(dir, 'modules/audit/TODO.txt'), 'later\n');
    await vi.waitFor(() => expect((seen['file.changed'] ?? []).map((f) => f.path)).toContain('modules/audit/TODO.txt'), WAIT);
    const second = await call<ChangesResult>('changes.check', {});
    expect(checksRun(seen)).toBe(2);
    expect(JSON.stringify(second.report)).toBe(await fresh(dir));
    expect(second.report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(['changed audit', 'changed billing']);
    expect(second.report.diagnostics.map((d) => `${d.rule} ${d.module}`)).toContain('module-version-not-bumped audit');
    expect(await call<ChangesResult>('changes.check', {})).toEqual(second);
    expect(checksRun(seen)).toBe(2);

    // The base picker's list is kept while the refs are the same.
    const refs = await call<GitRefs>('changes.refs', {});
    expect(await call<GitRefs>('changes.refs', {})).toBe(refs);

    // A commit changes no file the watcher sees, but HEAD: the check runs again, the list is read again.
    commitAll(dir, 'billing 1.6.0, audit notes');
    const third = await call<ChangesResult>('changes.check', {});
    expect(checksRun(seen)).toBe(3);
    expect(third.report.head.sha).not.toBe(second.report.head.sha);
    expect((await call<GitRefs>('changes.refs', {})).commits[0]).toMatchObject({ sha: third.report.head.sha, subject: 'billing 1.6.0, audit notes' });
    expect(JSON.stringify(third.report)).toBe(await fresh(dir));

    // "Check again" asks for a fresh run even when nothing changed.
    const again = await call<ChangesResult>('changes.check', { fresh: true });
    expect(checksRun(seen)).toBe(4);
    expect(again).toEqual(third);
    expect(await service.handle('changes.check', { fresh: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  }, 120_000);

  it('after outside edits the check is prepared again and compares only the edited files, giving the report a fresh check gives', async () => {
    const dir = branch();
    fs.writeFileSync(path.join(dir, '.gitignore'), '*.log\n');
    commitAll(dir, 'ignore logs');
    const { service, seen, call } = await watched(dir);
    await vi.waitFor(() => expect(checksRun(seen)).toBe(1), WAIT);
    const memo = () => service.session.headScan().memo!;
    expect(memo().compared).toBe('whole');
    /** The paths reported changed from the `from`th report on. */
    const changed = (from = 0) => new Set((seen['file.changed'] ?? []).slice(from).map((f) => f.path));
    const migrations = (m: string) => path.join(dir, 'modules', m, 'migrations');
    const firstMigration = (m: string) => fs.readdirSync(migrations(m)).sort()[0];
    const steps: { name: string; edit: () => string[]; modules: string[] }[] = [
      {
        name: 'a changelog (no check of the session follows): the check is prepared again without a request',
        edit: () => (fs.writeFileSync(path.join(dir, 'modules/audit/CHANGELOG.md'), '# Changes\n'), ['modules/audit/CHANGELOG.md']),
        modules: ['changed audit', 'changed billing'],
      },
      {
        name: 'a manifest added, one changed, one deleted',
        edit: () => {
          fs.mkdirSync(path.join(dir, 'modules/loyalty'));
          fs.writeFileSync(path.join(dir, 'modules/loyalty/module.yaml'), 'name: loyalty\nversion: 0.1.0\ndependencies:\n  - core\n');
          const blog = path.join(dir, 'modules/blog/module.yaml');
          fs.writeFileSync(blog, fs.readFileSync(blog, 'utf8').replace(/^version: .*$/m, 'version: 9.0.0'));
          fs.rmSync(path.join(dir, 'modules/marketplace/module.yaml'));
          return ['modules/loyalty/module.yaml', 'modules/blog/module.yaml', 'modules/marketplace/module.yaml'];
        },
        modules: ['changed audit', 'changed billing', 'changed blog', 'added loyalty', 'removed marketplace'],
      },
      {
        name: 'a migration added, one changed, one deleted; an ignored file',
        edit: () => {
          fs.writeFileSync(path.join(migrations('blog'), 'blog_0005_drop_tags.contract.sql'), 'DROP TABLE blog_tags;\n');
          fs.appendFileSync(path.join(migrations('cms'), firstMigration('cms')), '\nALTER TABLE cms_pages ADD COLUMN x int;\n');
          fs.rmSync(path.join(migrations('analytics'), firstMigration('analytics')));
          fs.writeFileSync(path.join(dir, 'modules/cms/debug.log'), 'noise\n');
          return ['modules/blog/migrations/blog_0005_drop_tags.contract.sql', `modules/cms/migrations/${firstMigration('cms')}`, 'modules/cms/debug.log'];
        },
        modules: ['changed analytics', 'changed audit', 'changed billing', 'changed blog', 'changed cms', 'added loyalty', 'removed marketplace'],
      },
      {
        name: 'a module folder removed, one moved in, an edit undone',
        edit: () => {
          fs.rmSync(path.join(dir, 'modules/orders'), { recursive: true });
          fs.cpSync(path.join(dir, 'modules/loyalty'), path.join(dir, '.loyalty2'), { recursive: true });
          fs.writeFileSync(path.join(dir, '.loyalty2/module.yaml'), 'name: rewards\nversion: 0.1.0\n');
          fs.renameSync(path.join(dir, '.loyalty2'), path.join(dir, 'modules/rewards'));
          fs.writeFileSync(path.join(dir, 'modules/blog/module.yaml'), git(dir, 'show', 'HEAD:modules/blog/module.yaml'));
          return ['modules/orders', 'modules/rewards', 'modules/blog/module.yaml'];
        },
        modules: ['changed analytics', 'changed audit', 'changed billing', 'changed blog', 'changed cms', 'added loyalty', 'removed marketplace', 'removed orders', 'added rewards'],
      },
      {
        name: 'the manifest deleted before restored',
        edit: () => (fs.writeFileSync(path.join(dir, 'modules/marketplace/module.yaml'), git(dir, 'show', 'HEAD:modules/marketplace/module.yaml')), ['modules/marketplace/module.yaml']),
        modules: ['changed analytics', 'changed audit', 'changed billing', 'changed blog', 'changed cms', 'added loyalty', 'removed orders', 'added rewards'],
      },
    ];
    for (const [i, step] of steps.entries()) {
      const runs = checksRun(seen);
      const reported = (seen['file.changed'] ?? []).length;
      const paths = step.edit();
      await vi.waitFor(() => expect([...changed(reported)]).toEqual(expect.arrayContaining(paths)), WAIT);
      // Prepared once the service is idle, without a request.
      if (i === 0) await vi.waitFor(() => expect(checksRun(seen)).toBe(runs + 1), WAIT);
      const result = await call<ChangesResult>('changes.check', {});
      if (i === 0) expect(checksRun(seen)).toBe(runs + 1);
      expect(memo().compared, step.name).toBe('edited');
      expect(JSON.stringify(result.report), step.name).toBe(await fresh(dir));
      expect(result.report.diff.modules.map((m) => `${m.change} ${m.name}`), step.name).toEqual(step.modules);
    }
    expect((await call<ChangesResult>('changes.check', {})).report.diff.files.map((f) => f.path)).not.toContain('modules/cms/debug.log');

    // An ignore file edited: what git lists may change anywhere, so the whole tree is compared.
    fs.appendFileSync(path.join(dir, '.gitignore'), 'CHANGELOG.md\n');
    await vi.waitFor(() => expect(changed()).toContain('.gitignore'), WAIT);
    const ignored = await call<ChangesResult>('changes.check', {});
    expect(memo().compared).toBe('whole');
    expect(JSON.stringify(ignored.report)).toBe(await fresh(dir));
    expect(ignored.report.diff.files.map((f) => f.path)).not.toContain('modules/audit/CHANGELOG.md');
    // git's index changed (a file staged), no working file did: the whole tree again.
    git(dir, 'add', 'modules/loyalty/module.yaml');
    const staged = await call<ChangesResult>('changes.check', { fresh: false });
    expect(memo().compared).toBe('whole');
    expect(JSON.stringify(staged.report)).toBe(await fresh(dir));
  }, 120_000);

  it('the Migrations plan is made once per check of the session and ledger state, before the first visit', async () => {
    const dir = branch();
    const { seen, call } = await watched(dir);
    // The plan is prepared first, the Changes check next: once that ran, the plan is kept.
    await vi.waitFor(() => expect(checksRun(seen)).toBe(1), WAIT);
    const page = await call<MigrationPage>('migrations.rows', { id: 'plan-1', offset: 0, limit: 100 });
    expect(page.total).toBeGreaterThan(3);
    const summary = await call<MigrationsSummary>('migrations.summary', {});
    expect(summary.id).toBe('plan-1');
    expect(await call<MigrationsSummary>('migrations.summary', {})).toBe(summary);
    const contract = await call<MigrationsSummary>('migrations.summary', { phase: 'contract' });
    expect(contract.counts.total).toBe(summary.waves[3]);
    expect(await call<MigrationsSummary>('migrations.summary', { phase: 'contract' })).toBe(contract);

    // An edited migration: the watcher's re-check makes a new plan.
    const revision = (await call<{ revision: number }>('session.snapshot', {})).revision;
    const billing = path.join(dir, 'modules/billing/migrations');
    const file = fs.readdirSync(billing).find((f) => f.endsWith('.expand.sql')) as string;
    fs.appendFileSync(path.join(billing, file), '\nDROP TABLE billing_gone;\n');
    await vi.waitFor(async () => expect((await call<{ revision: number }>('session.snapshot', {})).revision).toBeGreaterThan(revision), WAIT);
    const edited = await call<MigrationsSummary>('migrations.summary', {});
    expect(edited.id).not.toBe(summary.id);
    expect(edited.counts.blocked).toBeGreaterThan(summary.counts.blocked);

    // The ledger (not watched) written by an apply: a new plan, with the applied steps.
    await call('migrations.apply', { phase: 'expand' });
    const applied = await call<MigrationsSummary>('migrations.summary', {});
    expect(applied.id).not.toBe(edited.id);
    expect(applied.counts.applied).toBeGreaterThan(0);
  }, 120_000);

  it('a record-only manifest edit (positions moved, no check run) and a dependency edit keep the plan; an edited migration makes a new one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-plan-kept-'));
    temps.push(dir);
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(dir, 40, { seed: 5 });
    const { call } = await watched(dir);
    const snapshot = () => call<{ revision: number; stats: { reused?: string[] }; diagnostics: unknown[] }>('session.snapshot', {});
    const summary = await call<MigrationsSummary>('migrations.summary', {});
    expect(summary.counts.total).toBeGreaterThan(40);
    const same = async () => {
      const view = await call<MigrationsView>('migrations.plan', {});
      const fresh = planCheckout(openMigrationContext(dir), defaultDatabase(dir)).plan;
      expect(JSON.stringify({ steps: view.steps, diagnostics: view.diagnostics })).toBe(JSON.stringify({ steps: fresh.steps, diagnostics: fresh.diagnostics }));
    };
    const module = fs.readdirSync(path.join(dir, 'modules')).sort()[7];
    const manifest = path.join(dir, 'modules', module, 'module.yaml');
    const edit = async (change: (text: string) => string) => {
      const before = (await snapshot()).revision;
      fs.writeFileSync(manifest, change(fs.readFileSync(manifest, 'utf8')));
      await vi.waitFor(async () => expect((await snapshot()).revision).toBeGreaterThan(before), WAIT);
      return snapshot();
    };
    // A comment line and a new description: positions move, nothing is re-checked (no part listed as reused).
    const moved = await edit((t) => t.replace(/^description: .*$/m, '# moved down a line\ndescription: "Described again"'));
    expect(moved.stats.reused).toBeUndefined();
    expect(await call<MigrationsSummary>('migrations.summary', {})).toBe(summary);
    await same();
    // A dependency's range (the registry reads it, the checks run): nothing the plan reads changed
    // (the migrations, the load order, the ledger), so the plan is kept, the same as a fresh one.
    const rechecked = await edit((t) => t.replace(/^dependencies:\n {2}- (\S+)$/m, '$&\n  - core >= 0.0.1'));
    expect(rechecked.stats.reused ?? []).not.toContain('registry');
    expect(await call<MigrationsSummary>('migrations.summary', {})).toBe(summary);
    await same();
    // A migration edited: a new plan, the same as a fresh one.
    const migrations = path.join(dir, 'modules', module, 'migrations');
    const sql = fs.readdirSync(migrations).sort()[0];
    const before = (await snapshot()).revision;
    fs.appendFileSync(path.join(migrations, sql), '\nDROP TABLE gone_for_good;\n');
    await vi.waitFor(async () => expect((await snapshot()).revision).toBeGreaterThan(before), WAIT);
    expect((await call<MigrationsSummary>('migrations.summary', {})).id).not.toBe(summary.id);
    await same();
  }, 120_000);
});
