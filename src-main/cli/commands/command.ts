import type { CliIO } from '../io';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /**
   * Returns the exit code (negative: still running, exits by itself), or a promise of it for
   * commands that wait on other processes (git); throws UsageError / CheckoutError for exit 2.
   */
  run(argv: string[], io: CliIO): number | Promise<number>;
}
