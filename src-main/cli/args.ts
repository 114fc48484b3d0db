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

/** Parses `[positionals] --opt value --flag --opt=value`; rejects unknown options with a usage error. */
export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const def = spec[name];
    if (!def) throw new UsageError(`${command}: unknown option '${arg}'. Try 'mwb ${command} --help'.`);
    if (!def.value) {
      if (eq >= 0) throw new UsageError(`${command}: option '--${name}' takes no value`);
      options.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${command}: option '--${name}' needs a value`);
    if (def.choices && !def.choices.includes(value)) {
      throw new UsageError(`${command}: --${name} must be one of ${def.choices.join(', ')} (got '${value}')`);
    }
    options.set(name, value);
  }
  return { positionals, options };
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
