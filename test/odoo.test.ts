import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src-main/common/diagnostic';
import { checkCheckoutAsync, loadCheckout } from '../src-main/service/load-checkout';
import { loadPermissionContext, permissionCatalog } from '../src-main/service/permissions';
import { copyFixture, runBuiltCli, writeCheckout } from './helpers/checkout';

/** The Odoo adapter on a trimmed OCA 16.0 repository (test/fixtures/odoo/addons: server-tools + sale-workflow) and on planted defects. */

const FIXTURE = 'odoo/addons';
const edit = (root: string, rel: string, change: (text: string) => string): void => {
  const abs = path.join(root, rel);
  const before = fs.readFileSync(abs, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${rel} changed nothing`);
  fs.writeFileSync(abs, after);
};
const write = (root: string, rel: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const lineOf = (root: string, rel: string, needle: string): number => fs.readFileSync(path.join(root, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
const columnOf = (root: string, rel: string, needle: string): number => fs.readFileSync(path.join(root, rel), 'utf8').split('\n')[lineOf(root, rel, needle) - 1].indexOf(needle) + 1;
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');

/** What the manifests say, read here independently: each addon folder's `depends`, as Python literals. */
function manifestDepends(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of fs.readdirSync(root)) {
    const file = path.join(root, name, '__manifest__.py');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const block = /["']depends["']\s*:\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
    out.set(name, [...block.matchAll(/["']([a-z0-9_]+)["']/g)].map((m) => m[1]));
  }
  return out;
}

/** Access rows in the addons' CSV files (header and blank lines left out) and ir.model.access records in XML. */
function accessRowCount(root: string): number {
  let n = 0;
  for (const name of fs.readdirSync(root)) {
    const sec = path.join(root, name, 'security');
    if (!fs.existsSync(sec)) continue;
    for (const f of fs.readdirSync(sec)) {
      const text = fs.readFileSync(path.join(sec, f), 'utf8');
      if (f === 'ir.model.access.csv') n += text.split('\n').slice(1).filter((l) => l.trim() !== '').length;
      else if (f.endsWith('.xml')) n += (text.match(/model="ir\.model\.access"/g) ?? []).length;
    }
  }
  return n;
}

describe('an OCA addons repository read as it is', () => {
  it('reads every addon with its folder name and own version; edges are the depends within the checkout, and the order respects them', async () => {
    const root = copyFixture(FIXTURE);
    const { report, registry } = await checkCheckoutAsync(root);
    expect(registry.platform.kind).toBe('odoo');
    const depends = manifestDepends(root);
    expect(report.modules.map((m) => m.name).sort()).toEqual([...depends.keys()].sort());
    expect(report.modules.find((m) => m.name === 'auditlog')).toEqual({ name: 'auditlog', version: '2.2.1', tier: 'optional', path: 'auditlog', status: 'ok' });
    // The series of most manifests is the checkout's: Odoo 16.0.
    expect(registry.platform.coreVersion).toBe('16.0.0');
    const names = new Set(depends.keys());
    for (const m of registry.manifests) expect(m.manifest.dependencies.map((d) => d.name)).toEqual((depends.get(m.name) ?? []).filter((d) => names.has(d)));
    expect(registry.byName.get('sale_exception')?.manifest.dependencies.map((d) => d.name)).toEqual(['base_exception']);
    const pos = new Map(report.order.map((n, i) => [n, i]));
    for (const m of registry.manifests) for (const d of m.manifest.dependencies) expect(pos.get(d.name)).toBeLessThan(pos.get(m.name) as number);
    // auto_install addons are shown as such.
    expect(registry.byName.get('sale_stock_delivery_state')?.manifest.description).toMatch(/^\[auto_install\] /);
  });

  it('has no errors: Odoo core addons (sale, stock, account, mail, ...) are external, never dependency-missing', async () => {
    const { report } = await checkCheckoutAsync(copyFixture(FIXTURE));
    expect(errors(report.diagnostics)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.rule === 'dependency-missing')).toEqual([]);
    // Rules of the native format that do not apply to Odoo are not run.
    expect(report.diagnostics.filter((d) => ['permission-format', 'permission-foreign-namespace', 'permission-ungranted', 'route-permission-missing'].includes(d.rule))).toEqual([]);
  });

  it('has one permission per access row, granted to its group; groups are roles and implied_ids gives inheritance', () => {
    const root = copyFixture(FIXTURE);
    const ctx = loadPermissionContext(root);
    const catalog = permissionCatalog(ctx);
    expect(catalog.permissions).toHaveLength(accessRowCount(root));
    expect(catalog.rolesElsewhere, 'Odoo roles (res.groups) are read from the checkout').toBeUndefined();
    const perm = (id: string) => catalog.permissions.find((p) => p.id === id);
    const row = perm('auditlog.access_auditlog_rule_user');
    expect(row).toMatchObject({ module: 'auditlog', description: 'read on auditlog_rule for auditlog.group_auditlog_user', file: 'auditlog/security/ir.model.access.csv', line: 2 });
    // The row's group grants it; the manager group implies the user group, and base.group_system implies the manager.
    const roles = (id: string) => perm(id)?.grantedBy.map((g) => g.role).sort();
    expect(roles('auditlog.access_auditlog_rule_user')).toEqual(['auditlog.group_auditlog_manager', 'auditlog.group_auditlog_user', 'base.group_system']);
    expect(roles('auditlog.access_auditlog_rule_manager')).toEqual(['auditlog.group_auditlog_manager', 'base.group_system']);
    // An access right in XML (base_time_window) is a permission too.
    expect(perm('base_time_window.time_weekday_access_read')).toMatchObject({ file: 'base_time_window/security/ir.model.access.xml' });
    // A row without a group applies to everyone: a documented risk, and an info at the row.
    const everyone = catalog.permissions.filter((p) => p.risk?.startsWith('no group'));
    expect(everyone.map((p) => p.id).sort()).toEqual(['excel_import_export.xlsx_template_export_user', 'excel_import_export.xlsx_template_import_user', 'excel_import_export.xlsx_template_user']);
    // ... held by every user: the role 'everyone', never "granted to nobody".
    for (const p of everyone) expect(p.grantedBy.map((g) => g.role)).toEqual(['everyone']);
    expect(catalog.permissions.filter((p) => p.grantedBy.length === 0)).toEqual([]);
  });

  it('finds each planted defect at its file and line', async () => {
    const root = copyFixture(FIXTURE);
    const m = (a: string) => `${a}/__manifest__.py`;
    // Two addons depending on each other; an addon depending on an unknown addon.
    edit(root, m('sale_payment_sheet'), (t) => t.replace('"depends": ["sale", "account"]', '"depends": ["sale", "account", "sale_planner_calendar"]'));
    edit(root, m('sale_order_line_menu'), (t) => t.replace(/"depends": \["sale"\]/, '"depends": ["sale", "sale_moon_phase"]'));
    // Written for 17.0 in a 16.0 checkout; a python package no profile provides; a group of an addon it does not depend on.
    edit(root, m('module_auto_update'), (t) => t.replace('"16.0.1.0.2"', '"17.0.1.0.0"'));
    edit(root, m('sentry'), (t) => t.replace('"python": [', '"python": ["raven", '));
    edit(root, 'sale_cancel_reason/security/ir.model.access.csv', (t) => `${t.trimEnd()}\naccess_planted,planted,model_sale_order_cancel_reason,auditlog.group_auditlog_user,1,0,0,0\n`);
    // A value that cannot be read statically, and a manifest that does not parse.
    edit(root, m('dbfilter_from_header'), (t) => t.replace(/"depends": \["web"\]/, '"depends": ["web"] + extra_depends()'));
    write(root, 'broken_addon/__manifest__.py', '{\n    "name": "Broken",\n    "version": "16.0.1.0.0",\n    "depends": ["base",\n}\n');
    const { report } = await checkCheckoutAsync(root);
    const at = (rule: string, file: string) => report.diagnostics.filter((d) => d.rule === rule && d.file === file).map((d) => ({ line: d.line, severity: d.severity, message: d.message }));
    expect(report.diagnostics.find((d) => d.rule === 'dependency-cycle')?.message).toContain('sale_payment_sheet -> sale_planner_calendar -> sale_payment_sheet');
    expect(at('dependency-missing', m('sale_order_line_menu'))).toEqual([
      { line: lineOf(root, m('sale_order_line_menu'), 'sale_moon_phase'), severity: 'error', message: expect.stringContaining("'sale_moon_phase', which is neither an addon of this checkout nor one of Odoo 16.0's own addons") },
    ]);
    const dep = report.diagnostics.find((d) => d.rule === 'dependency-missing' && d.file === m('sale_order_line_menu'));
    expect(dep?.column).toBe(columnOf(root, m('sale_order_line_menu'), '"sale_moon_phase"'));
    expect(at('core-version-unsatisfied', m('module_auto_update'))).toEqual([{ line: lineOf(root, m('module_auto_update'), '"version"'), severity: 'error', message: expect.stringContaining('written for Odoo 17.0') }]);
    expect(at('capability-missing', m('sentry'))).toEqual([{ line: lineOf(root, m('sentry'), '"raven"'), severity: 'error', message: expect.stringContaining("'python.raven'") }]);
    const csv = 'sale_cancel_reason/security/ir.model.access.csv';
    expect(at('odoo-access-group-outside-dependencies', csv)).toEqual([{ line: lineOf(root, csv, 'access_planted'), severity: 'error', message: expect.stringContaining("'auditlog' is not among the dependencies of 'sale_cancel_reason'") }]);
    expect(at('python-not-static', m('dbfilter_from_header'))).toEqual([expect.objectContaining({ line: lineOf(root, m('dbfilter_from_header'), 'extra_depends'), severity: 'info' })]);
    expect(at('manifest-parse-error', 'broken_addon/__manifest__.py')).toEqual([expect.objectContaining({ severity: 'error', line: expect.any(Number) })]);
    // Core addons stay external even with defects around them.
    expect(report.diagnostics.filter((d) => d.rule === 'dependency-missing' && /'(sale|account|base|web|mail|stock)'/.test(d.message))).toEqual([]);
  });

  it('checks against the series platform.yaml sets, and its profiles provide external dependencies', async () => {
    const root = copyFixture(FIXTURE);
    write(root, 'platform.yaml', 'kind: odoo\ncore_version: 17.0\nprofiles:\n  server:\n    capabilities: [python.openpyxl, bin.wkhtmltopdf]\n  bare:\n    capabilities: []\n');
    edit(root, 'excel_import_export/__manifest__.py', (t) => t.replace('{"python": ["openpyxl"]}', '{"python": ["openpyxl"], "bin": ["wkhtmltopdf"]}'));
    const { report, registry } = await checkCheckoutAsync(root);
    expect(registry.platform.coreVersion).toBe('17.0.0');
    expect(report.diagnostics.filter((d) => d.rule === 'platform-invalid')).toEqual([]);
    // Every 16.0 addon is now outside the gate, at its version line.
    const gate = report.diagnostics.filter((d) => d.rule === 'core-version-unsatisfied');
    expect(gate).toHaveLength(report.modules.length);
    expect(gate.find((d) => d.module === 'auditlog')).toMatchObject({ file: 'auditlog/__manifest__.py', line: lineOf(root, 'auditlog/__manifest__.py', '"version"') });
    // The profile provides openpyxl and the wkhtmltopdf binary, not sentry-sdk.
    const missing = report.diagnostics.filter((d) => d.rule === 'capability-missing').map((d) => d.module);
    expect(missing).toEqual(['sentry']);
    const bare = await checkCheckoutAsync(root, 'bare');
    const bareMissing = bare.report.diagnostics.filter((d) => d.rule === 'capability-missing').map((d) => d.message);
    expect(bareMissing).toEqual(expect.arrayContaining([expect.stringContaining("'bin.wkhtmltopdf'"), expect.stringContaining("'python.openpyxl'"), expect.stringContaining("'python.sentry-sdk'")]));
  });

  it('an addon with installable: False is not part of the graph; a dependency on it is missing, saying why', async () => {
    const root = copyFixture(FIXTURE);
    edit(root, 'base_exception/__manifest__.py', (t) => t.replace('"installable": True', '"installable": False'));
    const { report } = await checkCheckoutAsync(root);
    expect(report.modules.map((m) => m.name)).not.toContain('base_exception');
    expect(report.diagnostics.find((d) => d.rule === 'odoo-addon-not-installable')).toMatchObject({ file: 'base_exception/__manifest__.py', line: lineOf(root, 'base_exception/__manifest__.py', '"installable"') });
    expect(report.diagnostics.find((d) => d.rule === 'dependency-missing')?.message).toContain("'base_exception', which says installable: False");
  });

  it('detects a single addon and an addons folder; platform.yaml kind: odoo forces the adapter', () => {
    const single = writeCheckout({ '__manifest__.py': '{"name": "Mine", "version": "16.0.1.0.0", "depends": ["base"]}\n' });
    expect(loadCheckout(single).adapted?.kind).toBe('odoo');
    const old = writeCheckout({ 'addons/legacy/__openerp__.py': "{'name': 'Legacy', 'version': '1.0', 'depends': ['base']}\n" });
    expect(loadCheckout(old).adapted?.manifests.map((m) => m.name)).toEqual(['legacy']);
    const forced = writeCheckout({ 'platform.yaml': 'kind: odoo\n', 'deep/er/mine/__manifest__.py': '{"name": "Mine", "depends": []}\n' });
    expect(loadCheckout(forced).adapted?.manifests.map((m) => m.name)).toEqual(['mine']);
  });
});

describe('the CLI on an Odoo addons repository', () => {
  it('list says the odoo adapter read it; --kind odoo forces the adapter where detection would not choose it', () => {
    const root = copyFixture(FIXTURE);
    const run = runBuiltCli(['list', root]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('read by the odoo');
    expect(run.stdout).toMatch(/\n\s*\d+\s+auditlog\s+2\.2\.1\s+optional\s+ok/);
    // A platform.yaml without kind: makes it a native checkout, unless --kind says otherwise.
    write(root, 'platform.yaml', 'name: shop\n');
    const native = JSON.parse(runBuiltCli(['check', root, '--format', 'json']).stdout) as { modules: unknown[] };
    expect(native.modules).toEqual([]);
    const forced = runBuiltCli(['check', root, '--kind', 'odoo', '--format', 'json']);
    expect(forced.status).toBe(0);
    const report = JSON.parse(forced.stdout) as { modules: { name: string }[]; diagnostics: Diagnostic[] };
    expect(report.modules).toHaveLength(fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, '__manifest__.py'))).length);
  });
});

describe('bad input in an Odoo checkout', () => {
  it('gives findings with file and line, never a crash: broken XML, an entity bomb, deep nesting, a manifest that is no dict, bad CSV', async () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE odoo [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">\n]>\n<odoo><record id="g" model="res.groups"><field name="name">&e;&e;&e;&e;</field></record></odoo>\n`;
    const manifest = (data: string[]) => `{"name": "X", "version": "16.0.1.0.0", "depends": ["base"], "data": ${JSON.stringify(data)}}\n`;
    const root = writeCheckout({
      'broken_xml/__manifest__.py': manifest(['security/security.xml']),
      'broken_xml/security/security.xml': '<odoo>\n  <record id="g" model="res.groups">\n    <field name="name">G</field>\n</odoo>\n',
      'bomb/__manifest__.py': manifest(['security/security.xml']),
      'bomb/security/security.xml': bomb,
      'deep/__manifest__.py': manifest(['security/security.xml']),
      'deep/security/security.xml': `<odoo>${'<data>'.repeat(300)}${'</data>'.repeat(300)}</odoo>\n`,
      'a_list/__manifest__.py': '["name", "version"]\n',
      'empty/__manifest__.py': '',
      'binary/__manifest__.py': Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d]),
      'bad_csv/__manifest__.py': manifest(['security/ir.model.access.csv']),
      'bad_csv/security/ir.model.access.csv': 'name,perm_read\nfoo,1\n',
      'ok/__manifest__.py': manifest([]),
    });
    const { report } = await checkCheckoutAsync(root);
    const of = (dir: string) => report.diagnostics.filter((d) => d.file?.startsWith(`${dir}/`)).map((d) => ({ rule: d.rule, line: d.line }));
    expect(of('broken_xml')).toEqual([{ rule: 'manifest-parse-error', line: expect.any(Number) }]);
    // Entities that refer to entities are left unexpanded by the parser: nothing grows.
    expect(of('bomb')).toEqual([]);
    const roles = loadPermissionContext(root).roles.roles;
    expect(roles.find((r) => r.name === 'bomb.g')?.description?.length).toBeLessThan(100);
    expect(of('deep').map((d) => d.rule)).toEqual(['manifest-parse-error']);
    expect(of('a_list')).toEqual([{ rule: 'manifest-invalid', line: 1 }]);
    expect(of('empty')).toEqual([{ rule: 'manifest-invalid', line: 1 }]);
    expect(of('binary').length).toBeGreaterThan(0);
    expect(of('bad_csv')).toEqual([{ rule: 'manifest-invalid', line: 1 }]);
    expect(report.modules.find((m) => m.name === 'ok')?.status).toBe('ok');
  });
});

describe("Odoo's migration scripts", () => {
  it('migrate plan lists them in the order odoo -u runs them; preflight and apply are refused (never runs Python)', async () => {
    const root = copyFixture(FIXTURE);
    // A second version of sale_force_invoiced, an end- script, a 0.0.0 script (always run) and a short version folder.
    write(root, 'sale_force_invoiced/migrations/16.0.2.0.0/pre-migration.py', '"""Renames the old column."""\n\n\ndef migrate(cr, version):\n    pass\n');
    write(root, 'sale_force_invoiced/migrations/2.1.0/end-migration.py', 'def migrate(cr, version):\n    pass\n');
    write(root, 'sale_force_invoiced/migrations/0.0.0/pre-always.py', 'def migrate(cr, version):\n    pass\n');
    write(root, 'auditlog/migrations/not-a-version/post-x.py', 'def migrate(cr, version):\n    pass\n');
    const run = runBuiltCli(['migrate', 'plan', root, '--format', 'json']);
    const plan = JSON.parse(run.stdout) as { kind: string; runWith: string; steps: { id: string; kind: string; file: string; line: number; summary?: string }[]; diagnostics: Diagnostic[] };
    expect(plan.kind).toBe('odoo');
    const ids = plan.steps.map((s) => s.id);
    const order = (JSON.parse(runBuiltCli(['check', root, '--format', 'json']).stdout) as { order: string[] }).order;
    // pre- scripts by version (0.0.0 first), then post-, per addon in load order; end- scripts last.
    const blocking = ['sale_stock_picking_blocking/16.0.1.1.0/pre-migration.py'];
    const forced = ['sale_force_invoiced/0.0.0/pre-always.py', 'sale_force_invoiced/16.0.2.0.0/pre-migration.py', 'sale_force_invoiced/16.0.1.0.1/post-migration.py'];
    const byOrder = order.indexOf('sale_force_invoiced') < order.indexOf('sale_stock_picking_blocking') ? [...forced, ...blocking] : [...blocking, ...forced];
    expect(ids).toEqual([...byOrder, 'sale_force_invoiced/2.1.0/end-migration.py']);
    expect(plan.steps.find((s) => s.id === 'sale_force_invoiced/16.0.2.0.0/pre-migration.py')).toMatchObject({ kind: 'pre-migration', line: 4, summary: 'Renames the old column.' });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ file: 'auditlog/migrations/not-a-version/post-x.py', message: expect.stringContaining("'not-a-version' is not an Odoo version") })]);
    const refused = runBuiltCli(['migrate', 'apply', root]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('its updates are Python, which the workbench reads but never runs');
    expect(refused.stderr).toContain('(odoo -u)');
  });
});
