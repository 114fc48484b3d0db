import path from 'node:path';
import { startWaiting } from '../service/read-ahead-worker';
import { CHECK_OPTIONS } from './commands/check-options';
import { earlySplitLikely, workerScript } from '../service/scan-threads';

/**
 * The executable's first step (bin/module-workbench.js, before it loads the CLI's bundle): for a
 * `check` of a large checkout, start the split scan's read-ahead worker now, so that its thread
 * and script load while this thread loads the bundle (~0.1 s each on 2 cores; issue 16). The scan
 * takes it (scan-pool.ts earlyReadAhead) when it is for the same checkout; a command line this does
 * not understand starts nothing and leaves every judgement (and message) to the CLI. A file of
 * its own with light imports, so that it loads in a few milliseconds.
 */

/** `check`'s options, as `--name`, and whether each takes a value. */
const OPTIONS = new Map<string, boolean>(Object.entries(CHECK_OPTIONS).map(([name, spec]) => [`--${name}`, 'value' in spec && spec.value]));

/** The checkout a `check` command line names (the working folder when none), or null when it is not a plain `check`. */
export function checkTarget(argv: readonly string[], cwd: string): string | null {
  if (argv[0] !== 'check') return null;
  const positionals: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const takesValue = OPTIONS.get(eq > 0 ? arg.slice(0, eq) : arg);
    if (takesValue === undefined || (eq > 0 && !takesValue)) return null;
    if (takesValue && eq < 0) i++;
  }
  if (positionals.length > 1) return null;
  return path.resolve(cwd, positionals[0] ?? '.');
}

export function earlyStart(argv: readonly string[], cwd: string): void {
  try {
    const root = checkTarget(argv, cwd);
    if (root === null || !earlySplitLikely(root)) return;
    const script = workerScript();
    // check reads the checkout once (oneShot: a watched reader) and keeps the SQL side on the worker.
    if (script !== null) startWaiting(script, root, true, true);
  } catch {
    // Nothing is lost: the scan starts its worker itself.
  }
}
