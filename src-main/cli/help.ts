import { collectOptions, optionsHelp, type OptionSpec } from './args';
import type { Command } from './commands/command';
import type { CliIO } from './io';

const SILENT: CliIO = { stdout: () => undefined, stderr: () => undefined, colour: false, cwd: '.' };

/** A command's subcommands, read from its usage lines (`mwb permissions catalog|reconcile ...` or one line each). */
export function subcommandsOf(command: Command): string[] {
  const subs: string[] = [];
  for (const line of command.usage.split('\n')) {
    const m = new RegExp(`^mwb ${command.name} ([a-z][a-z|-]*)(\\s|$)`).exec(line.trim());
    if (m) for (const s of m[1].split('|')) if (!subs.includes(s)) subs.push(s);
  }
  return subs;
}

/** The option table a command (or one of its subcommands) parses with; {} when it has none. */
export async function commandOptions(command: Command, sub?: string): Promise<Readonly<Record<string, OptionSpec>>> {
  const probe = await collectOptions(() => command.run(sub ? [sub] : [], SILENT));
  return probe?.spec ?? {};
}

/** `mwb <command> [sub] --help`: usage, summary, and the options generated from the option table. */
export async function commandHelp(command: Command, rest: readonly string[]): Promise<string> {
  const subs = subcommandsOf(command);
  const sub = rest.find((a) => subs.includes(a));
  const parts = [command.usage, '', command.summary];
  if (subs.length > 0 && !sub) {
    parts.push('', `Subcommands: ${subs.join(', ')}; 'mwb ${command.name} <subcommand> --help' lists its options.`);
  } else {
    const options = optionsHelp(await commandOptions(command, sub), command.usage);
    if (options) parts.push('', sub ? `${options.replace(/^Options:/, `Options of ${sub}:`)}` : options);
  }
  return parts.join('\n') + '\n';
}
