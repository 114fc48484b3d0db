import { UnknownProfileError } from '../engine/check';
import { CheckoutError } from '../node/checkout-files';
import { ADAPTER_KINDS } from '../adapters/registry';
import { setForcedKind } from '../service/adapted-checkout';
import { capabilitiesCommand } from './commands/capabilities';
import { completionCommand } from './commands/completion';
import { checkCommand } from './commands/check';
import type { Command } from './commands/command';
import { graphCommand } from './commands/graph';
import { listCommand } from './commands/list';
import { permissionsCommand } from './commands/permissions';
import { notesCommand } from './commands/notes';
import { prCheckCommand } from './commands/pr-check';
import { migrateCommand } from './commands/migrate';
import { reportCommand } from './commands/report';
import { schemaCommand } from './commands/schema';
import { serveCommand } from './commands/serve';
import { tablesCommand } from './commands/tables';
import { escapeTerminalText } from '../common/terminal-text';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io';
import { TOOL_VERSION } from './version';
import { didYouMean } from './did-you-mean';
import { commandHelp } from './help';

const COMMANDS: readonly Command[] = [
  listCommand,
  checkCommand,
  graphCommand,
  capabilitiesCommand,
  migrateCommand,
  tablesCommand,
  permissionsCommand,
  prCheckCommand,
  notesCommand,
  reportCommand,
  serveCommand,
  schemaCommand,
  completionCommand(() => COMMANDS),
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'module-workbench (mwb): understand and check a modular platform checkout, offline.',
    '',
    'Usage: mwb <command> [checkout] [options]   (checkout defaults to the current folder)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Options: 'mwb <command> --help' lists a command's options (generated from the table it parses with).",
    `         --kind ${ADAPTER_KINDS.join('|')} reads the checkout with that adapter (default: detected; platform.yaml kind:).`,
    'Exit codes: 0 clean, 1 findings at blocking severity, 2 usage error or unreadable checkout.',
    'Rules are documented in docs/rules/<rule>.md.',
    '',
  ].join('\n');
}

function unknownCommand(name: string, io: CliIO): number {
  const names = COMMANDS.map((c) => c.name);
  io.stderr(`mwb: unknown command '${name}'.${didYouMean(name, names)} Commands: ${names.join(', ')}.\n`);
  return EXIT_USAGE;
}

/** Runs one CLI invocation; every failure becomes a message and an exit code, never a stack trace. */
export async function runCli(argv: readonly string[], rawIO: CliIO): Promise<number> {
  // stderr carries no colour: anything in it that could steer a terminal is escaped, whatever
  // message (a path, a file's text, an argument) it quotes.
  const io: CliIO = { ...rawIO, stderr: (text) => rawIO.stderr(escapeTerminalText(text, true)) };
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const target = COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !target) return unknownCommand(rest[0], io);
    io.stdout(target ? await commandHelp(target, rest.slice(1)) : help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return unknownCommand(name, io);
  const dashdash = rest.indexOf('--');
  const beforeDashdash = dashdash >= 0 ? rest.slice(0, dashdash) : rest;
  if (beforeDashdash.includes('--help') || beforeDashdash.includes('-h')) {
    io.stdout(await commandHelp(command, beforeDashdash));
    return EXIT_OK;
  }
  try {
    // `--kind K` (any command but those with a --kind of their own): the adapter that reads the
    // checkout, instead of detection.
    const kindAt = command.ownsKindOption ? -1 : rest.findIndex((a) => a === '--kind' || a.startsWith('--kind='));
    if (kindAt >= 0) {
      const kind = rest[kindAt].startsWith('--kind=') ? rest[kindAt].slice(7) : rest[kindAt + 1];
      if (kind === undefined || kind === '') throw new UsageError(`${command.name}: option '--kind' needs a value`);
      rest.splice(kindAt, rest[kindAt].startsWith('--kind=') ? 1 : 2);
      setForcedKind(kind);
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof CheckoutError || err instanceof UnknownProfileError) {
      // A message already naming its command ("notes new: ...") keeps that name as its prefix, once.
      // A usage message's line breaks are the tool's own; the others quote the checkout on one line.
      const own = new RegExp(`^${command.name}( [a-z-]+)?: `).exec(err.message);
      const message = err instanceof UsageError ? err.message : escapeTerminalText(err.message);
      io.stderr(own ? `mwb ${message}\n` : `mwb ${command.name}: ${message}\n`);
      return EXIT_USAGE;
    }
    const e = err as Error;
    io.stderr(`mwb ${command.name}: internal error: ${escapeTerminalText(e.message)}\nThis is a bug in Module Workbench; please report it with the command you ran.${process.env.MWB_DEBUG ? `\n${e.stack}` : ' (MWB_DEBUG=1 shows details)'}\n`);
    return EXIT_USAGE;
  } finally {
    setForcedKind(undefined);
  }
}
