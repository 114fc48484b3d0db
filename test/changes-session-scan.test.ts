import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPrCheck } from '../src-main/service/changes';
import { WorkbenchSession } from '../src-main/service/session';
import { EXAMPLE } from './helpers/checkout';
import { commitAll, git, initRepo, repoState, writeFiles } from './helpers/git';

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
    const dir = initRepo();
    temps.push(dir);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    commitAll(dir, 'platform');
    git(dir, 'checkout', '-q', '-b', 'feature');
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
    const dir = initRepo();
    temps.push(dir);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    commitAll(dir, 'platform');
    git(dir, 'checkout', '-q', '-b', 'feature');
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
});
