import { describe, expect, it } from 'vitest';
import { collectOptions, optionsHelp, parseArgs, type OptionSpec } from '../src-main/cli/args';
import { closest } from '../src-main/cli/did-you-mean';
import { UsageError } from '../src-main/cli/io';
import { runBuiltCli } from './helpers/checkout';

const SPEC: Record<string, OptionSpec> = { format: { value: true, choices: ['text', 'json'] }, strict: {}, 'max-per-rule': { value: true }, base: { value: true } };
const parse = (...argv: string[]) => {
  const r = parseArgs(argv, SPEC, 'check');
  return { positionals: r.positionals, options: Object.fromEntries(r.options) };
};
const fails = (argv: string[]) => {
  try {
    parseArgs(argv, SPEC, 'check');
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
};

describe('parseArgs (util.parseArgs underneath, same API and meaning as before)', () => {
  it('reads positionals, --opt value, --opt=value, flags, -name, - and everything after --', () => {
    expect(parse('dir', '--format', 'json', '--strict')).toEqual({ positionals: ['dir'], options: { format: 'json', strict: true } });
    expect(parse('--format=text', '-strict', '--base=a=b')).toEqual({ positionals: [], options: { format: 'text', strict: true, base: 'a=b' } });
    expect(parse('-', '--', '--strict', '-x')).toEqual({ positionals: ['-', '--strict', '-x'], options: {} });
    // A value with one dash is a value (then checked by its command), not a missing one.
    expect(parse('--max-per-rule', '-1')).toEqual({ positionals: [], options: { 'max-per-rule': '-1' } });
    expect(parse('--format', 'json', '--format', 'text').options.format).toBe('text');
  });

  it('rejects unknown options, missing values, values of flags and values outside the choices, with a near match', () => {
    expect(fails(['--formt', 'json'])).toBe("check: unknown option '--formt'. Did you mean '--format'? Try 'mwb check --help'.");
    expect(fails(['--bogus'])).toBe("check: unknown option '--bogus'. Try 'mwb check --help'.");
    expect(fails(['--strcit=1'])).toBe("check: unknown option '--strcit'. Did you mean '--strict'? Try 'mwb check --help'.");
    expect(fails(['--format'])).toBe("check: option '--format' needs a value");
    expect(fails(['--base', '--strict'])).toBe("check: option '--base' needs a value");
    expect(fails(['--strict=yes'])).toBe("check: option '--strict' takes no value");
    expect(fails(['--format', 'jsno'])).toBe("check: --format must be one of text, json (got 'jsno'). Did you mean 'json'?");
    expect(fails(['--format', 'xml'])).toBe("check: --format must be one of text, json (got 'xml').");
  });

  it('"did you mean" only suggests near names', () => {
    expect(closest('chek', ['list', 'check', 'graph'])).toBe('check');
    expect(closest('pr-chekc', ['check', 'pr-check'])).toBe('pr-check');
    expect(closest('perm', ['permissions', 'pr-check'])).toBe('permissions');
    expect(closest('xyz', ['list', 'check'])).toBeUndefined();
    expect(closest('', ['list'])).toBeUndefined();
  });

  it('hands the option table to help instead of parsing while probing, and help is generated from it', async () => {
    let ran = false;
    const probe = await collectOptions(() => {
      parseArgs(['--strict'], SPEC, 'check');
      ran = true;
    });
    expect(ran).toBe(false);
    expect(probe?.spec).toBe(SPEC);
    // Probing is over: parsing works again.
    expect(parse('--strict').options).toEqual({ strict: true });
    expect(optionsHelp(SPEC, 'mwb check [--max-per-rule N] [--base REV]')).toBe('Options:\n  --format text|json\n  --strict\n  --max-per-rule N\n  --base REV\n  --help');
  });
});

describe('the built CLI: help and "did you mean"', () => {
  it('suggests a command, an option and a value', () => {
    const cmd = runBuiltCli(['chek']);
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toContain("unknown command 'chek'. Did you mean 'check'?");
    expect(runBuiltCli(['help', 'pr-chek']).stderr).toContain("Did you mean 'pr-check'?");
    const opt = runBuiltCli(['graph', '--edge', 'event']);
    expect(opt.status).toBe(2);
    expect(opt.stderr).toBe("mwb graph: unknown option '--edge'. Did you mean '--edges'? Try 'mwb graph --help'.\n");
  });

  it('generates each command\'s options from the table it parses with, subcommands included', () => {
    const check = runBuiltCli(['check', '--help']);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('Options:\n  --profile P\n  --strict\n  --format text|json|sarif|markdown|github|gitlab|junit\n  --max-per-rule N\n  --help\n');
    const sub = runBuiltCli(['help', 'permissions', 'codegen']);
    expect(sub.stdout).toContain('Options of codegen:\n  --lang ts|go|python\n  --out FILE\n');
    expect(runBuiltCli(['migrate', '--help']).stdout).toContain('Subcommands: plan, preflight, apply');
    // Help never runs the command: apply --help on a folder that is no checkout still exits 0.
    expect(runBuiltCli(['migrate', 'apply', '/nonexistent', '--yes', '--help']).status).toBe(0);
  });
});
