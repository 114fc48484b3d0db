import { UnknownProfileError } from '../engine/check';
import { CheckoutError } from '../node/checkout-files';
import { ADAPTER_KINDS } from '../adapters/registry';
import { setForcedKind } from '../service/adapted-checkout';
import { capabilitiesCommand } from './commands/capabilities';
import { checkCommand } from './commands/check';
import type { Command } from './commands/command';
import { graphCommand } from './commands/graph';
import { listCommand } from './commands/list';
import { permissionsCommand } from './commands/permissions';
import { notesCommand } from './commands/notes';
import { prCheckCommand } from './commands/pr-check';
import { migrateCommand } from './commands/migrate';
import { serveCommand } from './commands/serve';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io';
import { TOOL_VERSION } from './version';

const COMMANDS: readonly Command[] = [listCommand, checkCommand, graphCommand, capabilitiesCommand, migrateCommand, permissionsCommand, prCheckCommand, notesCommand, serveCommand];

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
    'Options: --format text|json|sarif|markdown where it applies; --help after a command for its usage.',
    `         --kind ${ADAPTER_KINDS.join('|')} reads the checkout with that adapter (default: detected; platform.yaml kind:).`,
    'Exit codes: 0 clean, 1 findings at blocking severity, 2 usage error or unreadable checkout.',
    'Rules are documented in docs/rules/<rule>.md.',
    '',
  ].join('\n');
}

/** Runs one CLI invocation; every failure becomes a message and an exit code, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const target = COMMANDS.find((c) => c.name === rest[0]);
    io.stdout(target ? `${target.usage}\n\n${target.summary}\n` : help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`mwb: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n\n${command.summary}\n`);
    return EXIT_OK;
  }
  try {
    // `--kind K` (any command): the adapter that reads the checkout, instead of detection.
    const kindAt = rest.findIndex((a) => a === '--kind' || a.startsWith('--kind='));
    if (kindAt >= 0) {
      const kind = rest[kindAt].startsWith('--kind=') ? rest[kindAt].slice(7) : rest[kindAt + 1];
      if (kind === undefined || kind === '') throw new UsageError(`${command.name}: option '--kind' needs a value`);
      rest.splice(kindAt, rest[kindAt].startsWith('--kind=') ? 1 : 2);
      setForcedKind(kind);
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof CheckoutError || err instanceof UnknownProfileError) {
      io.stderr(`mwb ${command.name}: ${err.message.replace(new RegExp(`^${command.name}: `), '')}\n`);
      return EXIT_USAGE;
    }
    const e = err as Error;
    io.stderr(`mwb ${command.name}: internal error: ${e.message}\nThis is a bug in Module Workbench; please report it with the command you ran.${process.env.MWB_DEBUG ? `\n${e.stack}` : ' (MWB_DEBUG=1 shows details)'}\n`);
    return EXIT_USAGE;
  } finally {
    setForcedKind(undefined);
  }
}
