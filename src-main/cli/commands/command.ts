import type { CliIO } from '../io';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /**
   * The command parses a `--kind` option of its own (`notes --kind architecture|migration`), so the
   * global `--kind <adapter>` is not taken out of its arguments.
   */
  ownsKindOption?: boolean;
  /**
   * Returns the exit code (negative: still running, exits by itself), or a promise of it for
   * commands that wait on other processes (git); throws UsageError / CheckoutError for exit 2.
   */
  run(argv: string[], io: CliIO): number | Promise<number>;
}
