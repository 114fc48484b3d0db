import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, runBuiltCli, writeCheckout } from './helpers/checkout';

const broken = () =>
  writeCheckout({
    'platform.yaml': 'profiles:\n  default: {capabilities: []}\n  full: {capabilities: [search 2.0.0]}\n',
    'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
    'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [core]\ncapabilities:\n  requires: [search]\n',
    'modules/cart/module.yaml': 'name: cart\nversion: 1.0.0\ndependencies: [shop]\nevents:\n  subscribes: [shop.order.placed]\n',
  });

describe('the example platform', () => {
  it('is clean, with at least 12 modules in all three tiers and migrations in all four phases', () => {
    const run = runBuiltCli(['check', EXAMPLE, '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    // Clean; the agreed data-isolation exceptions are waived in platform.yaml, with their reasons.
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0, waived: 3 });
    expect(report.waived.map((w: { rule: string; module: string }) => `${w.rule} ${w.module}`)).toEqual(['table-cross-module-query orders', 'table-foreign-write tenancy', 'table-foreign-write tenancy']);
    expect(report.modules.length).toBeGreaterThanOrEqual(12);
    expect(new Set(report.modules.map((m: { tier: string }) => m.tier))).toEqual(new Set(['core', 'optional', 'internal']));
    const phases = new Set<string>();
    for (const m of fs.readdirSync(path.join(EXAMPLE, 'modules'))) {
      const dir = path.join(EXAMPLE, 'modules', m, 'migrations');
      if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) phases.add(f.split('.').slice(-2, -1)[0]);
    }
    expect(phases).toEqual(new Set(['expand', 'backfill', 'contract', 'maintenance']));
  });

  it('passes --strict too, under both profiles', () => {
    expect(runBuiltCli(['check', EXAMPLE, '--strict']).status).toBe(0);
    expect(runBuiltCli(['check', EXAMPLE, '--strict', '--profile', 'full']).status).toBe(0);
  });
});

describe('check --format json', () => {
  it('has the shape of SPEC §7 and is byte-identical run to run', () => {
    const dir = broken();
    const a = runBuiltCli(['check', dir, '--format', 'json']);
    const b = runBuiltCli(['check', dir, '--format', 'json']);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(Object.keys(report)).toEqual(['checkout', 'profile', 'modules', 'order', 'diagnostics', 'summary', 'waived', 'omitted']);
    expect(report.checkout).toBe(dir);
    expect(report.profile).toBe('default');
    expect(report.order).toEqual(['core', 'shop', 'cart']);
    expect(report.modules).toEqual([
      { name: 'core', version: '1.0.0', tier: 'core', path: 'modules/core', status: 'ok' },
      { name: 'shop', version: '1.0.0', tier: 'optional', path: 'modules/shop', status: 'blocked' },
      { name: 'cart', version: '1.0.0', tier: 'optional', path: 'modules/cart', status: 'blocked' },
    ]);
    expect(report.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['event-no-publisher', 'capability-missing']);
    expect(report.diagnostics[1]).toMatchObject({ module: 'shop', file: 'modules/shop/module.yaml', line: 5, column: 14, severity: 'error' });
    expect(report.diagnostics[1].message).toBe("'shop' requires capability 'search', which neither a module nor profile 'default' provides: 'shop' is blocked; this also blocks cart");
    expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 0, waived: 0 });
  });

  it('--profile switches the capability profile', () => {
    const run = runBuiltCli(['check', broken(), '--format', 'json', '--profile', 'full']);
    const report = JSON.parse(run.stdout);
    expect(report.profile).toBe('full');
    expect(report.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['event-no-publisher']);
    // A warning blocks only with --strict.
    expect(run.status).toBe(0);
    expect(runBuiltCli(['check', broken(), '--profile', 'full', '--strict']).status).toBe(1);
  });
});

describe('check --format sarif', () => {
  it('is SARIF 2.1.0 with rule metadata and file regions', () => {
    const run = runBuiltCli(['check', broken(), '--format', 'sarif']);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    const sarifRun = log.runs[0];
    expect(sarifRun.tool.driver.name).toBe('module-workbench');
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['capability-missing', 'event-no-publisher']);
    expect(sarifRun.tool.driver.rules[0].defaultConfiguration.level).toBe('error');
    const result = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'capability-missing');
    expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe('capability-missing');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'modules/shop/module.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 14 },
    });
    expect(result.partialFingerprints['mwbFinding/v1']).toMatch(/^[0-9a-f]{16}$/);
    const warning = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'event-no-publisher');
    expect(warning.level).toBe('warning');
  });
});

describe('text and markdown', () => {
  it('groups by file, ends with a summary line, and has no colour when not a terminal', () => {
    const run = runBuiltCli(['check', broken()]);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/^modules\/cart\/module.yaml\n {2}5:16 +warning +'cart' subscribes to 'shop.order.placed'/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('✖ 1 error, 1 warning, 0 infos in 3 modules (2 not loadable), profile default');
  });

  it('markdown has a findings table with links to the rule docs', () => {
    const run = runBuiltCli(['check', broken(), '--format', 'markdown']);
    expect(run.stdout).toContain('## Module Workbench check: failed');
    expect(run.stdout).toContain('| ❌ error | [capability-missing](docs/rules/capability-missing.md) | shop | modules/shop/module.yaml:5 |');
  });
});

describe('counts in CLI text are singular when one (issue 13 item 14)', () => {
  it('list, check --format markdown and a cut list of findings say "1 module", "1 error", "1 more ... finding"', () => {
    const dir = writeCheckout({ 'modules/solo/module.yaml': 'name: solo\nversion: 1.0.0\ndependencies: [ghost, phantom]\n' });
    try {
      expect(runBuiltCli(['list', dir]).stdout).toContain('\n1 module in load order, profile default, read by the native');
      const md = runBuiltCli(['check', dir, '--format', 'markdown', '--max-per-rule', '1']).stdout;
      expect(md).toContain('1 module, profile `default`: **2 errors**, 0 warnings, 0 infos.');
      expect(md).toContain('… and 1 more `dependency-missing` finding not listed.');
      const one = writeCheckout({ 'modules/solo/module.yaml': 'name: solo\nversion: 1.0.0\ndependencies: [ghost]\n' });
      expect(runBuiltCli(['check', one, '--format', 'markdown']).stdout).toContain('1 module, profile `default`: **1 error**, 0 warnings, 0 infos.');
      fs.rmSync(one, { recursive: true, force: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('list, graph, capabilities', () => {
  it('list shows load order with status and reason', () => {
    const run = runBuiltCli(['list', broken()]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^1 +core +1\.0\.0 +core +ok$/);
    expect(lines[2]).toMatch(/^2 +shop +1\.0\.0 +optional +blocked +requires capability 'search'/);
    expect(lines[3]).toMatch(/^3 +cart .* blocked +depends on 'shop', which is blocked$/);
  });

  it('graph as json, dot and mermaid', () => {
    const json = JSON.parse(runBuiltCli(['graph', EXAMPLE, '--format', 'json']).stdout);
    expect(json.nodes.length).toBe(15);
    expect(json.edges).toContainEqual({ from: 'billing', to: 'payments', kind: 'dependency' });
    expect(json.edges.some((e: { kind: string }) => e.kind === 'optional')).toBe(true);
    const dot = runBuiltCli(['graph', EXAMPLE, '--format', 'dot']).stdout;
    expect(dot).toMatch(/^digraph "acme-commerce" \{/);
    expect(dot).toContain('"billing" -> "payments";');
    const mermaid = runBuiltCli(['graph', EXAMPLE, '--format', 'mermaid', '--edges', 'dependency,event']).stdout;
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(mermaid).toContain('m_billing --> m_payments');
    expect(mermaid).toMatch(/-\.->\|[a-z]+\.[a-z]+\.[a-z]+\|/);
  });

  it('capabilities per profile: missing, and the modules it blocks', () => {
    const run = runBuiltCli(['capabilities', broken(), '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.profiles.map((p: { profile: string }) => p.profile)).toEqual(['default', 'full']);
    const def = report.profiles[0];
    expect(def.missing).toEqual([{ capability: 'search', requiredBy: ['shop'], blocks: ['shop', 'cart'] }]);
    expect(def.blocked[1]).toEqual({
      module: 'cart',
      status: 'blocked',
      reasons: [
        { reason: "depends on 'shop', which is blocked", via: 'shop' },
        { reason: "requires capability 'search', which no module and not profile 'default' provides" },
      ],
      causes: [
        [
          { reason: "depends on 'shop', which is blocked", via: 'shop' },
          { reason: "requires capability 'search', which no module and not profile 'default' provides" },
        ],
      ],
    });
    expect(report.profiles[1].missing).toEqual([]);
    expect(runBuiltCli(['capabilities', EXAMPLE]).status).toBe(0);
  });
});

describe('usage errors exit 2 with a message on stderr', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif, markdown/],
    [['check', '--bogus'], /unknown option '--bogus'/],
    [['check', 'a', 'b'], /expected one checkout folder/],
    [['check', EXAMPLE, '--profile', 'nope'], /unknown profile 'nope' \(profiles: default, full\)/],
    [['graph', EXAMPLE, '--edges', 'magic'], /--edges takes dependency, optional, capability, event/],
  ])('%j', (args, message) => {
    const run = runBuiltCli(args as string[]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help and --version', () => {
    expect(runBuiltCli(['--help']).stdout).toContain('Usage: mwb <command> [checkout] [options]');
    expect(runBuiltCli(['check', '--help']).stdout).toContain('mwb check [checkout] [--profile P] [--strict]');
    expect(runBuiltCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('the checkout defaults to the current folder', () => {
    const run = runBuiltCli(['list'], { cwd: EXAMPLE });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('15 modules in load order');
  });
});

describe('SARIF validates against the official SARIF 2.1.0 schema', () => {
  it('for findings with related locations, and for a clean run', async () => {
    const { default: Ajv4 } = await import('ajv-draft-04');
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv4({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const withRelated = writeCheckout({
      'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ndependencies: ["b >= 2.0.0"]\n',
      'modules/b/module.yaml': 'name: b\nversion: 1.0.0\n',
      'modules/c/module.yaml': 'name: b\nversion: 1.0.0\n',
    });
    for (const dir of [withRelated, EXAMPLE]) {
      const log = JSON.parse(runBuiltCli(['check', dir, '--format', 'sarif']).stdout);
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
    const log = JSON.parse(runBuiltCli(['check', withRelated, '--format', 'sarif']).stdout);
    expect(log.runs[0].results.some((r: { relatedLocations?: unknown[] }) => (r.relatedLocations ?? []).length > 0)).toBe(true);
  });
});
