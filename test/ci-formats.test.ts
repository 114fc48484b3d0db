import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatGithubAnnotations } from '../src-main/cli/format/github';
import { formatJunit } from '../src-main/cli/format/junit';
import type { Diagnostic } from '../src-main/common/diagnostic';
import { EXAMPLE, FIXTURES, REPO, runBuiltCli, writeCheckout } from './helpers/checkout';
import { commitAll, git, initRepo } from './helpers/git';

const broken = () =>
  writeCheckout({
    'platform.yaml': 'name: shop\n',
    'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
    'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [core, payments]\ncapabilities:\n  requires: [search]\n',
    'modules/cart/module.yaml': 'name: cart\nversion: 1.0.0\ndependencies: [shop]\nevents:\n  subscribes: [shop.order.placed]\n',
  });

/** What @actions/core itself prints for these findings (core.error / warning / notice), run in a real Node process. */
function actionsCoreReference(diagnostics: readonly Diagnostic[]): string {
  const script = `
    import * as core from '@actions/core';
    const ds = JSON.parse(process.argv[1]);
    const fn = { error: core.error, warning: core.warning, info: core.notice };
    for (const d of ds) fn[d.severity](d.message, { title: d.rule, file: d.file, startLine: d.file ? d.line : undefined, startColumn: d.file ? d.column : undefined });
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(diagnostics)], { cwd: REPO, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
  expect(r.stderr).toBe('');
  return r.stdout;
}

const nasty: Diagnostic[] = [
  { rule: 'manifest-invalid', severity: 'error', message: '100% broken: a, b\r\nnext line <b>&"</b>', module: 'a', file: 'modules/a,b/module: x.yaml', line: 3, column: 7 },
  { rule: 'waiver-stale', severity: 'warning', message: 'stale waiver, see %0A' },
  { rule: 'optional-dependency-missing', severity: 'info', message: 'plain', module: 'm', file: 'modules/m/module.yaml', line: 1 },
  { rule: 'note-invalid', severity: 'error', message: 'control \u0001 char\u001b[31m', file: 'docs/notes/0001-x.md', line: 2, column: 1 },
];

describe('--format github', () => {
  it('escapes data and properties exactly as @actions/core does (%, CR, LF; and : , in properties)', () => {
    const ours = formatGithubAnnotations(nasty);
    expect(ours).toBe(actionsCoreReference(nasty));
    expect(ours.split('\n')[0]).toBe('::error title=manifest-invalid,file=modules/a%2Cb/module%3A x.yaml,line=3,col=7::100%25 broken: a, b%0D%0Anext line <b>&"</b>');
    expect(ours).toContain('::notice title=optional-dependency-missing,file=modules/m/module.yaml,line=1::plain');
    // One command per line: no raw line break survives inside a finding.
    expect(ours.trimEnd().split('\n')).toHaveLength(nasty.length);
  });

  it('annotates every finding of the built CLI on a broken checkout, as @actions/core would', () => {
    const dir = broken();
    const json = runBuiltCli(['check', dir, '--format', 'json']);
    const gh = runBuiltCli(['check', dir, '--format', 'github']);
    expect(gh.status).toBe(1);
    const diagnostics = JSON.parse(json.stdout).diagnostics as Diagnostic[];
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(gh.stdout).toBe(actionsCoreReference(diagnostics));
    expect(gh.stdout).toMatch(/^::error title=capability-missing,file=modules\/shop\/module.yaml,line=5,col=14::/m);
  });
});

describe('--format gitlab', () => {
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'schemas', 'gitlab-code-quality.schema.json'), 'utf8')));

  it('is a Code Quality report that satisfies the documented format, one issue per finding, unique fingerprints', () => {
    const dir = broken();
    const run = runBuiltCli(['check', dir, '--format', 'gitlab']);
    expect(run.status).toBe(1);
    const issues = JSON.parse(run.stdout);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    const json = JSON.parse(runBuiltCli(['check', dir, '--format', 'json']).stdout);
    expect(issues).toHaveLength(json.diagnostics.length);
    expect(issues.find((i: { check_name: string }) => i.check_name === 'capability-missing')).toMatchObject({ severity: 'major', location: { path: 'modules/shop/module.yaml', lines: { begin: 5 } } });
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(issues.length);
    // Stable run to run, so GitLab can tell new findings from old ones.
    expect(runBuiltCli(['check', dir, '--format', 'gitlab']).stdout).toBe(run.stdout);
  });

  it('is an empty array on a clean checkout, and the schema rejects what GitLab would (a sanity check of the schema)', () => {
    const run = runBuiltCli(['check', EXAMPLE, '--format', 'gitlab']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(validate([{ description: 'x', check_name: 'r', fingerprint: 'f', severity: 'error', location: { path: 'a', lines: { begin: 1 } } }])).toBe(false);
  });
});

describe('--format junit', () => {
  const parse = (text: string) => {
    expect(XMLValidator.validate(text)).toBe(true);
    return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(text);
  };

  it('is well-formed JUnit XML: one test case per rule, failures for the rules with blocking findings', () => {
    const run = runBuiltCli(['check', broken(), '--format', 'junit']);
    expect(run.status).toBe(1);
    const doc = parse(run.stdout);
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase) as { name: string; failure?: { type: string }; 'system-out'?: string }[];
    expect(Number(doc.testsuites.tests)).toBe(cases.length);
    const failed = cases.filter((c) => c.failure).map((c) => c.name).sort();
    expect(failed).toEqual(['capability-missing', 'dependency-missing']);
    expect(Number(doc.testsuites.failures)).toBe(2);
    // A warning does not fail without --strict, but its text is in the report.
    expect(cases.find((c) => c.name === 'event-no-publisher')?.['system-out']).toContain('shop.order.placed');
    // check does not run the pull-request rules, so it does not claim they passed.
    expect(cases.some((c) => c.name === 'migration-edited')).toBe(false);
    const strict = parse(runBuiltCli(['check', broken(), '--format', 'junit', '--strict']).stdout);
    expect(Number(strict.testsuites.failures)).toBe(3);
  });

  it('keeps markup and control characters of messages out of the XML structure', () => {
    const text = formatJunit(nasty, { command: 'check', strict: false, skipCategories: [] });
    const doc = parse(text);
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase) as { name: string; failure?: { '#text': string } }[];
    expect(cases.find((c) => c.name === 'manifest-invalid')?.failure?.['#text']).toContain('<b>&"</b>');
    expect(cases.find((c) => c.name === 'note-invalid')?.failure?.['#text']).toContain('control \\u{1} char\\u{1b}[31m');
  });

  it('reports every active rule as passed on the clean example platform', () => {
    const run = runBuiltCli(['check', EXAMPLE, '--format', 'junit']);
    expect(run.status).toBe(0);
    const doc = parse(run.stdout);
    expect(Number(doc.testsuites.failures)).toBe(0);
    expect(Number(doc.testsuites.tests)).toBeGreaterThan(30);
  });
});

describe('pr-check in the CI formats', () => {
  it('reports the pull-request rules too: an edited migration and an unbumped version, in github, gitlab and junit', () => {
    const dir = initRepo();
    for (const [rel, text] of Object.entries({
      'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
      'modules/billing/module.yaml': 'name: billing\nversion: 1.5.0\ndependencies: [core]\n',
      'modules/billing/migrations/billing_0001_create_invoices.expand.sql': 'CREATE TABLE billing_invoices (id TEXT PRIMARY KEY);\n',
    })) {
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    commitAll(dir, 'platform');
    git(dir, 'checkout', '-q', '-b', 'feature');
    fs.appendFileSync(path.join(dir, 'modules/billing/migrations/billing_0001_create_invoices.expand.sql'), 'CREATE INDEX billing_invoices_id ON billing_invoices (id);\n');
    const gh = runBuiltCli(['pr-check', dir, '--format', 'github']);
    expect(gh.status, gh.stderr).toBe(1);
    expect(gh.stdout).toMatch(/^::error title=migration-edited,file=modules\/billing\/migrations\/billing_0001_create_invoices.expand.sql/m);
    expect(gh.stdout).toMatch(/^::error title=module-version-not-bumped,/m);
    const issues = JSON.parse(runBuiltCli(['pr-check', dir, '--format', 'gitlab']).stdout);
    expect(issues.map((i: { check_name: string }) => i.check_name).sort()).toEqual(['migration-edited', 'module-version-not-bumped']);
    const junit = runBuiltCli(['pr-check', dir, '--format', 'junit']).stdout;
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<testsuites name="mwb pr-check"');
    expect(junit).toMatch(/<testcase classname="mwb.pr" name="migration-edited"[^>]*>\s*<failure/);
    // pr-check runs the pull-request rules, so passing ones are listed as passed.
    expect(junit).toMatch(/<testcase classname="mwb.pr" name="breaking-removal"[^>]*\/>/);
  });
});
