import { parseArgs as nodeParseArgs } from 'node:util';
import { didYouMean } from './did-you-mean';
import { UsageError } from './io';

export interface OptionSpec {
  /** Takes a value (`--format json`); otherwise a flag. */
  value?: boolean;
  /** Allowed values, if limited. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/**
 * Thrown by parseArgs instead of parsing while help is being collected (see collectOptions): it
 * carries the command's option table, so help and shell completion are generated from the very
 * table the command parses with. Every command calls parseArgs before doing anything else.
 */
export class OptionsProbe extends Error {
  constructor(
    readonly command: string,
    readonly spec: Readonly<Record<string, OptionSpec>>,
  ) {
    super(`${command}: options probe`);
  }
}

let probing = false;

/**
 * Runs `run` (a command's run with its subcommand) in probe mode and returns the option table its
 * parseArgs call declares, or null when it stops before parsing (an unknown subcommand).
 */
export async function collectOptions(run: () => unknown): Promise<OptionsProbe | null> {
  probing = true;
  try {
    await run();
    return null;
  } catch (err) {
    return err instanceof OptionsProbe ? err : null;
  } finally {
    probing = false;
  }
}

/**
 * Parses `[positionals] --opt value --flag --opt=value` with Node's util.parseArgs (strict: unknown
 * options and missing values are usage errors, each with a "did you mean" where one is near).
 */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  if (probing) throw new OptionsProbe(command, spec);
  const names = Object.keys(spec);
  // Our own pass first, for messages that name the option as typed (with a near one), and so
  // that `--opt value` keeps its meaning when the value starts with one dash (`--max-per-rule -1`
  // is a bad number, not a missing value): each option leaves here as `--name` or `--name=value`.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const def = spec[name];
    if (!def) throw new UsageError(`${command}: unknown option '${eq >= 0 ? arg.slice(0, eq) : arg}'.${didYouMean(name, names, '--')} Try 'mwb ${command} --help'.`);
    if (!def.value) {
      if (eq >= 0) throw new UsageError(`${command}: option '--${name}' takes no value`);
      args.push(`--${name}`);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${command}: option '--${name}' needs a value`);
    args.push(`--${name}=${value}`);
  }
  let parsed;
  try {
    parsed = nodeParseArgs({
      args,
      options: Object.fromEntries(names.map((n) => [n, { type: spec[n].value ? 'string' : 'boolean' }])) as Record<string, { type: 'string' | 'boolean' }>,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (err) {
    // Not expected after the pass above; still a usage error, never a stack trace.
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
  const options = new Map<string, string | true>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const def = spec[token.name];
    if (!def.value) {
      options.set(token.name, true);
      continue;
    }
    const value = token.value ?? '';
    if (def.choices && !def.choices.includes(value)) {
      throw new UsageError(`${command}: --${token.name} must be one of ${def.choices.join(', ')} (got '${value}').${didYouMean(value, def.choices)}`);
    }
    options.set(token.name, value);
  }
  return { positionals: parsed.positionals, options };
}

/** The "Options:" part of a command's help, from its option table (value names taken from the usage text). */
export function optionsHelp(spec: Readonly<Record<string, OptionSpec>>, usage = ''): string {
  const names = Object.keys(spec);
  if (names.length === 0) return '';
  const placeholder = (name: string) => new RegExp(`--${name}[ =]([A-Z][A-Z0-9-]*)`).exec(usage)?.[1] ?? 'VALUE';
  const lines = names.map((n) => `  --${n}${spec[n].value ? ` ${spec[n].choices ? spec[n].choices.join('|') : placeholder(n)}` : ''}`);
  return ['Options:', ...lines, '  --help'].join('\n');
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** The checkout argument: at most one positional, defaulting to the current folder. */
export function checkoutArg(args: ParsedArgs, command: string, cwd: string): string {
  if (args.positionals.length > 1) throw new UsageError(`${command}: expected one checkout folder, got ${args.positionals.length} arguments`);
  return args.positionals[0] ?? cwd;
}

/** `--max-per-rule N`: findings listed per rule (0 lists all); undefined when not given (the default cap). */
export function maxPerRuleOption(args: ParsedArgs): number | undefined {
  const max = stringOption(args, 'max-per-rule');
  if (max === undefined) return undefined;
  if (!/^\d+$/.test(max)) throw new UsageError(`--max-per-rule takes a whole number (0 lists every finding), not '${max}'`);
  return Number(max);
}
