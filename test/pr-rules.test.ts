/**
 * The pull-request rules on real git repositories. Each fixture test/fixtures/rules/<rule>/ holds
 * two trees: base/ is committed on main, then a feature branch gets head/ (committed, or left in
 * the working tree uncommitted and untracked). pr-check must report exactly the findings below,
 * at the place in the working tree that needs the change, and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src-main/common/diagnostic';
import { RULE_IDS, RULES, type RuleId } from '../src-main/common/rules';
import { runPrCheck, type PrCheckResult } from '../src-main/service/changes';
import { FIXTURES } from './helpers/checkout';
import { commitAll, git, initRepo, replaceTree, repoState } from './helpers/git';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

interface Expected {
  rule: RuleId;
  module: string | undefined;
  file: string;
  line: number;
  column: number;
  message?: (string | RegExp)[];
}

interface Case {
  fixture: string;
  title: string;
  /** Commit head/ on the branch (else it stays uncommitted in the working tree). */
  commitHead: boolean;
  expect: Expected[];
  extra?: (result: PrCheckResult) => void;
}

function x(rule: RuleId, module: string | undefined, file: string, line: number, column: number, ...message: (string | RegExp)[]): Expected {
  return { rule, module, file, line, column, message };
}

const PR_RULES = RULE_IDS.filter((id) => RULES.get(id)?.category === 'pr');

/** A repository whose main holds base/ and whose feature branch holds head/. */
function setUp(fixture: string, commitHead: boolean): string {
  const dir = initRepo();
  temps.push(dir);
  replaceTree(dir, path.join(FIXTURES, 'rules', fixture, 'base'));
  commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  replaceTree(dir, path.join(FIXTURES, 'rules', fixture, 'head'));
  if (commitHead) commitAll(dir, 'the change');
  return dir;
}

const CASES: Case[] = [
  {
    fixture: 'module-version-not-bumped',
    title: 'a new migration and a README changed two modules whose versions stayed; the module that bumped its version is fine',
    commitHead: false,
    expect: [
      x('module-version-not-bumped', 'billing', 'modules/billing/module.yaml', 2, 10, "'billing' changed", 'billing_0002_add_due_date.expand.sql', 'still 1.5.0', '1.5.1'),
      x('module-version-not-bumped', 'reports', 'modules/reports/module.yaml', 2, 10, "'reports' changed", 'modules/reports/README.md', 'still 0.4.0'),
    ],
    extra: ({ report }) => {
      expect(report.diff.modules.map((m) => `${m.change} ${m.name} ${m.baseVersion}->${m.headVersion}`)).toEqual([
        'changed billing 1.5.0->1.5.0',
        'changed payments 1.2.0->1.2.1',
        'changed reports 0.4.0->0.4.0',
      ]);
      // Untracked files count: the new migration and README are not committed, not even added.
      expect(report.diff.files).toEqual([
        { path: 'modules/billing/migrations/billing_0002_add_due_date.expand.sql', status: 'added' },
        { path: 'modules/payments/module.yaml', status: 'modified' },
        { path: 'modules/reports/README.md', status: 'added' },
      ]);
    },
  },
  {
    fixture: 'module-version-not-bumped--down',
    title: 'a version moved down (1.0.0 to 0.9.0) is not a bump; a module whose base manifest did not parse is changed, not added',
    commitHead: true,
    expect: [x('module-version-not-bumped', 'catalog', 'modules/catalog/module.yaml', 3, 10, "'catalog' moved its version down from 1.0.0 to 0.9.0", 'only moves up', '1.0.1')],
    extra: ({ report }) => {
      expect(report.diff.modules.map((m) => `${m.change} ${m.name} ${m.baseVersion}->${m.headVersion}`)).toEqual(['changed catalog 1.0.0->0.9.0', 'changed search null->1.0.1']);
      const search = report.diff.modules.find((m) => m.name === 'search');
      expect(search?.baseUnreadable).toMatch(/^modules\/search\/module\.yaml:\d+: YAML syntax error/);
      expect(report.diff.summary).toMatchObject({ modulesAdded: 0, modulesChanged: 2 });
    },
  },
  {
    fixture: 'breaking-removal',
    title: 'a removed module still depended on, a capability, a permission (route and role) and an event still used; unused removals are fine',
    commitHead: false,
    expect: [
      x('breaking-removal', 'billing', 'modules/billing/module.yaml', 9, 7, "capability 'payments.processing'", "'billing' still requires it"),
      x('breaking-removal', 'billing', 'modules/billing/module.yaml', 13, 19, "permission 'payments.refund.create'", 'route POST /api/invoices/{id}/refund'),
      x('breaking-removal', 'billing', 'modules/billing/module.yaml', 16, 7, "event 'payments.payment.succeeded'", "'billing' still subscribes"),
      x('breaking-removal', 'reports', 'modules/reports/module.yaml', 5, 5, "module 'legacy-export' is removed", "'reports' still depends on it"),
      x('breaking-removal', undefined, 'roles.yaml', 5, 9, "permission 'payments.refund.create'", "role 'billing-clerk' still grants it"),
    ],
    extra: ({ report }) => {
      const messages = report.diagnostics.map((d) => d.message).join('\n');
      // Removed, but nothing refers to them.
      expect(messages).not.toContain('old-widgets');
      expect(messages).not.toContain('payments.refund.completed');
      expect(report.diff.modules.filter((m) => m.change === 'removed').map((m) => m.name)).toEqual(['legacy-export', 'old-widgets']);
      expect(report.diff.entries.filter((e) => e.module === 'payments').map((e) => `${e.change} ${e.category} ${e.subject}`)).toEqual([
        'changed version version',
        'added capability payments.gateway',
        'removed capability payments.processing',
        'removed permission payments.refund.create',
        'removed route POST /api/payments/{id}/refunds',
        'added event payments.payment.captured',
        'removed event payments.payment.succeeded',
        'removed event payments.refund.completed',
      ]);
      expect(report.diff.edges).toEqual([
        { from: 'legacy-export', to: 'core', kind: 'dependency', change: 'removed' },
        { from: 'old-widgets', to: 'core', kind: 'dependency', change: 'removed' },
        { from: 'reports', to: 'legacy-export', kind: 'dependency', change: 'removed' },
      ]);
    },
  },
  {
    fixture: 'migration-edited',
    title: 'two migrations on the base edited (one in a custom migrations folder); a new migration and other SQL are fine',
    commitHead: true,
    expect: [
      x('migration-edited', 'billing', 'modules/billing/migrations/billing_0001_create_invoices.expand.sql', 5, 1, 'billing_0001_create_invoices.expand.sql', 'first change at line 5'),
      x('migration-edited', 'payments', 'modules/payments/db/payments_0001_create_transactions.expand.sql', 3, 1, 'payments_0001_create_transactions.expand.sql'),
    ],
    extra: ({ report }) => {
      expect(report.diff.entries.filter((e) => e.category === 'migration')).toEqual([
        { module: 'billing', category: 'migration', change: 'changed', subject: 'billing_0001_create_invoices.expand.sql' },
        { module: 'billing', category: 'migration', change: 'added', subject: 'billing_0002_add_due_date.expand.sql' },
        { module: 'payments', category: 'migration', change: 'changed', subject: 'payments_0001_create_transactions.expand.sql' },
      ]);
      expect(report.base).toMatchObject({ how: 'merge-base', against: 'main', subject: 'base' });
    },
  },
  {
    fixture: 'core-change-without-note',
    title: 'two core modules changed; the added note names one of them; an edited older note does not count',
    commitHead: false,
    expect: [x('core-change-without-note', 'core', 'modules/core/module.yaml', 1, 7, "core module 'core' changed", 'mwb notes new')],
  },
];

describe('pull-request rules on real git repositories', () => {
  for (const c of CASES) {
    it(`${c.fixture}: ${c.title}`, async () => {
      const dir = setUp(c.fixture, c.commitHead);
      const before = repoState(dir);
      const result = await runPrCheck(dir);
      expect(repoState(dir), 'the repository is untouched').toEqual(before);
      const found = result.report.diagnostics;
      expect(
        found.map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`),
        'findings',
      ).toEqual(c.expect.map((e) => `${e.rule} ${e.file}:${e.line}:${e.column}`));
      c.expect.forEach((e, i) => expectFinding(found[i], e));
      c.extra?.(result);
    });
  }
});

function expectFinding(d: Diagnostic, e: Expected): void {
  const where = `${e.rule} at ${e.file}:${e.line}`;
  expect(d.severity, where).toBe(RULES.get(e.rule)?.severity);
  if (e.module === undefined) expect(d.module, `${where} module`).toBeUndefined();
  else expect(d.module, `${where} module`).toBe(e.module);
  for (const m of e.message ?? []) {
    if (typeof m === 'string') expect(d.message, `${where} message`).toContain(m);
    else expect(d.message, `${where} message`).toMatch(m);
  }
}

describe('pull-request rule coverage', () => {
  const fixtureDirs = fs.readdirSync(path.join(FIXTURES, 'rules')).filter((f) => PR_RULES.includes(f.split('--')[0] as RuleId));

  it('every pull-request rule is active and asserted by a case with a base/ and head/ fixture', () => {
    expect(PR_RULES.length).toBe(4);
    for (const rule of PR_RULES) {
      expect(RULES.get(rule)?.status, rule).toBe('active');
      expect(CASES.some((c) => c.expect.some((e) => e.rule === rule)), `${rule} asserted`).toBe(true);
    }
    for (const f of fixtureDirs) {
      expect(CASES.map((c) => c.fixture), `fixture ${f} used`).toContain(f);
      expect(fs.existsSync(path.join(FIXTURES, 'rules', f, 'base')) && fs.existsSync(path.join(FIXTURES, 'rules', f, 'head')), `${f} has base/ and head/`).toBe(true);
    }
  });
});
