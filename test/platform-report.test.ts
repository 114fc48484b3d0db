import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../src-renderer/src/components/markdown';
import { EXAMPLE, runBuiltCli, writeCheckout } from './helpers/checkout';

const json = (args: string[]) => JSON.parse(runBuiltCli([...args, '--format', 'json']).stdout);

/** The lines of a section, from its `## title` to the next `## `. */
function section(md: string, title: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}
/** Table body rows: `| ... |` lines that are neither a separator nor the header above one. */
const rows = (lines: string[]) => lines.filter((l, i) => l.startsWith('| ') && !/^\|[-|]+\|$/.test(l) && !/^\|[-|]+\|$/.test(lines[i + 1] ?? ''));
const cells = (row: string) => row.slice(2, -2).split(/ (?<!\\)\| /);

describe('mwb report on the example platform', () => {
  const run = runBuiltCli(['report', EXAMPLE]);
  const md = run.stdout;

  it('has the sections an architect expects, in order, and renders as GitHub-flavoured Markdown', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(md.split('\n')[0]).toBe('# Platform report: acme-commerce');
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## Modules by tier', '## Load order', '## Capabilities per profile', '## Permissions', '## Migration plan', '## Findings']);
    const html = renderToStaticMarkup(createElement(Markdown, { text: md }));
    // Tiers (3), profiles (2), permissions, roles, migrations: every table parses as a table.
    expect(html.match(/<table>/g)).toHaveLength(3 + 2 + 1 + 1 + 1);
    for (const t of html.split('<table>').slice(1)) {
      const head = (t.split('</thead>')[0].match(/<th[ >]/g) ?? []).length;
      for (const tr of t.split('</thead>')[1].split('<tr>').slice(1)) expect((tr.match(/<td[ >]/g) ?? []).length).toBe(head);
    }
  });

  it('lists every module under its tier and the load order of mwb check', () => {
    const check = json(['check', EXAMPLE]);
    const tiers = section(md, 'Modules by tier');
    for (const tier of ['core', 'optional', 'internal']) {
      const start = tiers.findIndex((l) => l.startsWith(`### ${tier} `));
      const next = tiers.findIndex((l, i) => i > start && l.startsWith('### '));
      const listed = rows(tiers.slice(start, next < 0 ? undefined : next)).map((r) => cells(r)[0]);
      expect(listed.sort()).toEqual(check.modules.filter((m: { tier: string }) => m.tier === tier).map((m: { name: string }) => m.name).sort());
    }
    const order = section(md, 'Load order').filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. (\S+) .*$/, '$1'));
    expect(order).toEqual(check.order);
  });

  it('shows capabilities per profile, every permission with its granting roles, and the pending migrations in plan order', () => {
    const caps = section(md, 'Capabilities per profile');
    expect(caps.filter((l) => l.startsWith('### '))).toEqual(['### default (default)', '### full']);
    const catalog = json(['permissions', 'catalog', EXAMPLE]);
    const perms = rows(section(md, 'Permissions').slice(0, section(md, 'Permissions').indexOf('### Roles')));
    expect(perms.map((r) => cells(r)[0].replace(/`/g, ''))).toEqual(catalog.permissions.map((p: { id: string }) => p.id));
    const read = perms.find((r) => r.startsWith('| `billing.invoice.read`'))!;
    expect(cells(read)[3]).toContain('auditor');
    const plan = json(['migrate', 'plan', EXAMPLE]);
    const steps = rows(section(md, 'Migration plan'));
    expect(steps.map((r) => cells(r)[1].replace(/`/g, ''))).toEqual(plan.steps.map((s: { id: string }) => s.id));
    expect(steps.map((r) => Number(cells(r)[0]))).toEqual(plan.steps.map((s: { wave: number }) => s.wave));
    expect(section(md, 'Findings')).toContain('None: `mwb check` passes.');
  });

  it('--out writes the same report to a file; a broken checkout lists its findings and missing capabilities', () => {
    const dir = writeCheckout({
      'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [core]\ncapabilities:\n  requires: [search]\ndescription: "Pipes | in text"\n',
    });
    const out = runBuiltCli(['report', dir, '--out', 'wiki/report.md'], { cwd: dir });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toBe('');
    const text = fs.readFileSync(path.join(dir, 'wiki/report.md'), 'utf8');
    expect(text).toBe(runBuiltCli(['report', dir]).stdout);
    expect(text).toContain('Missing: `search` (required by shop; blocks shop).');
    expect(text).toContain('[capability-missing](docs/rules/capability-missing.md)');
    expect(text).toContain('Pipes \\| in text');
  });
});
