import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPrCheck } from '../src-main/service/changes';
import { WorkbenchSession } from '../src-main/service/session';
import { WorkingEdits } from '../src-main/service/working-edits';
import { commitAll, exampleOnFeatureBranch, repoState, writeFiles } from './helpers/git';

/**
 * The Changes view's pull-request check takes the working tree from the open session (its parsed
 * manifests and registry) instead of reading and parsing the whole tree again (issue 16): the
 * report must be byte-identical to the command line's, which reads the tree itself.
 */

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the PR check on a session scan', () => {
  it('reuses the session registry and gives the report the command line gives', async () => {
    const dir = exampleOnFeatureBranch();
    temps.push(dir);
    const billing = path.join(dir, 'modules/billing/module.yaml');
    fs.writeFileSync(billing, fs.readFileSync(billing, 'utf8').replace('version: 1.5.0', 'version: 1.6.0').replace('  - payments ^1.2.0\n', '  - payments ^1.2.0\n  - orders\n'));
    fs.rmSync(path.join(dir, 'modules/marketplace'), { recursive: true });
    writeFiles(dir, { 'modules/loyalty/module.yaml': 'name: loyalty\nversion: 0.1.0\ndependencies:\n  - core\n  - marketplace\n' });
    const before = repoState(dir);

    const session = new WorkbenchSession({ emit: () => undefined, watch: false });
    await session.open(dir);
    try {
      const viaSession = await runPrCheck(dir, {}, session.headScan);
      expect(viaSession.head).toBe(session.currentRegistry());
      const alone = await runPrCheck(dir);
      expect(alone.head).not.toBe(session.currentRegistry());
      expect(JSON.stringify(viaSession.report)).toBe(JSON.stringify(alone.report));
      expect(viaSession.report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(['changed billing', 'added loyalty', 'removed marketplace']);
      expect(viaSession.report.diagnostics.map((d) => d.rule)).toContain('breaking-removal');
    } finally {
      session.close();
    }
    expect(repoState(dir)).toEqual(before);
  }, 60_000);

  it('keeps the blob ids of unchanged files between checks and still sees every edit', async () => {
    const dir = exampleOnFeatureBranch();
    temps.push(dir);
    // Files older than the racy window, as in a checkout nobody is typing in.
    const hourAgo = new Date(Date.now() - 3_600_000);
    const touch = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.name === '.git') continue;
        const abs = path.join(d, e.name);
        if (e.isDirectory()) touch(abs);
        else fs.utimesSync(abs, hourAgo, hourAgo);
      }
    };
    touch(dir);
    const session = new WorkbenchSession({ emit: () => undefined, watch: false });
    await session.open(dir);
    try {
      expect((await runPrCheck(dir, {}, session.headScan)).report.diff.files).toEqual([]);
      expect(session.headScan().blobs?.size).toBeGreaterThan(20);
      // An edit of the same size, then a file that goes away: both seen, as by a fresh check.
      const billing = 'modules/billing/module.yaml';
      for (const change of [(t: string) => t.replace('version: 1.5.0', 'version: 1.7.0'), null]) {
        await session.writeAndRecheck((root) => {
          const abs = path.join(root, billing);
          if (change) fs.writeFileSync(abs, change(fs.readFileSync(abs, 'utf8')));
          else fs.rmSync(path.join(root, 'modules/audit'), { recursive: true });
          return { result: null, changed: [change ? billing : 'modules/audit'] };
        });
        const viaSession = await runPrCheck(dir, {}, session.headScan);
        expect(JSON.stringify(viaSession.report)).toBe(JSON.stringify((await runPrCheck(dir)).report));
        expect(viaSession.report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(change ? ['changed billing'] : ['removed audit', 'changed billing']);
      }
    } finally {
      session.close();
    }
  }, 60_000);

  it('keeps what a base commit fixes between checks (its listing, its platform, the diff and grants) and still gives the command line\'s report', async () => {
    const dir = exampleOnFeatureBranch();
    temps.push(dir);
    const billing = path.join(dir, 'modules/billing/module.yaml');
    fs.writeFileSync(billing, fs.readFileSync(billing, 'utf8').replace('version: 1.5.0', 'version: 1.6.0'));
    commitAll(dir, 'billing 1.6.0');
    const session = new WorkbenchSession({ emit: () => undefined, watch: false });
    await session.open(dir);
    const same = async (base?: string) => {
      const viaSession = await runPrCheck(dir, { base }, session.headScan);
      expect(JSON.stringify(viaSession.report)).toBe(JSON.stringify((await runPrCheck(dir, { base })).report));
      return viaSession;
    };
    try {
      const a = await same();
      const b = await same();
      // Nothing changed: the base platform and the diff are the ones the first check made.
      expect(b.base).toBe(a.base);
      expect(b.report.diff).toBe(a.report.diff);
      // Another base (the last commit): its own platform; then back to the first, still kept.
      const c = await same('HEAD');
      expect(c.base).not.toBe(a.base);
      expect(c.report.diff.modules).toEqual([]);
      expect((await same()).base).toBe(a.base);
      // Edits of the working tree and of the roles file: the same base platform, a new diff, the new grants.
      const roles = path.join(dir, 'roles.yaml');
      const rolesText = fs.readFileSync(roles, 'utf8');
      await session.writeAndRecheck((root) => {
        fs.writeFileSync(path.join(root, 'modules/billing/module.yaml'), fs.readFileSync(billing, 'utf8').replace('version: 1.6.0', 'version: 1.6.1'));
        fs.rmSync(path.join(root, 'modules/marketplace'), { recursive: true });
        return { result: null, changed: ['modules/billing/module.yaml', 'modules/marketplace'] };
      });
      const d = await same();
      expect(d.base).toBe(a.base);
      expect(d.report.diff).not.toBe(a.report.diff);
      expect(d.report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(['changed billing', 'removed marketplace']);
      const grantFindings = (r: typeof d) => r.report.diagnostics.filter((x) => x.rule === 'breaking-removal' && x.file === 'roles.yaml').length;
      expect(grantFindings(d)).toBeGreaterThan(0);
      fs.writeFileSync(roles, rolesText.replace(/^\s*- marketplace\.[^\n]*\n/gm, ''));
      expect(grantFindings(await same())).toBe(0);
      // HEAD moved on (the edits committed): the base `HEAD` is another commit, with its own platform.
      commitAll(dir, 'billing 1.6.1, no marketplace');
      const f = await same('HEAD');
      expect(f.base).not.toBe(c.base);
      expect(f.report.diff.modules).toEqual([]);
      // Two base platforms are kept (the last two asked for): the first one is built again, the same.
      await same();
    } finally {
      session.close();
    }
  }, 60_000);

  it('after edits named by folder (a module removed, one moved in) compares only the files below them and gives the command line\'s report', async () => {
    const dir = exampleOnFeatureBranch();
    temps.push(dir);
    const session = new WorkbenchSession({ emit: () => undefined, watch: false });
    await session.open(dir);
    // What a watched service's journal holds: here filled by hand, with folders only.
    const edits = new WorkingEdits();
    const same = async () => {
      const viaSession = await runPrCheck(dir, { reuse: { edits } }, session.headScan);
      expect(JSON.stringify(viaSession.report)).toBe(JSON.stringify((await runPrCheck(dir)).report));
      return viaSession.report.diff.modules.map((m) => `${m.change} ${m.name}`);
    };
    try {
      expect(await same()).toEqual([]);
      expect(session.headScan().memo?.compared).toBe('whole');
      await session.writeAndRecheck((root) => {
        fs.rmSync(path.join(root, 'modules/orders'), { recursive: true });
        fs.mkdirSync(path.join(root, 'modules/loyalty/migrations'), { recursive: true });
        fs.writeFileSync(path.join(root, 'modules/loyalty/module.yaml'), 'name: loyalty\nversion: 0.1.0\ndependencies:\n  - core\n');
        fs.writeFileSync(path.join(root, 'modules/loyalty/migrations/loyalty_0001_create_points.expand.sql'), 'CREATE TABLE loyalty_points (id int);\n');
        return { result: null, changed: ['modules/orders', 'modules/loyalty'] };
      });
      for (const p of ['modules/orders', 'modules/loyalty']) edits.touched(p);
      expect(await same()).toEqual(['added loyalty', 'removed orders']);
      expect(session.headScan().memo?.compared).toBe('edited');
      // A full scan may follow changes nobody named: the whole tree again.
      edits.lost();
      expect(await same()).toEqual(['added loyalty', 'removed orders']);
      expect(session.headScan().memo?.compared).toBe('whole');
    } finally {
      session.close();
    }
  }, 60_000);
});
