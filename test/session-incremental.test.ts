import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import { WorkbenchSession } from '../src-main/service/session';
import { EXAMPLE, REPO } from './helpers/checkout';

/**
 * The session's incremental re-check (one file re-read, cached parses, edge sources and what an
 * edit cannot change kept) must give exactly the snapshot a fresh full scan of the same tree gives,
 * whatever the edit: a version, a dependency added or removed, a capability, a permission, a syntax
 * error and its fix, a comment that only moves lines, a module added or removed.
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-incremental-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const session = () => new WorkbenchSession({ emit: () => undefined, watch: false });

/** What a snapshot says, without what differs between two scans of the same tree (revision, timing). */
function content(s: WorkbenchSnapshot): string {
  const { revision: _r, stats: _s, ...rest } = s;
  return JSON.stringify(rest);
}

async function fresh(dir: string): Promise<string> {
  const s = session();
  try {
    return content(await s.open(dir));
  } finally {
    s.close();
  }
}

/** `moved`: the edit only moves text, so the session moves positions instead of re-running the checks (position-edit.ts). */
type Edit = { what: string; file: string; change: (text: string) => string | null; moved?: boolean };

async function replay(dir: string, edits: Edit[]): Promise<void> {
  const live = session();
  await live.open(dir);
  try {
    for (const edit of edits) {
      const abs = path.join(dir, edit.file);
      const before = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '';
      const after = edit.change(before);
      if (after !== null && after === before) throw new Error(`edit '${edit.what}' changes nothing`);
      const order = live.currentRegistry().order;
      await live.writeAndRecheck((root) => {
        const target = path.join(root, edit.file);
        if (after === null) fs.rmSync(path.dirname(target), { recursive: true, force: true });
        else {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, after);
        }
        return { result: null, changed: [after === null ? path.posix.dirname(edit.file) : edit.file] };
      });
      const snap = live.current();
      expect(snap.stats.kind, edit.what).toBe('incremental');
      expect(content(snap), edit.what).toBe(await fresh(dir));
      // The registry is only rebuilt when the edit says something new.
      expect(live.currentRegistry().order === order, `${edit.what}: positions moved, nothing re-run`).toBe(edit.moved === true);
    }
  } finally {
    live.close();
  }
}

describe('the incremental re-check gives what a full scan gives', () => {
  it('on the example platform, edit after edit', async () => {
    const dir = path.join(work, 'example');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const billing = 'modules/billing/module.yaml';
    await replay(dir, [
      { what: 'version bump', file: billing, change: (t) => t.replace('version: 1.5.0', 'version: 1.6.0') },
      { what: 'comment that moves every line', file: billing, change: (t) => `# moved\n# twice\n${t}` },
      { what: 'dependency added', file: billing, change: (t) => t.replace('  - payments ^1.2.0\n', '  - payments ^1.2.0\n  - orders\n') },
      { what: 'dependency on a missing module', file: billing, change: (t) => t.replace('  - orders\n', '  - nowhere >= 1.0.0\n') },
      { what: 'dependency removed', file: billing, change: (t) => t.replace('  - nowhere >= 1.0.0\n', '') },
      { what: 'capability required', file: billing, change: (t) => t.replace('    - tasks.scheduler >=2.0\n', '    - tasks.scheduler >=2.0\n    - nobody.offers >=1\n') },
      { what: 'permission added', file: billing, change: (t) => t.replace('permissions:\n', 'permissions:\n  - id: billing.extra.read\n    description: Added.\n') },
      { what: 'syntax error', file: billing, change: (t) => t.replace('tier: optional', 'tier: [optional') },
      { what: 'syntax error fixed', file: billing, change: (t) => t.replace('tier: [optional', 'tier: optional') },
      { what: 'module added', file: 'modules/extra/module.yaml', change: () => 'name: extra\nversion: 1.0.0\ndependencies:\n  - billing >= 1.0.0\n  - core\nevents:\n  subscribes:\n    - billing.invoice.issued\n' },
      { what: 'module edited after it was added', file: 'modules/extra/module.yaml', change: (t) => t.replace('version: 1.0.0', 'version: 1.0.1') },
      { what: 'module removed', file: 'modules/extra/module.yaml', change: () => null },
      { what: 'a depended-on module removed', file: 'modules/payments/module.yaml', change: () => null },
    ]);
  }, 120_000);

  it('on a generated platform', async () => {
    const dir = path.join(work, 'generated');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(dir, 60, { seed: 3 });
    const names = fs.readdirSync(path.join(dir, 'modules')).sort();
    const mid = `modules/${names[30]}/module.yaml`;
    const first = `modules/${names[1]}/module.yaml`;
    await replay(dir, [
      { what: 'description comment (the benchmark edit)', file: mid, change: (t) => t.replace(/^description:/m, '# edit\ndescription:'), moved: true },
      { what: 'dependency on a missing module', file: mid, change: (t) => t.replace(/^dependencies:\n/m, 'dependencies:\n  - nowhere >= 1.0.0\n') },
      { what: 'lines added above a finding and inside its list', file: mid, change: (t) => `# top\n\n${t.replace(/^dependencies:\n/m, 'dependencies:\n  # why\n')}`, moved: true },
      { what: 'a block re-indented', file: mid, change: (t) => t.replace(/^dependencies:\n((?: {2}.*\n)+)/m, (_, body: string) => `dependencies:\n${body.replace(/^ {2}/gm, '    ')}`), moved: true },
      { what: 'a scalar quoted (same text, new token)', file: mid, change: (t) => t.replace(/^tier: (\w+)$/m, 'tier: "$1"') },
      { what: 'version bump under every dependent', file: first, change: (t) => t.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, 'version: "9.0.0"') },
      { what: 'event subscription added', file: mid, change: (t) => t.replace(/^events:\n/m, 'events:\n  subscribes:\n    - nobody.thing.happened\n') },
      { what: 'manifest emptied', file: mid, change: () => '' },
    ]);
  }, 120_000);
});
