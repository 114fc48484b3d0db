import type { OptionSpec } from '../args';

/**
 * `check`'s options (check.ts adds the formats `--format` accepts). A file of its own with no
 * imports, so that the executable's early start (cli/early-start.ts) reads the same list before the
 * CLI's bundle loads.
 */
export const CHECK_OPTIONS = {
  profile: { value: true },
  strict: {},
  format: { value: true },
  'max-per-rule': { value: true },
} as const satisfies Record<string, OptionSpec>;
