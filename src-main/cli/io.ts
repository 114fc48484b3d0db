/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour only when stdout is a terminal and NO_COLOR is unset. */
  colour: boolean;
  cwd: string;
}

/** Bad arguments: the message goes to stderr and the exit code is 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
