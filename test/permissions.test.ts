/**
 * The permission reconciler from the command line (the built CLI as a real process, on fixture
 * checkouts copied to temp folders): reconcile dry run, --apply, --remove-stale, wildcard
 * coverage, role creation, byte preservation, idempotence, broken roles files; catalog; codegen
 * against golden files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PermissionCatalog } from '../src-main/common/contract-permissions';
import { copyFixture, EXAMPLE, FIXTURES, runBuiltCli, writeCheckout } from './helpers/checkout';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
const temp = (dir: string): string => (temps.push(dir), dir);
const reconcileFixture = () => temp(copyFixture('permissions/reconcile'));
const rolesOf = (dir: string): Buffer => fs.readFileSync(path.join(dir, 'roles.yaml'));

const ORIGINAL = fs.readFileSync(path.join(FIXTURES, 'permissions/reconcile/roles.yaml'), 'utf8');

/** The fixture's roles.yaml after `--apply`: the original bytes with lines inserted, nothing else touched. */
const ADDED = ORIGINAL.replace(
  '      - helpdesk.ticket.read   # the helpdesk module was removed\n',
  '      - helpdesk.ticket.read   # the helpdesk module was removed\n      - billing.invoice.read\n',
).replace(
  "    grants: ['blog.post.read']\n",
  "    grants: ['blog.post.read']\n\n  auditor:\n    grants:\n      - billing.invoice.read\n\n  editor:\n    grants:\n      - blog.post.publish\n      - blog.post.read\n",
);
/** ... and after `--apply --remove-stale`: the stale grant's line (with its comment) removed exactly. */
const RECONCILED = ADDED.replace('      - helpdesk.ticket.read   # the helpdesk module was removed\n', '');

describe('mwb permissions reconcile', () => {
  it('dry run: per role add and stale as SPEC §7 JSON, exit 1, nothing written; wildcards cover', () => {
    const dir = reconcileFixture();
    const run = runBuiltCli(['permissions', 'reconcile', dir, '--format', 'json']);
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ required: true, applied: false, file: 'roles.yaml', diagnostics: [] });
    expect(out.roles).toEqual([
      // billing.* covers billing.invoice.read and billing.invoice.void: nothing to add.
      { role: 'finance-admin', add: [], stale: [] },
      { role: 'support', add: ['billing.invoice.read'], stale: ['helpdesk.ticket.read'] },
      { role: 'viewer', add: [], stale: [] },
      { role: 'auditor', add: ['billing.invoice.read'], stale: [] },
      { role: 'editor', add: ['blog.post.publish', 'blog.post.read'], stale: [] },
    ]);
    expect(rolesOf(dir).toString('utf8')).toBe(ORIGINAL);
    // The same checkout gives the same bytes.
    expect(runBuiltCli(['permissions', 'reconcile', dir, '--format', 'json']).stdout).toBe(run.stdout);

    const text = runBuiltCli(['permissions', 'reconcile', dir]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('support: stale helpdesk.ticket.read');
    expect(text.stdout).toContain('editor (new role): add blog.post.publish, blog.post.read');
    expect(text.stdout).toContain('+       - billing.invoice.read');
    expect(rolesOf(dir).toString('utf8')).toBe(ORIGINAL);
  });

  it("the dry run's hint names the checkout that was given, quoted for the shell when it needs to be (issue 13 item 14)", () => {
    const dir = reconcileFixture();
    expect(runBuiltCli(['permissions', 'reconcile', dir]).stdout).toContain(`Write it with: mwb permissions reconcile ${dir} --apply  (add --remove-stale`);
    expect(runBuiltCli(['permissions', 'reconcile'], { cwd: dir }).stdout).toContain('Write it with: mwb permissions reconcile --apply  (add');
    const spaced = path.join(dir, "it's here");
    fs.cpSync(path.join(FIXTURES, 'permissions/reconcile'), spaced, { recursive: true });
    expect(runBuiltCli(['permissions', 'reconcile', spaced, '--remove-stale']).stdout).toContain(`Write it with: mwb permissions reconcile '${dir}/it'\\''s here' --apply --remove-stale`);
  });

  it('--apply adds grants after the last grant and creates missing roles; every other byte stays; stale grants are kept (exit 1)', () => {
    const dir = reconcileFixture();
    const run = runBuiltCli(['permissions', 'reconcile', dir, '--apply']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('wrote roles.yaml: added 4 grants to 3 roles (2 created)');
    expect(run.stdout).toContain('1 stale grant kept (helpdesk.ticket.read)');
    expect(run.status).toBe(1);
    expect(rolesOf(dir).equals(Buffer.from(ADDED, 'utf8'))).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--apply --remove-stale also removes exactly the stale line; a second run has nothing to do (idempotent)', () => {
    const dir = reconcileFixture();
    const first = runBuiltCli(['permissions', 'reconcile', dir, '--apply', '--remove-stale', '--format', 'json']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ applied: true, required: false });
    expect(rolesOf(dir).toString('utf8')).toBe(RECONCILED);

    const again = runBuiltCli(['permissions', 'reconcile', dir, '--format', 'json']);
    expect(again.status).toBe(0);
    const plan = JSON.parse(again.stdout);
    expect(plan.required).toBe(false);
    expect(plan.roles.every((r: { add: string[]; stale: string[] }) => r.add.length === 0 && r.stale.length === 0)).toBe(true);
    const apply = runBuiltCli(['permissions', 'reconcile', dir, '--apply', '--remove-stale']);
    expect(apply.status).toBe(0);
    expect(apply.stdout).toContain('nothing to write');
    expect(rolesOf(dir).toString('utf8')).toBe(RECONCILED);

    // And the checkout is clean: no stale grant, nothing ungranted.
    const check = JSON.parse(runBuiltCli(['check', dir, '--format', 'json', '--strict']).stdout);
    expect(check.diagnostics).toEqual([]);
  });

  it('creates the roles file when there is none (at the path platform.yaml names)', () => {
    const dir = temp(
      writeCheckout({
        'platform.yaml': 'roles: config/roles.yaml\n',
        'modules/blog/module.yaml': 'name: blog\nversion: 1.0.0\npermissions:\n  - {id: blog.post.read, default_roles: [viewer]}\n  - {id: "blog.*", risk: all of blog, default_roles: [editor]}\n',
      }),
    );
    expect(runBuiltCli(['permissions', 'reconcile', dir]).status).toBe(1);
    expect(fs.existsSync(path.join(dir, 'config/roles.yaml'))).toBe(false);
    expect(runBuiltCli(['permissions', 'reconcile', dir, '--apply']).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'config/roles.yaml'), 'utf8')).toBe('roles:\n  editor:\n    grants:\n      - blog.*\n  viewer:\n    grants:\n      - blog.post.read\n');
    // The created role grants a wildcard: check asks for its risk text, reconcile does not invent one.
    const check = JSON.parse(runBuiltCli(['check', dir, '--format', 'json']).stdout);
    expect(check.diagnostics.map((d: { rule: string; file: string; line: number }) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['broad-scope-undocumented config/roles.yaml:4']);
  });

  it('a roles.yaml that does not parse gets a diagnostic with file and line, exit 1, and is never written', () => {
    const dir = reconcileFixture();
    const broken = ORIGINAL.replace('  viewer:\n', '  viewer:\n   description: [unclosed\n');
    fs.writeFileSync(path.join(dir, 'roles.yaml'), broken);
    for (const args of [[], ['--apply'], ['--apply', '--remove-stale']]) {
      const run = runBuiltCli(['permissions', 'reconcile', dir, ...args]);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stdout).toMatch(/roles\.yaml\n\s+\d+:\d+\s+error\s+.*manifest-parse-error/);
      expect(run.stdout).toContain('nothing was written');
      expect(rolesOf(dir).toString('utf8')).toBe(broken);
    }
    const json = JSON.parse(runBuiltCli(['permissions', 'reconcile', dir, '--apply', '--format', 'json']).stdout);
    expect(json).toMatchObject({ roles: [], required: true, applied: false });
    expect(json.diagnostics[0]).toMatchObject({ rule: 'manifest-parse-error', file: 'roles.yaml', severity: 'error' });
    expect(json.diagnostics[0].line).toBeGreaterThanOrEqual(20);
    expect(rolesOf(dir).toString('utf8')).toBe(broken);
  });

  it('a roles.yaml of the wrong shape is not written either', () => {
    const dir = reconcileFixture();
    const wrong = ORIGINAL.replace("    grants: ['blog.post.read']\n", "    grant: ['blog.post.read']\n");
    fs.writeFileSync(path.join(dir, 'roles.yaml'), wrong);
    const run = runBuiltCli(['permissions', 'reconcile', dir, '--apply']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/21:5\s+error\s+role 'viewer': unknown key 'grant'.*roles-invalid/);
    expect(rolesOf(dir).toString('utf8')).toBe(wrong);
  });

  it('a roles file reconcile refuses to edit (grants shared through a YAML anchor) says why in every format, with the plan for a hand edit', () => {
    // The fixture of the rule: test/registry-rules.test.ts leaves reconcile-only rules to this file.
    const dir = temp(copyFixture('rules/roles-not-editable'));
    const shared = rolesOf(dir).toString('utf8');
    const json = runBuiltCli(['permissions', 'reconcile', dir, '--apply', '--format', 'json']);
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ applied: false, required: true });
    expect(out.roles).toEqual([
      { role: 'a', add: ['blog.post.edit'], stale: ['blog.old.x'] },
      { role: 'b', add: [], stale: ['blog.old.x'] },
    ]);
    expect(out.diagnostics).toEqual([expect.objectContaining({ rule: 'roles-not-editable', severity: 'error', file: 'roles.yaml', line: 6 })]);
    expect(out.diagnostics[0].message).toContain('YAML anchor (&g)');

    const text = runBuiltCli(['permissions', 'reconcile', dir, '--apply']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("the 'grants' list of role 'a' carries a YAML anchor (&g)");
    expect(text.stdout).toContain('nothing was written (roles.yaml:6:7)');
    expect(text.stdout).toContain('To reconcile roles.yaml by hand');
    expect(text.stdout).toContain('  a: add blog.post.edit');
    expect(text.stdout).toContain('  b: stale blog.old.x');

    const md = runBuiltCli(['permissions', 'reconcile', dir, '--apply', '--format', 'markdown']).stdout;
    expect(md).toContain('[roles-not-editable](docs/rules/roles-not-editable.md)');
    expect(md).toContain('| a | blog.post.edit | blog.old.x |');
    expect(rolesOf(dir).toString('utf8')).toBe(shared);
  });

  it('the example platform is reconciled', () => {
    const run = runBuiltCli(['permissions', 'reconcile', EXAMPLE, '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).required).toBe(false);
  });

  it('usage errors exit 2', () => {
    expect(runBuiltCli(['permissions']).status).toBe(2);
    expect(runBuiltCli(['permissions', 'rebuild', EXAMPLE]).status).toBe(2);
    expect(runBuiltCli(['permissions', 'reconcile', EXAMPLE, '--force']).status).toBe(2);
    expect(runBuiltCli(['permissions', 'codegen', EXAMPLE]).stderr).toContain('--lang is required');
    expect(runBuiltCli(['permissions', 'codegen', EXAMPLE, '--lang', 'rust']).status).toBe(2);
    expect(runBuiltCli(['permissions', 'catalog', path.join(os.tmpdir(), 'mwb-no-such-checkout')]).status).toBe(2);
  });
});

describe('mwb permissions catalog', () => {
  it('lists every permission with module, description, risk, the routes requiring it and the roles granting it, directly or by wildcard', () => {
    const dir = reconcileFixture();
    const run = runBuiltCli(['permissions', 'catalog', dir, '--format', 'json']);
    expect(run.status).toBe(0);
    const cat = JSON.parse(run.stdout) as PermissionCatalog;
    expect(cat.permissions.map((p) => p.id)).toEqual(['billing.*', 'billing.invoice.read', 'billing.invoice.void', 'blog.post.publish', 'blog.post.read']);
    const read = cat.permissions.find((p) => p.id === 'billing.invoice.read');
    expect(read).toMatchObject({ module: 'billing', description: 'Read invoices.', risk: null, wildcard: false, file: 'modules/billing/module.yaml', line: 8, column: 9 });
    expect(read?.routes).toEqual([{ module: 'billing', method: 'GET', path: '/invoices', file: 'modules/billing/module.yaml', line: 15, column: 49 }]);
    expect(read?.grantedBy).toEqual([{ role: 'finance-admin', grant: 'billing.*', direct: false }]);
    expect(cat.permissions.find((p) => p.id === 'billing.*')).toMatchObject({ wildcard: true, risk: 'Voids and refunds included; finance leads only.', grantedBy: [{ role: 'finance-admin', grant: 'billing.*', direct: true }] });
    expect(cat.permissions.find((p) => p.id === 'blog.post.publish')?.grantedBy).toEqual([]);
    expect(cat.roles.find((r) => r.name === 'support')?.grants).toEqual([
      { id: 'blog.post.read', line: 16, column: 9, wildcard: false, covers: 1 },
      { id: 'helpdesk.ticket.read', line: 17, column: 9, wildcard: false, covers: 0 },
    ]);

    const text = runBuiltCli(['permissions', 'catalog', dir]).stdout;
    expect(text).toContain('billing.invoice.read  Read invoices.');
    expect(text).toContain('roles:  finance-admin via billing.*');
    expect(text).toContain('roles:  none (no role grants it)');
    const md = runBuiltCli(['permissions', 'catalog', dir, '--format', 'markdown']).stdout;
    expect(md).toContain('| `billing.invoice.void` | billing | Void an issued invoice. |  | POST /invoices/{id}/void | finance-admin via billing.* |');
  });

  it('reports a broken roles file (exit 1) and still lists the permissions', () => {
    const dir = reconcileFixture();
    fs.writeFileSync(path.join(dir, 'roles.yaml'), 'roles:\n  a: [\n');
    const run = runBuiltCli(['permissions', 'catalog', dir, '--format', 'json']);
    expect(run.status).toBe(1);
    const cat = JSON.parse(run.stdout) as PermissionCatalog;
    expect(cat.permissions).toHaveLength(5);
    expect(cat.diagnostics[0]).toMatchObject({ rule: 'manifest-parse-error', file: 'roles.yaml' });
  });
});

describe('mwb permissions codegen', () => {
  const checkout = path.join(FIXTURES, 'codegen', 'checkout');
  const golden = { ts: 'permissions.ts', go: 'permissions.go', python: 'permissions.py' } as const;

  for (const [lang, file] of Object.entries(golden)) {
    it(`${lang}: one constant per permission, sorted, with a generated header, as the golden file`, () => {
      const expected = fs.readFileSync(path.join(FIXTURES, 'codegen', 'expected', file), 'utf8');
      const run = runBuiltCli(['permissions', 'codegen', checkout, '--lang', lang]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(expected);
      // --out writes the same bytes (atomically, creating folders), and says what it wrote.
      const out = path.join(temp(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-codegen-'))), 'gen', file);
      const written = runBuiltCli(['permissions', 'codegen', checkout, '--lang', lang, '--out', out]);
      expect(written.status).toBe(0);
      expect(written.stdout).toMatch(/^wrote 8 permission constants/);
      expect(fs.readFileSync(out, 'utf8')).toBe(expected);
    });
  }

  it('two ids that would share a constant name are an error naming both; nothing is printed or written (exit 1)', () => {
    const dir = temp(writeCheckout({ 'modules/app/module.yaml': 'name: app\nversion: 1.0.0\npermissions:\n  - id: app.all\n  - id: app.a_b.read\n  - id: app.a-b.read\n  - id: app.*\n    risk: everything\n' }));
    const run = runBuiltCli(['permissions', 'codegen', dir, '--lang', 'ts']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('app.a-b.read and app.a_b.read would both be named APP_A_B_READ');
    const out = path.join(dir, 'gen', 'permissions.ts');
    const written = runBuiltCli(['permissions', 'codegen', dir, '--lang', 'ts', '--out', out]);
    expect(written.status).toBe(1);
    expect(written.stderr).toContain('nothing was written');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('leaves malformed ids out, says so and exits 1', () => {
    const dir = temp(writeCheckout({ 'modules/blog/module.yaml': 'name: blog\nversion: 1.0.0\npermissions:\n  - id: blog.post.read\n  - id: Blog.Post\n' }));
    const run = runBuiltCli(['permissions', 'codegen', dir, '--lang', 'python']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('BLOG_POST_READ: Final = "blog.post.read"');
    expect(run.stdout).not.toContain('Blog.Post');
    expect(run.stderr).toContain('Blog.Post');
  });
});
