import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, writeCheckout, type CliRun } from './helpers/checkout';

/**
 * Hostile and broken inputs through the real CLI process: each gives a diagnostic with file and
 * line, exit 1 (findings), and never a stack trace. Exit 2 only when the checkout itself is unreadable.
 */
const good = 'name: good\nversion: 1.0.0\n';

function checkJson(dir: string): { run: CliRun; report: { diagnostics: { rule: string; file?: string; line?: number; column?: number; message: string }[]; modules: { name: string; status: string }[] } } {
  const run = runBuiltCli(['check', dir, '--format', 'json']);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { run, report: JSON.parse(run.stdout) };
}

function expectFinding(dir: string, rule: string, file: string, line: number, message?: RegExp): void {
  const { run, report } = checkJson(dir);
  expect(run.status).toBe(1);
  const d = report.diagnostics.find((x) => x.rule === rule && x.file === file);
  expect(d, JSON.stringify(report.diagnostics, null, 2)).toBeDefined();
  expect(d!.line).toBe(line);
  if (message) expect(d!.message).toMatch(message);
  // The good module still loads: one bad file does not take the platform down.
  expect(report.modules.find((m) => m.name === 'good')?.status).toBe('ok');
  // And the text output says it plainly too.
  const text = runBuiltCli(['check', dir]);
  expect(text.status).toBe(1);
  expect(text.stdout).toContain(file);
  expect(text.stderr).toBe('');
}

describe('bad input never crashes', () => {
  it('malformed YAML', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': 'name: bad\nversion: 1.0.0\ndependencies: [core\ntier: core\n' });
    expectFinding(dir, 'manifest-parse-error', 'modules/bad/module.yaml', 4);
  });

  it('an empty file', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': '' });
    expectFinding(dir, 'manifest-invalid', 'modules/bad/module.yaml', 1, /empty/);
  });

  it('a non-UTF-8 file, with the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('name: bad\nversion: 1.0.0\ndescription: caf'), Buffer.from([0xe9]), Buffer.from(' latin-1\n')]);
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': bytes });
    expectFinding(dir, 'manifest-unreadable', 'modules/bad/module.yaml', 3, /not valid UTF-8.*0xe9.*line 3, column 17/);
  });

  it('a 10 MB manifest is refused without parsing', () => {
    const big = 'name: bad\nversion: 1.0.0\ndescription: "' + 'x'.repeat(10 * 1024 * 1024) + '"\n';
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': big });
    expectFinding(dir, 'manifest-unreadable', 'modules/bad/module.yaml', 1, /10\.0 MiB, over the 1\.0 MiB limit/);
  });

  it('a YAML alias bomb', () => {
    const lines = ['name: bad', 'version: 1.0.0', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i <= 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': lines.join('\n') + '\n' });
    // Line 5 is where the expansion first passes 100 (10 x 10 x 10).
    expectFinding(dir, 'manifest-parse-error', 'modules/bad/module.yaml', 5, /alias bomb/);
  });

  it('a folder named module.yaml', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml/README': 'oops' });
    expectFinding(dir, 'manifest-unreadable', 'modules/bad/module.yaml', 1, /is a folder/);
  });

  it('a symlink loop under modules/', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good });
    fs.symlinkSync(path.join(dir, 'modules', 'loop'), path.join(dir, 'modules', 'loop'));
    fs.symlinkSync('loop-b', path.join(dir, 'modules', 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'modules', 'loop-b'));
    expectFinding(dir, 'manifest-unreadable', 'modules/loop', 1, /symlink loop/);
    const { report } = checkJson(dir);
    expect(report.diagnostics.filter((d) => /symlink loop/.test(d.message)).map((d) => d.file)).toEqual(['modules/loop', 'modules/loop-a', 'modules/loop-b']);
  });

  it('a manifest that is a list instead of a map', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': '# a list\n- name: bad\n- version: 1.0.0\n' });
    expectFinding(dir, 'manifest-invalid', 'modules/bad/module.yaml', 2, /mapping.*not a list/);
  });

  it('a mapping key that is a list (? [a]) is an error at its line, and no YAML warning reaches stderr (issue 13 item 13)', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': 'name: bad\nversion: 1.0.0\ndescription: x\n? [a]\n: b\n' });
    expectFinding(dir, 'manifest-parse-error', 'modules/bad/module.yaml', 4, /key that is a list or a map/);
  });

  it('5,000-deep nesting is "nested too deeply" at the line where it gets deep, not a stack overflow (issue 13 item 14)', () => {
    const flow = `name: bad\nversion: 1.0.0\nconfig:\n  defaults:\n    x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': flow });
    expectFinding(dir, 'manifest-parse-error', 'modules/bad/module.yaml', 5, /^YAML nested too deeply/);
    const block = `name: bad\nversion: 1.0.0\nconfig:\n  defaults:\n${Array.from({ length: 1200 }, (_, i) => `${' '.repeat(4 + i)}k:\n`).join('')}${' '.repeat(1204)}v: 1\n`;
    const deep = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': block });
    // Line 103 starts the 101st map inside each other: the root (line 1), config's (line 4), then one per line.
    expectFinding(deep, 'manifest-parse-error', 'modules/bad/module.yaml', 103, /^YAML nested too deeply/);
    const { report } = checkJson(deep);
    expect(report.diagnostics.map((d) => d.message).join('\n')).not.toContain('call stack');
  });

  it('duplicate keys', () => {
    const dir = writeCheckout({ 'modules/good/module.yaml': good, 'modules/bad/module.yaml': 'name: bad\nversion: 1.0.0\ntier: core\nversion: 2.0.0\n' });
    expectFinding(dir, 'manifest-parse-error', 'modules/bad/module.yaml', 4, /duplicate key/);
  });

  it('a scalar, binary garbage and a multi-document file', () => {
    const dir = writeCheckout({
      'modules/good/module.yaml': good,
      'modules/scalar/module.yaml': 'just text\n',
      'modules/multi/module.yaml': 'name: multi\nversion: 1.0.0\n---\nname: other\n',
      'modules/binary/module.yaml': Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01]),
    });
    const { run, report } = checkJson(dir);
    expect(run.status).toBe(1);
    const byFile = (f: string) => report.diagnostics.filter((d) => d.file === f).map((d) => d.rule);
    expect(byFile('modules/scalar/module.yaml')).toContain('manifest-invalid');
    expect(byFile('modules/multi/module.yaml')).toContain('manifest-parse-error');
    expect(byFile('modules/binary/module.yaml')).toContain('manifest-unreadable');
    for (const d of report.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
  });

  it('a broken platform.yaml is a finding, not a crash', () => {
    const dir = writeCheckout({ 'platform.yaml': 'modules: [modules/*\n', 'modules/good/module.yaml': good });
    const { run, report } = checkJson(dir);
    expect(run.status).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({ rule: 'manifest-parse-error', file: 'platform.yaml' });
  });
});

describe('exit 2 only when the checkout itself cannot be read', () => {
  it('a missing folder', () => {
    const run = runBuiltCli(['check', '/nonexistent/platform']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('mwb check: checkout not found: /nonexistent/platform\n');
    expect(run.stdout).toBe('');
  });

  it('a file instead of a folder', () => {
    const dir = writeCheckout({ 'x.txt': 'x' });
    const run = runBuiltCli(['check', path.join(dir, 'x.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/checkout is not a folder/);
  });

  it('an empty folder is not a platform checkout: exit 2, one line on stderr (it used to pass as an empty platform)', () => {
    const dir = writeCheckout({});
    for (const command of [['check'], ['check', '--strict'], ['list'], ['migrate', 'plan'], ['notes', 'list']]) {
      const run = runBuiltCli([...command, dir]);
      expect(run.status, command.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`mwb ${command[0]}: not a platform checkout: ${dir} has no platform.yaml and no module (looked for modules/*/module.yaml)\n`);
    }
  });
});

describe('a module that depends on a broken manifest', () => {
  it('is blocked with the reason, and not told the dependency is missing', () => {
    const dir = writeCheckout({
      'modules/good/module.yaml': good,
      'modules/ledger/module.yaml': 'name: ledger\nversion: [1\n',
      'modules/orders/module.yaml': 'name: orders\nversion: 1.0.0\ndependencies: [ledger]\n',
    });
    const { report } = checkJson(dir);
    expect(report.diagnostics.map((d) => d.rule)).toEqual(['manifest-parse-error']);
    const list = JSON.parse(runBuiltCli(['list', dir, '--format', 'json']).stdout);
    expect(list.modules.find((m: { name: string }) => m.name === 'orders')).toMatchObject({
      status: 'blocked',
      reason: "depends on 'ledger', whose manifest (modules/ledger/module.yaml) cannot be read",
    });
  });
});
