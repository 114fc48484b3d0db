import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPrCheck } from '../src-main/service/changes';
import { FIXTURES } from './helpers/checkout';
import { commitAll, git, initRepo } from './helpers/git';

/** pr-check on an OCA addons repository: the base is read from real git commits by the same adapter as the working tree. */
const lineOf = (root: string, rel: string, needle: string): number => fs.readFileSync(path.join(root, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('pr-check on an Odoo addons repository', () => {
  it('wants a version bump per changed addon (Odoo convention), finds a removed addon still depended on, and diffs access rights', async () => {
    const repo = initRepo();
    fs.cpSync(path.join(FIXTURES, 'odoo/addons'), repo, { recursive: true });
    commitAll(repo, 'base: the addons as merged');
    git(repo, 'checkout', '-q', '-b', 'feature');
    // auditlog: a Python file and an access row change, the version does not.
    fs.mkdirSync(path.join(repo, 'auditlog/models'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'auditlog/models/rule.py'), 'from odoo import models\n');
    fs.appendFileSync(path.join(repo, 'auditlog/security/ir.model.access.csv'), 'access_auditlog_rule_all,auditlog_rule_all,model_auditlog_rule,base.group_user,1,0,0,0\n');
    // sale_order_type: changed and bumped as Odoo wants (16.0.1.1.0 -> 16.0.1.1.1).
    const sot = path.join(repo, 'sale_order_type/__manifest__.py');
    fs.writeFileSync(sot, fs.readFileSync(sot, 'utf8').replace('"16.0.1.1.0"', '"16.0.1.1.1"'));
    // base_exception is removed; sale_exception still depends on it.
    fs.rmSync(path.join(repo, 'base_exception'), { recursive: true });
    commitAll(repo, 'feature');

    const { report } = await runPrCheck(repo, { base: 'main' });
    const modules = new Map(report.diff.modules.map((m) => [m.name, m]));
    expect(modules.get('base_exception')?.change).toBe('removed');
    expect(modules.get('auditlog')).toMatchObject({ change: 'changed', baseVersion: '2.2.1', headVersion: '2.2.1' });
    expect(modules.get('sale_order_type')).toMatchObject({ change: 'changed', baseVersion: '1.1.0', headVersion: '1.1.1' });
    // The semantic diff names the access right the change adds.
    expect(JSON.stringify(report.diff)).toContain('auditlog.access_auditlog_rule_all');

    const notBumped = report.diagnostics.filter((d) => d.rule === 'module-version-not-bumped');
    expect(notBumped.map((d) => ({ module: d.module, file: d.file, line: d.line }))).toEqual([{ module: 'auditlog', file: 'auditlog/__manifest__.py', line: lineOf(repo, 'auditlog/__manifest__.py', '"version"') }]);
    // Said in Odoo's versions: the next one keeps the series.
    expect(notBumped[0].message).toContain('16.0.2.2.2');
    const removal = report.diagnostics.filter((d) => d.rule === 'breaking-removal');
    expect(removal.map((d) => ({ file: d.file, line: d.line }))).toEqual([{ file: 'sale_exception/__manifest__.py', line: lineOf(repo, 'sale_exception/__manifest__.py', '"base_exception"') }]);
    expect(removal[0].message).toContain("module 'base_exception' is removed in this change, but 'sale_exception' still depends on it");
  });
});
