import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PER_RULE } from '../../src-main/common/diagnostic';
import { runBuiltCli, writeCheckout } from '../helpers/checkout';

/** Limits: one mistake repeated across a huge checkout is listed up to a cap, with a count of the rest. */
describe('findings per rule are capped, and counted', () => {
  const N = DEFAULT_MAX_PER_RULE + 137;
  const files: Record<string, string> = { 'platform.yaml': 'name: big\ncore_version: 1.0.0\nmodules: ["modules/*"]\n' };
  for (let i = 0; i < N; i++) {
    const name = `m${String(i).padStart(4, '0')}`;
    files[`modules/${name}/module.yaml`] = `name: ${name}\nversion: 1.0.0\ntier: optional\ndependencies: [ghost]\n`;
  }
  const dir = writeCheckout(files);

  it('lists the first 500 of a rule, counts the rest, and still fails on all of them', () => {
    const r = runBuiltCli(['check', dir, '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    const listed = report.diagnostics.filter((d: { rule: string }) => d.rule === 'dependency-missing');
    expect(listed).toHaveLength(DEFAULT_MAX_PER_RULE);
    expect(report.omitted).toEqual([{ rule: 'dependency-missing', count: 137 }]);
    expect(report.summary.errors).toBe(N);
    const text = runBuiltCli(['check', dir]);
    expect(text.stdout).toContain('… 137 more dependency-missing findings not listed (--max-per-rule 0 lists all)');
    expect(text.stdout).toContain(`✖ ${N} errors`);
  });

  it('--max-per-rule 0 lists every finding; a bad value is a usage error', () => {
    const all = JSON.parse(runBuiltCli(['check', dir, '--format', 'json', '--max-per-rule', '0']).stdout);
    expect(all.diagnostics.filter((d: { rule: string }) => d.rule === 'dependency-missing')).toHaveLength(N);
    expect(all.omitted).toEqual([]);
    const bad = runBuiltCli(['check', dir, '--max-per-rule', 'lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-per-rule takes a whole number');
  });
});

describe('a checkout with more module folders than the limit', () => {
  it('reads the first ones and says so, instead of exhausting memory', () => {
    const files: Record<string, string> = { 'platform.yaml': 'name: wide\ncore_version: 1.0.0\nmodules: ["modules/*"]\n' };
    for (let i = 0; i < 30; i++) files[`modules/m${String(i).padStart(2, '0')}/module.yaml`] = `name: m${String(i).padStart(2, '0')}\nversion: 1.0.0\n`;
    const dir = writeCheckout(files);
    const r = runBuiltCli(['check', dir, '--format', 'json'], { env: { MWB_MAX_MODULES: '25' } });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.modules).toHaveLength(25);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ rule: 'manifest-unreadable', file: 'platform.yaml', line: 1, message: expect.stringContaining('module globs match 30 folders; only the first 25 (by path) are read') }),
    );
  });
});
