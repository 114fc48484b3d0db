/**
 * One fixture checkout per active rule of the catalogue (test/fixtures/rules/<rule-id>[--<variant>]/),
 * each triggering its rule exactly where the table below says: rule, severity, module, file, line
 * and column of the offending YAML node. Anything else a fixture reports fails the test, unless the
 * case tolerates it by name.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src-main/common/diagnostic';
import type { CheckReport, ModuleStatus } from '../src-main/common/model';
import { RULE_IDS, RULES, ruleDocPath, type RuleId } from '../src-main/common/rules';
import type { CheckResult } from '../src-main/engine/check';
import { checkCheckout } from '../src-main/service/load-checkout';
import { openMigrationContext } from '../src-main/service/migration-context';
import { defaultDatabase, planCheckout } from '../src-main/service/migrations';
import { runMigrations, runToEnd } from '../src-main/service/migrations-run';
import { tablesReport } from '../src-main/service/tables-analysis';
import { copyFixture, FIXTURES, REPO } from './helpers/checkout';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** Copies `rules/<fixture>` into a temp folder (tests never write into the repository). */
function copy(fixture: string): string {
  const dir = copyFixture(`rules/${fixture}`);
  temps.push(dir);
  return dir;
}

interface Expected {
  rule: RuleId;
  severity: Diagnostic['severity'];
  /** `undefined` means the finding must carry no module (the manifest gives no usable name). */
  module: string | undefined;
  file: string;
  /** `undefined`: the finding has no line (a file that is gone, a database). */
  line: number | undefined;
  column?: number;
  /** Every pattern must match the message. */
  message?: (RegExp | string)[];
  related?: { module?: string; file: string; line: number }[];
}

interface Case {
  fixture: string;
  title: string;
  profile?: string;
  /** Runs on the temp copy before the check (symlinks, generated files). */
  prepare?: (dir: string) => void | Promise<void>;
  /** The findings of the rules named here, in report order. No other rule may report anything ... */
  expect: Expected[];
  /** ... except these. */
  tolerate?: RuleId[];
  /** Module status by module folder. */
  status?: Record<string, ModuleStatus>;
  extra?: (result: CheckResult, dir: string) => void;
  /** The engine gets this wrong today (see the comment on the case): the test states the correct behaviour. */
  fails?: boolean;
}

function e(rule: RuleId, module: string | undefined, file: string, line: number, column: number, ...message: (RegExp | string)[]): Expected {
  const info = RULES.get(rule);
  if (!info) throw new Error(`unknown rule ${rule}`);
  return { rule, severity: info.severity, module, file, line, column, message };
}

function withRelated(x: Expected, related: Expected['related']): Expected {
  return { ...x, related };
}

function expectFinding(d: Diagnostic, x: Expected): void {
  const where = `${x.rule} at ${x.file}:${x.line}`;
  expect(d, where).toMatchObject({ rule: x.rule, severity: x.severity, file: x.file });
  expect(d.line, `${where} line`).toBe(x.line);
  if (x.column !== undefined) expect(d.column, `${where} column`).toBe(x.column);
  if (x.module === undefined) expect(d.module, `${where} module`).toBeUndefined();
  else expect(d.module, `${where} module`).toBe(x.module);
  for (const m of x.message ?? []) {
    if (typeof m === 'string') expect(d.message, `${where} message`).toContain(m);
    else expect(d.message, `${where} message`).toMatch(m);
  }
  if (x.related) {
    expect(d.related, `${where} related`).toHaveLength(x.related.length);
    x.related.forEach((r, i) => expect(d.related?.[i], `${where} related[${i}]`).toMatchObject(r));
  }
}

function statusByPath(report: CheckReport): Record<string, ModuleStatus[]> {
  const out: Record<string, ModuleStatus[]> = {};
  for (const m of report.modules) (out[m.path] ??= []).push(m.status);
  return out;
}

function onlyRules(report: CheckReport, allowed: readonly RuleId[]): void {
  const unexpected = report.diagnostics.filter((d) => !allowed.includes(d.rule));
  expect(unexpected, 'findings of rules this fixture should not trigger').toEqual([]);
}

/** Applies every migration of a checkout to its dev database (contract and maintenance included). */
async function applyAll(dir: string): Promise<void> {
  const run = await runToEnd(runMigrations(openMigrationContext(dir), defaultDatabase(dir), { command: 'apply', yes: true }));
  expect(run.ok, run.stopped).toBe(true);
}

/** Writes a manifest of `bytes` bytes that is otherwise valid YAML. */
function hugeManifest(bytes: number): string {
  const head = 'name: huge\nversion: 1.0.0\n';
  const line = `# ${'padding '.repeat(12)}\n`;
  return head + line.repeat(Math.ceil((bytes - head.length) / line.length));
}

const CASES: Case[] = [
  // ---------------------------------------------------------------- Drupal (src-main/adapters/drupal)
  {
    fixture: 'drupal-dependency-not-in-checkout',
    title: 'a dependency on a submodule of a project composer requires is an info at the dependency line, not dependency-missing',
    expect: [e('drupal-dependency-not-in-checkout', 'shop', 'modules/custom/shop/shop.info.yml', 6, 5, "'paragraphs_library'", 'drupal/paragraphs')],
    status: { 'modules/custom/shop': 'ok', 'core/modules/system': 'ok' },
  },
  {
    fixture: 'drupal-permission-unverifiable',
    title: 'a grant that an absent module the role depends on could provide cannot be verified: info, not role-grant-unknown',
    expect: [e('drupal-permission-unverifiable', undefined, 'config/sync/user.role.site_builder.yml', 13, 5, "'administer rules'", "module 'rules'")],
  },
  {
    fixture: 'drupal-module-lifecycle',
    title: 'a deprecated module is shown at its lifecycle line, with its link',
    expect: [e('drupal-module-lifecycle', 'legacy', 'modules/custom/legacy/legacy.info.yml', 4, 12, 'deprecated', 'https://www.drupal.org/node/3223395')],
  },
  // ---------------------------------------------------------------- Odoo (src-main/adapters/odoo)
  {
    fixture: 'odoo-addon-not-installable',
    title: 'an addon that says installable: False is left out of the graph, at its installable line',
    expect: [e('odoo-addon-not-installable', 'legacy', 'legacy/__manifest__.py', 6, 20, "'legacy'", 'installable: False')],
    status: { shop: 'ok' },
  },
  {
    fixture: 'odoo-access-everyone',
    title: 'an access row without a group applies to every user: an info at its empty group cell',
    expect: [e('odoo-access-everyone', 'shop', 'shop/security/ir.model.access.csv', 3, 58, "'shop.access_shop_banner_all'", 'read on shop_banner')],
  },
  {
    fixture: 'odoo-access-group-outside-dependencies',
    title: "a row granting to a group of an addon outside its dependencies is an error at the group cell (a core group through a core dependency is not)",
    expect: [e('odoo-access-group-outside-dependencies', 'shop', 'shop/security/ir.model.access.csv', 3, 66, "'loyalty.group_loyalty_manager'", "'loyalty' is not among the dependencies of 'shop'")],
  },
  {
    fixture: 'python-not-static--odoo',
    title: 'an Odoo manifest value that only running Python could give is an info at its line; the rest of the addon loads',
    expect: [e('python-not-static', 'shop', 'shop/__manifest__.py', 4, 25, "'depends'[1]", 'extra_addon()')],
    status: { shop: 'ok' },
  },
  // ---------------------------------------------------------------- manifests
  {
    fixture: 'manifest-parse-error',
    title: 'syntax error (tab indentation), duplicate key and alias bomb; nothing else of those manifests is used',
    expect: [
      e('manifest-parse-error', undefined, 'modules/invoicing/module.yaml', 6, 1, 'duplicate key'),
      e('manifest-parse-error', undefined, 'modules/ledger/module.yaml', 5, 1, /tab/i),
      e('manifest-parse-error', undefined, 'modules/lol/module.yaml', 7, 9, /alias/, 'more than 100'),
    ],
    status: { 'modules/accounts': 'ok', 'modules/invoicing': 'invalid', 'modules/ledger': 'invalid', 'modules/lol': 'invalid' },
  },
  {
    fixture: 'manifest-parse-error--platform',
    title: 'a duplicate key in platform.yaml; the platform defaults apply',
    expect: [e('manifest-parse-error', undefined, 'platform.yaml', 5, 3, 'duplicate key')],
    status: { 'modules/core': 'ok' },
    extra: ({ report }) => expect(report.profile).toBe('default'),
  },
  {
    // Regression (fixed in engine/yaml-source.ts, parseYamlSource): for an unclosed quote the yaml package reports
    // MISSING_CHAR at the end of the file (here line 6, column 1, past the last line); the engine
    // passes error.pos[0] through. The offending node is the quoted scalar that starts on line 3.
    fixture: 'manifest-parse-error--unclosed-quote',
    title: 'an unclosed quote points at the quoted value, not at the end of the file',
    expect: [e('manifest-parse-error', undefined, 'modules/billing/module.yaml', 3, 14, /quote/)],
    status: { 'modules/billing': 'invalid' },
  },
  {
    // Regression (fixed in engine/yaml-source.ts, parseYamlSource catch block): any toJS error whose message contains
    // "alias" is called an alias bomb. An alias without an anchor ("Unresolved alias (the anchor must
    // be set before the alias): common") is reported as "YAML aliases expand too much (more than 100
    // expansions): refused as a possible alias bomb".
    fixture: 'manifest-parse-error--undefined-alias',
    title: 'an alias with no anchor is reported as such, not as an alias bomb',
    expect: [e('manifest-parse-error', undefined, 'modules/shipping/module.yaml', 4, 15, 'common', /anchor|unresolved|undefined|unknown/i)],
    extra: ({ report }) => expect(report.diagnostics[0].message).not.toMatch(/expand too much|alias bomb/),
  },
  {
    // Regression (fixed in engine/yaml-source.ts, parseYamlSource findAlias): the alias-bomb finding points at the
    // first alias of the document, here the harmless `dependencies: *deps` on line 4, instead of the
    // bomb (lines 6-9; the yaml package refuses the expansion at line 8, column 42).
    fixture: 'manifest-parse-error--bomb-after-alias',
    title: 'an alias bomb is located at the bomb, not at an earlier harmless alias',
    expect: [],
    extra: ({ report }) => {
      const bomb = report.diagnostics.filter((d) => d.rule === 'manifest-parse-error');
      expect(bomb).toHaveLength(1);
      expect(bomb[0]).toMatchObject({ file: 'modules/lol/module.yaml', severity: 'error' });
      expect(bomb[0].message).toMatch(/more than 100/);
      expect([7, 8, 9]).toContain(bomb[0].line);
    },
    tolerate: ['manifest-parse-error'],
  },
  {
    fixture: 'manifest-unreadable',
    title: 'a folder named module.yaml, non-UTF-8 bytes, symlink loops (folder and file) and a manifest over 1 MiB',
    prepare: (dir) => {
      const modules = path.join(dir, 'modules');
      // Never committed: a symlink loop between two module folders, and a manifest linking to itself.
      fs.symlinkSync('loop-b', path.join(modules, 'loop-a'));
      fs.symlinkSync('loop-a', path.join(modules, 'loop-b'));
      fs.mkdirSync(path.join(modules, 'mirror'));
      fs.symlinkSync('module.yaml', path.join(modules, 'mirror', 'module.yaml'));
      fs.mkdirSync(path.join(modules, 'huge'));
      const text = hugeManifest(1024 * 1024 + 100 * 1024);
      expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
      fs.writeFileSync(path.join(modules, 'huge', 'module.yaml'), text);
      // Guard: the fixture must still hold the Latin-1 byte (0xe9) that git stores verbatim.
      expect([...fs.readFileSync(path.join(modules, 'legacy-import', 'module.yaml'))]).toContain(0xe9);
    },
    expect: [
      e('manifest-unreadable', undefined, 'modules/huge/module.yaml', 1, 1, 'over the 1.0 MiB limit'),
      e('manifest-unreadable', undefined, 'modules/legacy-import/module.yaml', 3, 33, 'not valid UTF-8', '0xe9', 'line 3, column 33'),
      e('manifest-unreadable', undefined, 'modules/loop-a', 1, 1, 'symlink loop'),
      e('manifest-unreadable', undefined, 'modules/loop-b', 1, 1, 'symlink loop'),
      e('manifest-unreadable', undefined, 'modules/mirror/module.yaml', 1, 1, 'symlink loop'),
      e('manifest-unreadable', undefined, 'modules/storefront/module.yaml', 1, 1, 'is a folder'),
    ],
    status: {
      'modules/catalog': 'ok',
      'modules/huge': 'invalid',
      'modules/legacy-import': 'invalid',
      'modules/mirror': 'invalid',
      'modules/storefront': 'invalid',
    },
    extra: ({ report }) => {
      // The loops are reported, never followed into modules.
      expect(report.modules.map((m) => m.path)).not.toContain('modules/loop-a');
      expect(report.modules.map((m) => m.path)).not.toContain('modules/loop-b');
    },
  },
  {
    fixture: 'manifest-invalid',
    title: 'wrong type, bad enum, missing required field, invalid semver range, a list, an empty manifest',
    expect: [
      e('manifest-invalid', undefined, 'modules/coupons/module.yaml', 2, 1, 'not a list'),
      e('manifest-invalid', undefined, 'modules/gift-cards/module.yaml', 1, 1, 'empty'),
      e('manifest-invalid', 'reviews', 'modules/reviews/module.yaml', 2, 1, "missing required field 'version'"),
      e('manifest-invalid', 'search', 'modules/search/module.yaml', 4, 7, 'tier', '"core", "optional", "internal"'),
      e('manifest-invalid', 'shipping', 'modules/shipping/module.yaml', 4, 15, 'dependencies', 'a list'),
      e('manifest-invalid', 'wishlist', 'modules/wishlist/module.yaml', 5, 5, 'dependencies[1]', "'>= one.two' is not a valid semver range"),
    ],
    status: {
      'modules/core': 'ok',
      'modules/coupons': 'invalid',
      'modules/gift-cards': 'invalid',
      'modules/reviews': 'invalid',
      'modules/search': 'invalid',
      'modules/shipping': 'invalid',
      'modules/wishlist': 'invalid',
    },
  },
  {
    fixture: 'manifest-unknown-key',
    title: 'an unknown top-level key is a warning at the key, and the module still loads',
    expect: [e('manifest-unknown-key', 'search', 'modules/search/module.yaml', 5, 1, "'owner'")],
    status: { 'modules/search': 'ok' },
  },
  {
    fixture: 'module-duplicate',
    // Folder 'invoicing' claims 'billing': a duplicate and a name mismatch, both reported (issue 13 item 11).
    title: 'the second manifest (by path) claiming a name is the duplicate, and its folder does not match the name either',
    expect: [
      withRelated(e('module-duplicate', 'billing', 'modules/invoicing/module.yaml', 2, 7, 'already declared by modules/billing/module.yaml'), [
        { module: 'billing', file: 'modules/billing/module.yaml', line: 1 },
      ]),
      e('module-name-mismatch', 'billing', 'modules/invoicing/module.yaml', 2, 7, "module 'billing' lives in folder 'invoicing'"),
    ],
    extra: ({ report }) => expect(statusByPath(report)).toMatchObject({ 'modules/billing': ['ok'], 'modules/invoicing': ['invalid'] }),
  },
  {
    // Regression (fixed in engine/registry.ts, buildRegistry): "the first manifest (by path) owns the name" sorts
    // manifests by the whole file string, so 'modules/billing-v2/module.yaml' sorts before
    // 'modules/billing/module.yaml' ('-' < '/'). modules/billing, whose folder matches the name and
    // which comes first in discovery and in any file tree, is reported as the duplicate, and
    // billing-v2 additionally gets a module-name-mismatch. Compare folder paths segment by segment.
    // (billing-v2, the duplicate, does get a module-name-mismatch: its folder does not match its name.)
    fixture: 'module-duplicate--prefix',
    title: 'a folder whose name extends another (billing, billing-v2) does not take the name over',
    expect: [
      withRelated(e('module-duplicate', 'billing', 'modules/billing-v2/module.yaml', 2, 7, 'already declared by modules/billing/module.yaml'), [
        { module: 'billing', file: 'modules/billing/module.yaml', line: 1 },
      ]),
      e('module-name-mismatch', 'billing', 'modules/billing-v2/module.yaml', 2, 7, "folder 'billing-v2'"),
    ],
    extra: ({ report }) => expect(statusByPath(report)).toMatchObject({ 'modules/billing': ['ok'], 'modules/billing-v2': ['invalid'] }),
  },
  {
    fixture: 'module-name-mismatch',
    title: 'a module named differently from its folder',
    expect: [e('module-name-mismatch', 'payments', 'modules/payment/module.yaml', 1, 7, "'payments'", "'payment'")],
    status: { 'modules/payment': 'ok' },
  },
  {
    fixture: 'path-outside-module',
    title: 'a ../ migrations folder, ../ and absolute message catalogs, an absolute migrations folder',
    expect: [
      e('path-outside-module', 'exports', 'modules/exports/module.yaml', 4, 13, '/srv/acme/exports/migrations'),
      e('path-outside-module', 'reports', 'modules/reports/module.yaml', 4, 13, "migrations folder '../shared/migrations'"),
      e('path-outside-module', 'reports', 'modules/reports/module.yaml', 7, 5, "message catalog '../../locales/de.json'"),
      e('path-outside-module', 'reports', 'modules/reports/module.yaml', 8, 5, "message catalog '/etc/reports/fr.json'"),
    ],
  },
  {
    fixture: 'config-defaults-invalid',
    title: 'a default of the wrong type, a missing required default, an invalid config schema',
    expect: [
      e('config-defaults-invalid', 'exports', 'modules/exports/module.yaml', 13, 5, 'config.defaults', 'bucket'),
      e('config-defaults-invalid', 'mailer', 'modules/mailer/module.yaml', 15, 14, 'config.defaults.retries', 'integer'),
      e('config-defaults-invalid', 'webhooks', 'modules/webhooks/module.yaml', 5, 5, 'config.schema is not a valid JSON Schema'),
    ],
  },
  {
    fixture: 'error-code-duplicate',
    title: 'an error code declared in two modules, and one declared twice in one manifest',
    expect: [
      withRelated(e('error-code-duplicate', 'payments', 'modules/payments/module.yaml', 6, 11, 'PAYMENT_DECLINED', "by module 'billing'"), [
        { module: 'billing', file: 'modules/billing/module.yaml', line: 4 },
      ]),
      withRelated(e('error-code-duplicate', 'payments', 'modules/payments/module.yaml', 8, 11, 'PAYMENTS_TIMEOUT', 'earlier in this manifest'), [
        { module: 'payments', file: 'modules/payments/module.yaml', line: 4 },
      ]),
    ],
  },
  {
    fixture: 'message-catalog-missing',
    title: 'a declared catalog that does not exist (the other one does)',
    expect: [e('message-catalog-missing', 'orders', 'modules/orders/module.yaml', 5, 5, 'locales/de.json')],
  },
  {
    fixture: 'schedule-invalid',
    title: 'a cron with four fields, an hour out of range, and a schedule for an undeclared task',
    expect: [
      e('schedule-invalid', 'monitoring', 'modules/monitoring/module.yaml', 12, 11, "'0 3 * *'", 'expected 5 fields'),
      e('schedule-invalid', 'monitoring', 'modules/monitoring/module.yaml', 13, 11, "'send-digest'", 'collect-health, prune-history'),
      e('schedule-invalid', 'monitoring', 'modules/monitoring/module.yaml', 16, 11, 'hour 24 is outside 0-23'),
    ],
  },
  // ---------------------------------------------------------------- platform.yaml and waivers
  {
    fixture: 'platform-invalid',
    title: 'core_version not semver, default_profile naming no profile, an unknown key, a wrong type',
    expect: [
      e('platform-invalid', undefined, 'platform.yaml', 2, 15, 'core_version', "'two'"),
      e('platform-invalid', undefined, 'platform.yaml', 13, 18, "default_profile 'production' names no profile", 'default, full'),
      e('platform-invalid', undefined, 'platform.yaml', 14, 1, "unknown field 'owner'"),
      e('platform-invalid', undefined, 'platform.yaml', 16, 11, 'tenancy.column', 'a string'),
    ],
    extra: (result, dir) => {
      // The unknown default profile falls back to the first one; the others can still be chosen.
      expect(result.report.profile).toBe('default');
      expect(result.registry.platform.defaultProfile).toBe('default');
      expect(checkCheckout(dir, 'full').report.profile).toBe('full');
    },
  },
  {
    fixture: 'platform-invalid--waivers',
    title: 'a profile capability with a bad version, a waiver for an unknown rule, a waiver without a rule',
    expect: [
      e('platform-invalid', undefined, 'platform.yaml', 6, 9, 'profiles.default.capabilities[1]', "'lts'"),
      e('platform-invalid', undefined, 'platform.yaml', 8, 11, 'waivers[0].rule', "'tier-violaton'"),
      e('platform-invalid', undefined, 'platform.yaml', 11, 5, 'waivers[1]', "'rule'"),
    ],
    // Invalid waivers are not used, so they are not stale either.
    extra: ({ report }) => expect(report.summary.waived).toBe(0),
  },
  {
    fixture: 'platform-invalid--list',
    title: 'platform.yaml that is a list',
    expect: [e('platform-invalid', undefined, 'platform.yaml', 2, 1, 'mapping', 'a list')],
    status: { 'modules/core': 'ok' },
  },
  {
    // Regression (fixed in service/load-checkout.ts loadCheckout + node/discover.ts discoverFolders): a discovery glob
    // that leaves the checkout is reported as manifest-unreadable with file '../shared-modules/*'
    // (not a checkout-relative file) at line 1. It is a platform.yaml problem: platform-invalid at the
    // glob's line in platform.yaml (parsePlatform should validate `modules` globs).
    fixture: 'platform-invalid--glob',
    title: 'discovery globs that leave the checkout are platform-invalid at their line in platform.yaml',
    expect: [
      e('platform-invalid', undefined, 'platform.yaml', 4, 5, '../shared-modules/*'),
      e('platform-invalid', undefined, 'platform.yaml', 5, 5, '/opt/acme/modules/*'),
    ],
    status: { 'modules/core': 'ok' },
  },
  {
    // Issue 13 item 14: a waiver for waiver-stale was itself called stale, though it was doing its job.
    fixture: 'waiver-stale--waived',
    title: 'a waiver for waiver-stale waives stale waivers and is not stale itself; one that waives nothing is',
    expect: [e('waiver-stale', undefined, 'platform.yaml', 12, 5, 'waiver for waiver-stale', "module 'core'", 'matches no finding')],
    extra: ({ report }) => {
      expect(report.waived).toEqual([
        expect.objectContaining({ rule: 'waiver-stale', file: 'platform.yaml', line: 4, waiver: expect.objectContaining({ line: 8, reason: 'waivers shared with the v2 branch' }) }),
      ]);
    },
  },
  {
    fixture: 'module-glob-unmatched',
    title: 'a glob that matches no folder and one whose folders hold no module.yaml; a brace glob discovers both alternatives',
    expect: [
      e('module-glob-unmatched', undefined, 'platform.yaml', 5, 5, "'libs/*' matches no folder"),
      e('module-glob-unmatched', undefined, 'platform.yaml', 6, 5, "'plugins/*' matches 1 folder (plugins/drafts) but none holds a module.yaml"),
    ],
    status: { 'modules/core': 'ok', 'packages/audit': 'ok', 'packages/billing': 'ok' },
  },
  {
    fixture: 'waiver-stale',
    title: 'a waiver that silences a finding, one whose finding is gone, one with a misspelt module',
    expect: [
      e('waiver-stale', undefined, 'platform.yaml', 8, 5, 'optional-dependency-missing', "module 'orders'"),
      e('waiver-stale', undefined, 'platform.yaml', 12, 5, 'module-name-mismatch', "module 'paymnets'"),
    ],
    extra: ({ report }) => {
      expect(report.diagnostics.filter((d) => d.rule === 'module-name-mismatch')).toEqual([]);
      expect(report.waived).toHaveLength(1);
      expect(report.waived[0]).toMatchObject({
        rule: 'module-name-mismatch',
        severity: 'warning',
        module: 'payments',
        file: 'modules/payment/module.yaml',
        line: 1,
        waiver: { reason: 'Folder renamed with the 2.0 release (PLAT-201)', file: 'platform.yaml', line: 4 },
      });
      expect(report.summary).toMatchObject({ errors: 0, warnings: 2, infos: 0, waived: 1 });
    },
  },
  // ---------------------------------------------------------------- dependencies
  {
    fixture: 'dependency-missing',
    title: 'a dependency on a module that does not exist blocks the module and its dependents',
    expect: [e('dependency-missing', 'orders', 'modules/orders/module.yaml', 5, 5, "'inventory'")],
    status: { 'modules/core': 'ok', 'modules/orders': 'blocked', 'modules/returns': 'blocked' },
  },
  {
    fixture: 'dependency-version-mismatch',
    title: 'a strict dependency outside its range (blocks) and an optional one (does not)',
    expect: [
      withRelated(e('dependency-version-mismatch', 'analytics', 'modules/analytics/module.yaml', 6, 5, 'billing ^2.0.0', 'billing is 3.0.0'), [
        { module: 'billing', file: 'modules/billing/module.yaml', line: 2 },
      ]),
      withRelated(e('dependency-version-mismatch', 'billing', 'modules/billing/module.yaml', 4, 5, 'core >= 2.0.0', 'core is 1.4.0'), [
        { module: 'core', file: 'modules/core/module.yaml', line: 2 },
      ]),
    ],
    status: { 'modules/core': 'ok', 'modules/billing': 'blocked', 'modules/analytics': 'ok' },
  },
  {
    fixture: 'dependency-cycle',
    title: 'a three-module cycle spelt as the whole path; every module on it is blocked',
    expect: [
      withRelated(e('dependency-cycle', 'accounts', 'modules/accounts/module.yaml', 5, 5), [
        { module: 'billing', file: 'modules/billing/module.yaml', line: 1 },
        { module: 'catalog', file: 'modules/catalog/module.yaml', line: 1 },
      ]),
    ],
    status: { 'modules/core': 'ok', 'modules/accounts': 'blocked', 'modules/billing': 'blocked', 'modules/catalog': 'blocked' },
    extra: ({ report }) => {
      const d = report.diagnostics.find((x) => x.rule === 'dependency-cycle');
      expect(d?.message).toBe('dependency cycle: accounts -> billing -> catalog -> accounts');
    },
  },
  {
    fixture: 'dependency-cycle--self',
    title: 'a module that (optionally) depends on itself',
    expect: [e('dependency-cycle', 'search', 'modules/search/module.yaml', 4, 5, 'dependency cycle: search -> search')],
    status: { 'modules/search': 'blocked' },
  },
  {
    fixture: 'core-version-unsatisfied',
    title: "min_core_version against the core module's version",
    expect: [e('core-version-unsatisfied', 'marketplace', 'modules/marketplace/module.yaml', 3, 19, '>=3.0.0', '2.3.0')],
    status: { 'modules/core': 'ok', 'modules/marketplace': 'blocked', 'modules/blog': 'ok' },
  },
  {
    fixture: 'core-version-unsatisfied--platform',
    title: "platform.yaml's core_version wins over the core module's version",
    expect: [e('core-version-unsatisfied', 'marketplace', 'modules/marketplace/module.yaml', 3, 19, '^3.0.0', 'core version is 2.3.0')],
    status: { 'modules/core': 'ok', 'modules/marketplace': 'blocked' },
  },
  {
    fixture: 'tier-violation',
    title: 'core on optional and optional on internal; internal on anything is fine',
    expect: [
      withRelated(e('tier-violation', 'analytics', 'modules/analytics/module.yaml', 6, 5, "optional module 'analytics'", "internal module 'dev-tools'"), [
        { module: 'dev-tools', file: 'modules/dev-tools/module.yaml', line: 3 },
      ]),
      withRelated(e('tier-violation', 'audit', 'modules/audit/module.yaml', 6, 5, "core module 'audit'", "optional module 'analytics'"), [
        { module: 'analytics', file: 'modules/analytics/module.yaml', line: 3 },
      ]),
    ],
  },
  {
    fixture: 'optional-dependency-missing',
    title: 'an absent optional dependency is info only and does not block',
    expect: [e('optional-dependency-missing', 'orders', 'modules/orders/module.yaml', 5, 5, "'loyalty'")],
    status: { 'modules/orders': 'ok', 'modules/payments': 'ok' },
    extra: ({ report }) => expect(report.summary).toMatchObject({ errors: 0, warnings: 0, infos: 1 }),
  },
  // ---------------------------------------------------------------- capabilities and events
  {
    fixture: 'capability-missing',
    title: 'a capability neither a module nor the default profile provides blocks the module and, transitively, its dependents',
    expect: [e('capability-missing', 'search', 'modules/search/module.yaml', 6, 7, "'search.engine'", "profile 'default'", 'this also blocks recommendations, catalog and storefront')],
    status: {
      'modules/blog': 'ok',
      'modules/search': 'blocked',
      'modules/catalog': 'blocked',
      'modules/storefront': 'blocked',
      // Requires search.products, provided only by the blocked search module.
      'modules/recommendations': 'blocked',
    },
    extra: ({ resolution }, dir) => {
      expect(resolution.missing).toEqual([{ capability: 'search.engine', requiredBy: ['search'], blocks: ['recommendations', 'search', 'catalog', 'storefront'] }]);
      // The full profile provides it: nothing is missing or blocked there.
      const full = checkCheckout(dir, 'full').report;
      expect(full.diagnostics).toEqual([]);
      expect(full.modules.every((m) => m.status === 'ok')).toBe(true);
    },
  },
  {
    fixture: 'capability-version-mismatch',
    title: 'a provided capability version outside the required range',
    expect: [
      withRelated(e('capability-version-mismatch', 'checkout', 'modules/checkout/module.yaml', 7, 7, 'payments.gateway >=2.0', '1.2.0 by payments'), [
        { module: 'payments', file: 'modules/payments/module.yaml', line: 5 },
      ]),
    ],
    status: { 'modules/payments': 'ok', 'modules/checkout': 'blocked' },
  },
  {
    // Issue 13 item 14: the message read "provided at an unversioned by search".
    fixture: 'capability-version-mismatch--unversioned',
    title: 'a ranged requirement against a provider that gives no version',
    expect: [
      withRelated(e('capability-version-mismatch', 'shop', 'modules/shop/module.yaml', 6, 7, 'search.index >=1.0', 'provided without a version by search'), [
        { module: 'search', file: 'modules/search/module.yaml', line: 5 },
      ]),
    ],
    extra: ({ report }) => expect(report.diagnostics.map((d) => d.message).join('\n')).not.toContain('an unversioned'),
    status: { 'modules/search': 'ok', 'modules/shop': 'blocked' },
  },
  {
    fixture: 'capability-provider-conflict',
    title: 'two modules provide the same capability; the later one in load order is reported',
    expect: [
      withRelated(e('capability-provider-conflict', 'mail-smtp', 'modules/mail-smtp/module.yaml', 6, 7, "'mail.transport'", "'mail-ses' and 'mail-smtp'"), [
        { module: 'mail-ses', file: 'modules/mail-ses/module.yaml', line: 5 },
      ]),
    ],
    status: { 'modules/mail-ses': 'ok', 'modules/mail-smtp': 'ok' },
  },
  {
    fixture: 'event-no-publisher',
    title: 'a subscription nobody publishes (the published one is fine)',
    expect: [e('event-no-publisher', 'notifications', 'modules/notifications/module.yaml', 6, 7, "'billing.invoice.paid'")],
  },
  // ---------------------------------------------------------------- permissions, routes and roles (service/permissions.ts)
  {
    fixture: 'permission-format',
    title: 'upper case, a single segment and a partial wildcard; malformed ids are not also foreign or ungranted',
    expect: [
      e('permission-format', 'billing', 'modules/billing/module.yaml', 6, 9, "'Billing.Invoice.Void'", 'upper case'),
      e('permission-format', 'billing', 'modules/billing/module.yaml', 7, 9, "'billing'", 'two or more'),
      e('permission-format', 'billing', 'modules/billing/module.yaml', 8, 9, "'billing.inv*'", 'whole segment'),
    ],
  },
  {
    fixture: 'permission-duplicate',
    title: 'an id declared twice in one manifest, and again by another module (which is also outside its namespace)',
    expect: [
      withRelated(e('permission-duplicate', 'billing', 'modules/billing/module.yaml', 7, 9, "'billing.invoice.read'", 'earlier in this manifest'), [{ module: 'billing', file: 'modules/billing/module.yaml', line: 4 }]),
      withRelated(e('permission-duplicate', 'reports', 'modules/reports/module.yaml', 6, 9, "'billing.invoice.read'", "by module 'billing'"), [{ module: 'billing', file: 'modules/billing/module.yaml', line: 4 }]),
      e('permission-foreign-namespace', 'reports', 'modules/reports/module.yaml', 6, 9, "namespace 'billing'"),
    ],
  },
  {
    fixture: 'permission-foreign-namespace',
    title: "a module declaring an id in another module's namespace",
    expect: [e('permission-foreign-namespace', 'support', 'modules/support/module.yaml', 6, 9, "'core.user.impersonate'", "namespace 'core'", "'support.'")],
  },
  {
    fixture: 'broad-scope-undocumented',
    title: 'wildcard permissions without risk (blank counts as none), and a role granting wildcards without risk, at its first wildcard grant',
    expect: [
      e('broad-scope-undocumented', 'billing', 'modules/billing/module.yaml', 5, 9, "'billing.*'"),
      e('broad-scope-undocumented', 'billing', 'modules/billing/module.yaml', 10, 9, "'billing.refund.*'"),
      e('broad-scope-undocumented', undefined, 'roles.yaml', 11, 9, "role 'finance'", "'billing.*' and 'billing.invoice.*'"),
    ],
  },
  {
    fixture: 'route-permission-missing',
    title: 'routes with no permission, an empty permissions list and public: false; public: true is fine',
    expect: [
      e('route-permission-missing', 'shop', 'modules/shop/module.yaml', 8, 5, 'POST /orders'),
      e('route-permission-missing', 'shop', 'modules/shop/module.yaml', 9, 5, 'DELETE /orders/{id}'),
      e('route-permission-missing', 'shop', 'modules/shop/module.yaml', 12, 5, 'GET /webhooks'),
    ],
  },
  {
    fixture: 'route-permission-undeclared',
    title: 'a misspelt permission and one of a permissions list that nobody declares, at the id',
    expect: [
      e('route-permission-undeclared', 'billing', 'modules/billing/module.yaml', 7, 49, "'billing.invoices.read'"),
      e('route-permission-undeclared', 'billing', 'modules/billing/module.yaml', 12, 9, "'payments.refund.create'"),
    ],
  },
  {
    fixture: 'route-permission-foreign',
    title: 'a route requiring the permission of a module its module does not depend on; optional and transitive dependencies count',
    expect: [
      withRelated(e('route-permission-foreign', 'reports', 'modules/reports/module.yaml', 6, 80, "'billing.invoice.read'", "module 'billing'"), [{ module: 'billing', file: 'modules/billing/module.yaml', line: 4 }]),
    ],
  },
  {
    fixture: 'role-grant-unknown',
    title: 'a renamed id, a wildcard over nothing and a malformed id in roles.yaml; a wildcard in the middle that matches is fine',
    expect: [
      e('role-grant-unknown', undefined, 'roles.yaml', 6, 9, "role 'accountant'", "'billing.invoice.approve'"),
      e('role-grant-unknown', undefined, 'roles.yaml', 7, 9, "'legacy-crm.*'"),
      e('role-grant-unknown', undefined, 'roles.yaml', 10, 47, "role 'clerk'", 'not a well-formed id'),
    ],
  },
  {
    fixture: 'permission-ungranted',
    title: 'a permission no role grants; grants through a wildcard count',
    expect: [e('permission-ungranted', 'billing', 'modules/billing/module.yaml', 5, 9, "'billing.invoice.void'", 'reconcile --apply', 'finance-admin')],
  },
  {
    fixture: 'permission-ungranted--no-roles-file',
    title: 'without a roles file nobody holds any permission',
    expect: [
      e('permission-ungranted', 'blog', 'modules/blog/module.yaml', 4, 9, "'blog.post.read'", 'there is no roles.yaml'),
      e('permission-ungranted', 'blog', 'modules/blog/module.yaml', 6, 9, "'blog.post.publish'"),
    ],
  },
  {
    fixture: 'roles-invalid',
    title: "a grant that is not text, a misspelt 'grant', a role that is a list, risk that is not text, grants that are not a list",
    expect: [
      e('roles-invalid', undefined, 'roles.yaml', 5, 9, "role 'viewer'", 'grants[1]', 'a number'),
      e('roles-invalid', undefined, 'roles.yaml', 7, 5, "unknown key 'grant'"),
      e('roles-invalid', undefined, 'roles.yaml', 9, 12, "role 'auditor'", 'a list'),
      e('roles-invalid', undefined, 'roles.yaml', 11, 11, "'risk' must be text"),
      e('roles-invalid', undefined, 'roles.yaml', 12, 13, "'grants' must be a list"),
    ],
    // While the roles file is broken nobody can tell what is granted: no permission-ungranted.
  },
  {
    fixture: 'manifest-parse-error--roles',
    title: 'a duplicate role in roles.yaml is a parse error at its line; no grant findings follow from a file that does not parse',
    expect: [e('manifest-parse-error', undefined, 'roles.yaml', 4, 3, 'duplicate key')],
  },
  {
    fixture: 'platform-invalid--roles',
    title: "a roles file outside the checkout is platform-invalid at platform.yaml's roles line",
    expect: [e('platform-invalid', undefined, 'platform.yaml', 3, 8, '../ops/roles.yaml', 'leaves the checkout')],
  },
  // ---------------------------------------------------------------- notes
  {
    fixture: 'note-invalid',
    title: 'a missing status, an unknown module, a bad kind and an impossible date; a valid note and a README are left alone',
    expect: [
      e('note-invalid', undefined, 'docs/notes/0002-session-storage.md', 1, 1, "missing 'status'"),
      e('note-invalid', undefined, 'docs/notes/0003-refund-flow.md', 8, 5, "'payment' is not a module"),
      e('note-invalid', undefined, 'docs/notes/0004-invoice-archive.md', 3, 7, 'kind', '"decision"'),
      e('note-invalid', undefined, 'docs/notes/0004-invoice-archive.md', 5, 7, 'date 2025-02-30 does not exist', '2025-02 has 28 days'),
    ],
  },
  {
    fixture: 'note-invalid--folder',
    title: 'the notes folder of platform.yaml: a shared number, an unknown supersedes, no front matter, unclosed front matter, an unnumbered name',
    expect: [
      e('note-invalid', undefined, 'docs/decisions/0002-cache-layer.md', 7, 13, 'supersedes 0007'),
      e('note-invalid', undefined, 'docs/decisions/0002-core-plugins.md', 1, 1, 'number 0002 is already used by docs/decisions/0002-cache-layer.md'),
      e('note-invalid', undefined, 'docs/decisions/0003-no-front-matter.md', 1, 1, 'no front matter'),
      e('note-invalid', undefined, 'docs/decisions/0004-unclosed.md', 1, 1, 'never closed'),
      e('note-invalid', undefined, 'docs/decisions/meeting-notes.md', 1, 1, "'meeting-notes.md' is not <NNNN>-<slug>.md"),
    ],
  },
  // ---------------------------------------------------------------- migrations and tenancy
  {
    fixture: 'migration-name-invalid',
    title: 'a sequence that is not four digits, a file named for another module, a file without a phase (README.md is ignored)',
    expect: [
      e('migration-name-invalid', 'billing', 'modules/billing/migrations/billing_0003_notes.sql', 1, 1, 'has no phase'),
      e('migration-name-invalid', 'billing', 'modules/billing/migrations/billing_2_invoice_status.expand.sql', 1, 1, "sequence '2'"),
      e('migration-name-invalid', 'billing', 'modules/billing/migrations/payments_0002_refunds.expand.sql', 1, 1, "named for module 'payments'", "'billing'"),
    ],
  },
  {
    fixture: 'migration-sequence-duplicate',
    title: 'two migrations of a module share sequence 0002; the second by name is reported, pointing at the first',
    expect: [
      withRelated(e('migration-sequence-duplicate', 'shop', 'modules/shop/migrations/shop_0002_item_sku.expand.sql', 1, 1, 'like shop_0002_item_price'), [
        { module: 'shop', file: 'modules/shop/migrations/shop_0002_item_price.expand.sql', line: 1 },
      ]),
    ],
  },
  {
    fixture: 'migration-sequence-gap',
    title: 'a module jumps from 0001 to 0004',
    expect: [e('migration-sequence-gap', 'shop', 'modules/shop/migrations/shop_0004_item_price.expand.sql', 1, 1, '0002-0003 missing')],
  },
  {
    fixture: 'migration-phase-violation',
    title: 'a DROP in expand (after a trigger whose body holds semicolons), a RENAME in expand, DDL in backfill, data in contract; ANALYZE in maintenance is fine',
    expect: [
      e('migration-phase-violation', 'billing', 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', 14, 1, 'drops column legacy', 'move it to a contract migration'),
      e('migration-phase-violation', 'billing', 'modules/billing/migrations/billing_0002_invoice_status.expand.sql', 2, 1, 'renames column note', 'move it to a contract migration'),
      e('migration-phase-violation', 'billing', 'modules/billing/migrations/billing_0003_invoice_status.backfill.sql', 2, 1, 'creates index', 'backfill migrations change data only'),
      e('migration-phase-violation', 'billing', 'modules/billing/migrations/billing_0004_invoice_status.contract.sql', 1, 1, 'deletes rows', 'move it to a backfill migration'),
    ],
  },
  {
    fixture: 'migration-phase-violation--waiver',
    title: 'a -- waiver: header silences its rule in its own file (kept as waived); headers that silence nothing or name no rule are stale',
    expect: [
      e('waiver-stale', 'billing', 'modules/billing/migrations/billing_0001_import.expand.sql', 2, 12, 'tenant-table-missing-column', 'matches no finding'),
      e('waiver-stale', 'billing', 'modules/billing/migrations/billing_0001_import.expand.sql', 3, 12, "'migration-phase-violaton'", 'not a rule id'),
    ],
    extra: ({ report }) => {
      expect(report.waived).toHaveLength(1);
      expect(report.waived[0]).toMatchObject({
        rule: 'migration-phase-violation',
        file: 'modules/billing/migrations/billing_0001_import.expand.sql',
        line: 5,
        waiver: { reason: 'tmp_import is a scratch table no released code reads', file: 'modules/billing/migrations/billing_0001_import.expand.sql', line: 1 },
      });
    },
  },
  {
    fixture: 'migration-depends-unknown',
    title: 'depends headers naming a misspelt and a missing migration, at the id in the header',
    expect: [
      e('migration-depends-unknown', 'orders', 'modules/orders/migrations/orders_0002_payment_link.backfill.sql', 2, 40, 'payments_0001_create_transaction', 'did you mean payments_0001_create_transactions?'),
      e('migration-depends-unknown', 'orders', 'modules/orders/migrations/orders_0002_payment_link.backfill.sql', 3, 13, 'payments_0002_refunds'),
    ],
    extra: (_r, dir) => {
      const { plan } = planCheckout(openMigrationContext(dir), defaultDatabase(dir));
      expect(plan.steps.find((s) => s.id === 'orders_0002_payment_link')).toMatchObject({ status: 'blocked', reason: expect.stringContaining('migration-depends-unknown at line 2') });
    },
    tolerate: ['table-cross-module-query'], // the backfill reads payments' table on purpose
  },
  {
    fixture: 'migration-depends-cycle',
    title: 'two backfills of different modules that depend on each other',
    expect: [e('migration-depends-cycle', 'inventory', 'modules/inventory/migrations/inventory_0002_seed_stock.backfill.sql', 1, 13, 'catalog_0002_product_stock -> inventory_0002_seed_stock -> catalog_0002_product_stock')],
    extra: (_r, dir) => {
      const { plan } = planCheckout(openMigrationContext(dir), defaultDatabase(dir));
      expect(plan.steps.filter((s) => s.status === 'blocked').map((s) => s.id).sort()).toEqual(['catalog_0002_product_stock', 'inventory_0002_seed_stock']);
    },
    tolerate: ['table-cross-module-query'], // a backfill reads the other module's table on purpose
  },
  {
    fixture: 'migration-unreadable',
    title: 'a migration that is not UTF-8 is reported at the first bad byte',
    prepare: (dir) => fs.writeFileSync(path.join(dir, 'modules/cms/migrations/cms_0002_import_pages.backfill.sql'), Buffer.from("-- Imported from the old CMS.\nINSERT INTO cms_pages (id, title) VALUES ('1', 'Caf\xe9');\n", 'latin1')),
    expect: [e('migration-unreadable', 'cms', 'modules/cms/migrations/cms_0002_import_pages.backfill.sql', 2, 52, 'not valid UTF-8', '0xe9')],
  },
  {
    // Regression (issue 13, item 4): a folder named like a migration was skipped, so sequence 0002
    // looked missing (a false migration-sequence-gap), and a file over the size limit was called a
    // "YAML input".
    fixture: 'migration-unreadable--folder',
    title: 'a folder named like a migration, an SQL file over the size limit and a FIFO: unreadable, no sequence gap, and what follows is blocked',
    prepare: (dir) => {
      fs.writeFileSync(path.join(dir, 'modules/shop/migrations/shop_0004_seed_items.backfill.sql'), `-- generated\n${"INSERT INTO shop_items (id) VALUES ('x');\n".repeat(30_000)}`);
      // A named pipe would block a reader that opened it: it is never opened (issue 12, item 4).
      execFileSync('mkfifo', [path.join(dir, 'modules/shop/migrations/shop_0005_pipe.backfill.sql')]);
    },
    expect: [
      e('migration-unreadable', 'shop', 'modules/shop/migrations/shop_0002_item_notes.expand.sql', 1, 1, 'is a folder, not a file', "nothing of 'shop' after it runs"),
      e('migration-unreadable', 'shop', 'modules/shop/migrations/shop_0004_seed_items.backfill.sql', 1, 1, /over the .* limit for migration files/),
      e('migration-unreadable', 'shop', 'modules/shop/migrations/shop_0005_pipe.backfill.sql', 1, 1, 'named pipe (FIFO), not a regular file'),
    ],
    extra: ({ report }, dir) => {
      expect(report.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/YAML/);
      const { plan } = planCheckout(openMigrationContext(dir), defaultDatabase(dir));
      expect(plan.steps.map((s) => [s.id, s.status])).toEqual([
        ['shop_0001_create_items', 'pending'],
        ['shop_0002_item_notes', 'blocked'],
        ['shop_0003_item_price', 'blocked'],
        ['shop_0004_seed_items', 'blocked'],
        ['shop_0005_pipe', 'blocked'],
      ]);
      expect(plan.steps[2].reason).toContain('an earlier migration of \'shop\', shop_0002_item_notes, is blocked');
    },
  },
  {
    fixture: 'migration-statement-forbidden',
    title: 'the trigger trick (BEGIN/END as column aliases), COMMIT, ATTACH, DETACH, VACUUM INTO, BEGIN; load_extension, SAVEPOINT, RELEASE, writable_schema (waived, still blocked)',
    expect: [
      e('migration-statement-forbidden', 'audit', 'modules/audit/migrations/audit_0001_create_log.expand.sql', 4, 1, "'COMMIT'", 'own transaction'),
      e('migration-statement-forbidden', 'audit', 'modules/audit/migrations/audit_0001_create_log.expand.sql', 5, 1, 'ATTACH opens'),
      e('migration-statement-forbidden', 'audit', 'modules/audit/migrations/audit_0001_create_log.expand.sql', 7, 1, 'detaches'),
      e('migration-statement-forbidden', 'audit', 'modules/audit/migrations/audit_0001_create_log.expand.sql', 8, 1, 'VACUUM INTO'),
      e('migration-statement-forbidden', 'audit', 'modules/audit/migrations/audit_0001_create_log.expand.sql', 9, 1, "'BEGIN'"),
    ],
    extra: ({ report }, dir) => {
      const waived = report.waived?.filter((d) => d.rule === 'migration-statement-forbidden').map((d) => d.line);
      expect(waived).toEqual([2, 3, 4, 5]);
      const { plan } = planCheckout(openMigrationContext(dir), defaultDatabase(dir));
      expect(plan.steps.map((s) => [s.id, s.status])).toEqual([
        ['audit_0001_create_log', 'blocked'],
        ['audit_0002_tune', 'blocked'],
      ]);
      expect(plan.steps[1].reason).toMatch(/^migration-statement-forbidden at line 2: .*load_extension/);
    },
    tolerate: ['table-prefix'], // the table it creates in the ATTACHed database is not prefixed
  },
  {
    // Regression (issue 13, item 3): check passed what apply can never run.
    fixture: 'migration-statement-unrunnable',
    title: 'ADD COLUMN NOT NULL DEFAULT NULL and UNIQUE, PRAGMA journal_mode and foreign_keys, VACUUM; user_version, ANALYZE and integrity_check are fine',
    expect: [
      e('migration-statement-unrunnable', 'shop', 'modules/shop/migrations/shop_0001_create_items.expand.sql', 2, 1, 'NOT NULL column whose DEFAULT is NULL'),
      e('migration-statement-unrunnable', 'shop', 'modules/shop/migrations/shop_0001_create_items.expand.sql', 3, 1, 'UNIQUE column'),
      e('migration-statement-unrunnable', 'shop', 'modules/shop/migrations/shop_0002_tune.maintenance.sql', 1, 1, 'journal mode', 'inside a transaction'),
      e('migration-statement-unrunnable', 'shop', 'modules/shop/migrations/shop_0002_tune.maintenance.sql', 2, 1, 'silently ignores'),
      e('migration-statement-unrunnable', 'shop', 'modules/shop/migrations/shop_0002_tune.maintenance.sql', 3, 1, 'cannot VACUUM inside a transaction'),
    ],
  },
  {
    fixture: 'migration-split-uncertain',
    title: 'a trigger body without END, and an unterminated quote: never guessed at, never run',
    expect: [
      e('migration-split-uncertain', 'cms', 'modules/cms/migrations/cms_0001_create_pages.expand.sql', 3, 1, 'never ends', 'cannot tell with certainty'),
      e('migration-split-uncertain', 'cms', 'modules/cms/migrations/cms_0002_fill_pages.backfill.sql', 2, 49, 'a quoted string', 'never closes'),
    ],
  },
  {
    fixture: 'migration-dialect-invalid',
    title: 'a -- dialect: header naming no known dialect',
    expect: [e('migration-dialect-invalid', 'shop', 'modules/shop/migrations/shop_0002_item_sku.expand.sql', 1, 13, "'-- dialect: postgresql'", 'sqlite, postgres')],
  },
  {
    // Regression (issue 13, item 2): a depends: or waiver: line after the first statement was dropped in silence.
    fixture: 'migration-header-misplaced',
    title: 'depends: and waiver: lines after the first statement (the header after a licence banner counts)',
    expect: [
      e('migration-header-misplaced', 'orders', 'modules/orders/migrations/orders_0002_order_total.expand.sql', 7, 4, "'depends: payments_0001_create_payments'", 'orders nothing'),
      e('migration-header-misplaced', 'orders', 'modules/orders/migrations/orders_0002_order_total.expand.sql', 8, 4, 'waives nothing'),
    ],
    extra: (_result, dir) => {
      const { set } = planCheckout(openMigrationContext(dir), defaultDatabase(dir));
      expect(set.files.find((f) => f.name.id === 'orders_0002_order_total')?.headers.depends).toEqual([{ value: 'orders_0001_create_orders', line: 5, column: 13 }]);
    },
  },
  {
    // Regression (issue 13, item 2): a depends header after a block comment (a licence banner) was ignored.
    fixture: 'migration-depends-unknown--banner',
    title: 'depends headers after a licence banner: a typo is reported, and the plan orders by the correct one',
    expect: [e('migration-depends-unknown', 'orders', 'modules/orders/migrations/orders_0001_create_orders.expand.sql', 3, 13, 'payments_0001_create_payment', 'did you mean payments_0001_create_payments?')],
    extra: (_result, dir) => {
      const { plan } = planCheckout(openMigrationContext(dir), defaultDatabase(dir));
      const ids = plan.steps.map((s) => s.id);
      expect(ids.indexOf('orders_0002_index_payments')).toBeGreaterThan(ids.indexOf('payments_0001_create_payments'));
      expect(plan.steps.find((s) => s.id === 'orders_0001_create_orders')?.status).toBe('blocked');
    },
  },
  {
    fixture: 'migration-checksum-drift',
    title: 'an applied migration edited afterwards (a comment is enough)',
    prepare: async (dir) => {
      await applyAll(dir);
      fs.appendFileSync(path.join(dir, 'modules/shop/migrations/shop_0002_item_price.expand.sql'), '-- reviewed\n');
    },
    expect: [e('migration-checksum-drift', 'shop', 'modules/shop/migrations/shop_0002_item_price.expand.sql', 1, 1, 'changed after it was applied')],
  },
  {
    fixture: 'migration-applied-missing',
    title: 'an applied migration whose file was deleted (named at the path it had)',
    prepare: async (dir) => {
      await applyAll(dir);
      fs.rmSync(path.join(dir, 'modules/shop/migrations/shop_0003_item_price.backfill.sql'));
    },
    expect: [{ ...e('migration-applied-missing', 'shop', 'modules/shop/migrations/shop_0003_item_price.backfill.sql', 1, 1, 'its file is gone'), line: undefined, column: undefined }],
  },
  {
    fixture: 'migration-out-of-order',
    title: 'a migration added with a sequence below one already applied',
    prepare: async (dir) => {
      await applyAll(dir);
      fs.writeFileSync(path.join(dir, 'modules/shop/migrations/shop_0002_item_price.expand.sql'), 'ALTER TABLE shop_items ADD COLUMN price INTEGER;\n');
    },
    expect: [e('migration-out-of-order', 'shop', 'modules/shop/migrations/shop_0002_item_price.expand.sql', 1, 1, 'shop_0003_trim_names', 'renumber it after 0003')],
  },
  {
    fixture: 'migration-ledger-unreadable',
    title: 'a dev database that is not SQLite',
    prepare: (dir) => {
      fs.mkdirSync(path.join(dir, '.workbench'));
      fs.writeFileSync(path.join(dir, '.workbench/dev.sqlite'), 'this is not a database\n');
    },
    expect: [{ ...e('migration-ledger-unreadable', undefined, '.workbench/dev.sqlite', 1, 1, 'cannot be read as a SQLite database'), line: undefined, column: undefined }],
  },
  {
    fixture: 'tenant-table-missing-column',
    title: "tables of a scoped module without the platform's tenant column (org_id); temp tables and global modules are not checked",
    expect: [
      e('tenant-table-missing-column', 'crm', 'modules/crm/migrations/crm_0001_create_contacts.expand.sql', 8, 1, 'crm_tags', 'org_id'),
      e('tenant-table-missing-column', 'crm', 'modules/crm/migrations/crm_0001_create_contacts.expand.sql', 15, 1, 'crm_contact_tags'),
    ],
  },
  {
    fixture: 'tenant-query-unscoped',
    title: 'unscoped SQL on own tables in a backfill, a TypeScript template, a .sql file and Python; scoped ones, comments and vendor/ are fine',
    expect: [
      e('tenant-query-unscoped', 'billing', 'modules/billing/migrations/billing_0002_invoice_status.backfill.sql', 2, 1, 'writes billing_invoices', 'tenant_id'),
      e('tenant-query-unscoped', 'billing', 'modules/billing/src/invoices.ts', 11, 5, 'reads billing_invoices'),
      e('tenant-query-unscoped', 'billing', 'modules/billing/src/queries.sql', 5, 1, "status = 'open'"),
      e('tenant-query-unscoped', 'billing', 'modules/billing/src/reports.py', 6, 17, 'DELETE FROM billing_invoices'),
    ],
  },
  // ---------------------------------------------------------------- data isolation (engine/tables)
  {
    fixture: 'table-created-twice',
    title: 'a second CREATE of an existing table, by its own module (IF NOT EXISTS) or by another (a quoted name), at the statement, related to the first',
    expect: [
      withRelated(e('table-created-twice', 'crm', 'modules/crm/migrations/crm_0002_contacts_again.expand.sql', 2, 1, 'crm_contacts', "'crm' already created"), [{ module: 'crm', file: 'modules/crm/migrations/crm_0001_create_contacts.expand.sql', line: 1 }]),
      e('table-created-twice', 'shop', 'modules/shop/migrations/shop_0001_create_orders.expand.sql', 2, 1, 'crm_contacts'),
    ],
  },
  {
    fixture: 'table-created-twice--drop-and-create',
    title: 'allowed: a module rebuilding its own table (create new, copy, drop, create again) creates it once at a time',
    expect: [],
    extra: (_r, dir) => expect(tablesReport(openMigrationContext(dir)).tables.map((t) => t.key)).toEqual(['crm_contacts']),
  },
  {
    fixture: 'table-foreign-write',
    title: "another module's table altered, indexed, dropped and renamed, and a core table written: each at its statement; the owner's own writes and a foreign key with a dependency are fine",
    expect: [
      withRelated(e('table-foreign-write', 'billing', 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', 3, 1, 'alters crm_contacts', "'crm' owns"), [{ module: 'crm', file: 'modules/crm/migrations/crm_0001_create_contacts.expand.sql', line: 1 }]),
      e('table-foreign-write', 'billing', 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', 4, 1, 'creates an index on crm_contacts'),
      e('table-foreign-write', 'billing', 'modules/billing/migrations/billing_0002_cleanup.maintenance.sql', 2, 1, 'writes rows into core_settings', 'core-tier'),
      e('table-foreign-write', 'billing', 'modules/billing/migrations/billing_0002_cleanup.maintenance.sql', 5, 1, 'drops crm_notes'),
      e('table-foreign-write', 'billing', 'modules/billing/migrations/billing_0002_cleanup.maintenance.sql', 6, 1, 'renames crm_contacts (to crm_people)'),
    ],
  },
  {
    fixture: 'table-foreign-write--own-rename',
    title: 'allowed: a module renames its own table and keeps using it under the new name, which it still owns',
    expect: [],
    extra: (_r, dir) => {
      const t = tablesReport(openMigrationContext(dir)).tables.find((x) => x.key === 'inventory_locations');
      expect(t).toMatchObject({ owner: 'inventory', renamedFrom: ['inventory_warehouses'], columns: ['id', 'name', 'kind'], file: 'modules/inventory/migrations/inventory_0001_create_stock.expand.sql', line: 1 });
    },
  },
  {
    // Regression: the migrations analysis called a `-- waiver:` header for a table rule stale (it never sees table findings).
    fixture: 'table-foreign-write--header-waiver',
    title: 'allowed with a reason: a -- waiver: header waives the write into a core table, and is not called stale',
    expect: [],
    extra: ({ report }) => {
      expect(report.waived).toHaveLength(1);
      expect(report.waived[0]).toMatchObject({ rule: 'table-foreign-write', file: 'modules/tenancy/migrations/tenancy_0001_rename_module.backfill.sql', line: 3, waiver: { line: 1 } });
    },
  },
  {
    fixture: 'table-foreign-key-unrelated',
    title: "foreign keys into a module it does not depend on, in CREATE TABLE and in ALTER TABLE ADD CONSTRAINT",
    expect: [
      withRelated(e('table-foreign-key-unrelated', 'shop', 'modules/shop/migrations/shop_0001_create_orders.expand.sql', 1, 1, '(contact_id)', "'shop' does not depend on 'crm'"), [{ module: 'crm', file: 'modules/crm/migrations/crm_0001_create_contacts.expand.sql', line: 1 }]),
      e('table-foreign-key-unrelated', 'shop', 'modules/shop/migrations/shop_0002_order_owner.contract.sql', 1, 1, '(owner_id)'),
    ],
  },
  {
    fixture: 'table-foreign-key-unrelated--with-dependency',
    title: 'allowed: a foreign key into a module it depends on transitively; the report names the owner of the referenced table',
    expect: [],
    extra: (_r, dir) => {
      const t = tablesReport(openMigrationContext(dir)).tables.find((x) => x.key === 'shop_orders');
      expect(t?.foreignKeys).toEqual([{ columns: ['contact_id'], to: 'crm_contacts', toColumns: ['id'], owner: 'crm', file: 'modules/shop/migrations/shop_0001_create_orders.expand.sql', line: 1 }]);
    },
  },
  {
    fixture: 'table-cross-module-query',
    title: "reads of another module's tables in a migration, a TypeScript template and Python (and a write from source); shared core tables are fine, a shared entry of a non-core module is not",
    expect: [
      e('table-cross-module-query', 'reports', 'modules/reports/migrations/reports_0002_daily_seed.backfill.sql', 1, 1, 'reads crm_contacts', "'crm''s service client"),
      e('table-cross-module-query', 'reports', 'modules/reports/src/contacts.ts', 4, 11, 'reads crm_contacts'),
      e('table-cross-module-query', 'reports', 'modules/reports/src/settings.py', 2, 23, 'reads core_settings', 'tables.shared'),
      e('table-cross-module-query', 'reports', 'modules/reports/src/settings.py', 6, 17, 'writes crm_contacts'),
    ],
  },
  {
    fixture: 'table-cross-module-query--shared-core-table',
    title: 'allowed: a shared core table in its schema (core.tenants), read from a .sql file of another module and referenced by its foreign key',
    expect: [],
  },
  {
    fixture: 'table-prefix',
    title: "new tables and a rename outside the module's prefix (hyphens as _); the module's own name and temp tables are fine",
    expect: [
      e('table-prefix', 'billing', 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', 3, 1, 'invoice_lines', "'billing_'", 'name it billing_invoice_lines'),
      e('table-prefix', 'billing', 'modules/billing/migrations/billing_0002_rename_invoices.contract.sql', 1, 1, 'table invoices'),
      e('table-prefix', 'dev-tools', 'modules/dev-tools/migrations/dev-tools_0001_create_icons.expand.sql', 2, 1, 'devtools_colours', "'dev_tools_'"),
    ],
  },
  {
    fixture: 'table-prefix--schema',
    title: "naming: schema wants the module's schema; a prefix is not enough",
    expect: [e('table-prefix', 'billing', 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', 2, 1, 'billing_notes', 'not in schema billing', 'tables.naming: schema')],
  },
];

describe('every active rule has a fixture that triggers it where expected', () => {
  for (const c of CASES) {
    const test = c.fails ? it.fails : it;
    test(`${c.fixture}: ${c.title}`, async () => {
      const dir = copy(c.fixture);
      await c.prepare?.(dir);
      const result = checkCheckout(dir, c.profile);
      const { report } = result;

      const rules = [...new Set(c.expect.map((x) => x.rule))];
      onlyRules(report, [...rules, ...(c.tolerate ?? [])]);
      const found = report.diagnostics.filter((d) => rules.includes(d.rule));
      expect(
        found.map((d) => `${d.rule} ${d.file}:${d.line}`),
        'findings',
      ).toEqual(c.expect.map((x) => `${x.rule} ${x.file}:${x.line}`));
      c.expect.forEach((x, i) => expectFinding(found[i], x));

      if (c.status) {
        const byPath = statusByPath(report);
        for (const [folder, status] of Object.entries(c.status)) expect(byPath[folder], `status of ${folder}`).toEqual([status]);
      }
      c.extra?.(result, dir);
    });
  }

  it('config-defaults-invalid: the message names a missing required default once', () => {
    // Regression (fixed in engine/config-defaults.ts, checkConfigDefaults): for `required`, Ajv's message already ends
    // with the property ("must have required property 'bucket'") and the engine appends it again:
    // "config.defaults must have required property 'bucket' 'bucket'".
    const { report } = checkCheckout(copy('config-defaults-invalid'));
    const d = report.diagnostics.find((x) => x.rule === 'config-defaults-invalid' && x.module === 'exports');
    expect(d?.message.match(/'bucket'/g)).toHaveLength(1);
  });
});

/** Rules only `mwb permissions reconcile` reports (never `check`): test/permissions.test.ts runs their fixtures. */
const RECONCILE_RULES: readonly string[] = ['roles-not-editable'];

describe('rule catalogue coverage', () => {
  const fixtureDirs = fs.readdirSync(RULE_FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const ruleOf = (fixture: string): string => fixture.split('--')[0];

  it('every active rule has at least one fixture folder rules/<id>[--<variant>]', () => {
    const active = RULE_IDS.filter((id) => RULES.get(id)?.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    const missing = active.filter((id) => !fixtureDirs.some((f) => ruleOf(f) === id));
    expect(missing, 'active rules without a fixture').toEqual([]);
  });

  it('every fixture folder is named after a catalogue rule and is exercised by a test case', () => {
    expect(fixtureDirs.filter((f) => !(RULE_IDS as readonly string[]).includes(ruleOf(f))), 'fixtures named after no rule').toEqual([]);
    const used = new Set([...CASES.map((c) => c.fixture), 'config-defaults-invalid', ...RECONCILE_RULES]);
    // Pull-request rules compare two trees in a git repository: test/pr-rules.test.ts runs their fixtures.
    const prRule = (f: string) => RULES.get(ruleOf(f) as RuleId)?.category === 'pr';
    expect(fixtureDirs.filter((f) => !used.has(f) && !prRule(f)), 'fixtures no test uses').toEqual([]);
  });

  it('every active rule is asserted by a passing case', () => {
    const asserted = new Set(CASES.filter((c) => !c.fails).flatMap((c) => c.expect.map((x) => x.rule)));
    const active = RULE_IDS.filter((id) => RULES.get(id)?.status === 'active' && RULES.get(id)?.category !== 'pr' && !RECONCILE_RULES.includes(id));
    expect(active.filter((id) => !asserted.has(id))).toEqual([]);
  });

  it('every rule of the catalogue has a documentation page docs/rules/<id>.md', () => {
    const missing = RULE_IDS.filter((id) => !fs.existsSync(path.join(REPO, ruleDocPath(id))));
    expect(missing, 'rules without docs/rules/<id>.md').toEqual([]);
  });
});
