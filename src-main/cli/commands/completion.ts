import { parseArgs } from '../args';
import { completionScript, SHELLS, type Shell } from '../format/completion';
import { commandOptions, subcommandsOf } from '../help';
import { UsageError, type CliIO } from '../io';
import type { Command } from './command';

/** `mwb completion bash|zsh|fish`: the completion script, built from the command table it is given. */
export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'a shell completion script: commands, subcommands, options and their values',
    usage: "mwb completion bash|zsh|fish\n  bash: source <(mwb completion bash)   zsh: mwb completion zsh > \"${fpath[1]}/_mwb\"   fish: mwb completion fish > ~/.config/fish/completions/mwb.fish",
    async run(argv: string[], io: CliIO): Promise<number> {
      const args = parseArgs(argv, {}, 'completion');
      const [shell, ...extra] = args.positionals;
      if (!SHELLS.includes(shell as Shell) || extra.length > 0) throw new UsageError(`completion: expected one of ${SHELLS.join(', ')}${shell ? ` (got '${[shell, ...extra].join(' ')}')` : ''}`);
      const table = [];
      for (const c of commands()) {
        const subs = subcommandsOf(c);
        const entries = subs.length > 0 ? await Promise.all(subs.map(async (s) => ({ sub: s, options: await commandOptions(c, s) }))) : [{ sub: undefined, options: await commandOptions(c) }];
        table.push({ name: c.name, summary: c.summary, entries });
      }
      io.stdout(completionScript(shell as Shell, table));
      return 0;
    },
  };
}
