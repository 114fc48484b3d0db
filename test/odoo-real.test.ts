import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreAddonEdition } from '../src-main/adapters/odoo/core-addons';
import { checkCheckoutAsync } from '../src-main/service/load-checkout';
import { loadPermissionContext, permissionCatalog } from '../src-main/service/permissions';

/**
 * The Odoo adapter on whole real repositories, OCA/server-tools and OCA/sale-workflow at branch 16.0,
 * exported from local git mirrors (MWB_OCA_MIRRORS, default /work/.mirror: <owner>+<name>/repo). They are
 * too large to commit; where no mirror is at hand these tests are skipped (the trimmed copy in
 * test/fixtures/odoo is always tested, test/odoo.test.ts). The expectations are computed from the
 * manifests and CSV files here, independently of the adapter.
 */
const MIRRORS = process.env.MWB_OCA_MIRRORS ?? '/work/.mirror';
const REPOS = ['OCA+server-tools', 'OCA+sale-workflow'].map((r) => ({ name: r, git: path.join(MIRRORS, r, 'repo') }));

function exportRepo(git: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-oca-'));
  const tar = execFileSync('git', ['-C', git, 'archive', 'HEAD'], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dest], { input: tar });
  return dest;
}

/** Each addon folder's manifest, read with regular expressions (not the adapter's reader): installable, depends, the CSV files its data lists. */
function manifests(root: string): Map<string, { depends: string[]; csv: string[]; xml: string[] }> {
  const out = new Map<string, { depends: string[]; csv: string[]; xml: string[] }>();
  for (const name of fs.readdirSync(root)) {
    const file = path.join(root, name, '__manifest__.py');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (/["']installable["']\s*:\s*False/.test(text)) continue;
    const list = (key: string) => [...(new RegExp(`["']${key}["']\\s*:\\s*\\[([^\\]]*)\\]`).exec(text)?.[1] ?? '').matchAll(/["']([^"']+)["']/g)].map((m) => m[1]);
    out.set(name, { depends: list('depends'), csv: list('data').filter((d) => d.endsWith('ir.model.access.csv')), xml: list('data').filter((d) => d.endsWith('.xml')) });
  }
  return out;
}

describe.each(REPOS)('$name (branch 16.0) read whole', ({ git }) => {
  it.skipIf(!fs.existsSync(git))('module set and edges equal the manifests, the order respects them, core addons are never missing, one permission per access row', async () => {
    const root = exportRepo(git);
    const expected = manifests(root);
    const { report, registry } = await checkCheckoutAsync(root);
    expect(registry.platform.kind).toBe('odoo');
    expect(report.modules.map((m) => m.name).sort()).toEqual([...expected.keys()].sort());
    for (const m of registry.manifests) {
      // Edges: every depends that is not one of Odoo's own addons (those are external).
      const want = (expected.get(m.name)?.depends ?? []).filter((d) => expected.has(d) || coreAddonEdition(d, '16.0') === null);
      expect(m.manifest.dependencies.map((d) => d.name)).toEqual(want);
    }
    const pos = new Map(report.order.map((n, i) => [n, i]));
    for (const m of registry.manifests) for (const d of m.manifest.dependencies) if (pos.has(d.name)) expect(pos.get(d.name)).toBeLessThan(pos.get(m.name) as number);
    for (const d of report.diagnostics.filter((x) => x.rule === 'dependency-missing')) {
      const target = /depends on '([^']+)'/.exec(d.message)?.[1] as string;
      expect(coreAddonEdition(target, '16.0')).toBeNull();
      expect(expected.has(target)).toBe(false);
    }
    let rows = 0;
    for (const [name, { csv, xml }] of expected) {
      for (const rel of csv) rows += fs.readFileSync(path.join(root, name, rel), 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').length;
      // Access rights written as XML records (base_time_window's).
      for (const rel of xml) if (fs.existsSync(path.join(root, name, rel))) rows += (fs.readFileSync(path.join(root, name, rel), 'utf8').match(/model="ir\.model\.access"/g) ?? []).length;
    }
    expect(rows).toBeGreaterThan(50);
    expect(permissionCatalog(loadPermissionContext(root)).permissions).toHaveLength(rows);
  }, 120_000);
});
