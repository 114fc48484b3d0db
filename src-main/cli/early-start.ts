import path from 'node:path';
import v8 from 'node:v8';
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

/**
 * V8's garbage collection without helper threads, for a split `check` (2 cores, two threads running
 * JavaScript: this one and the reading worker). By default each isolate scavenges with parallel
 * helpers and marks and sweeps concurrently, on threads of their own: with both cores busy running
 * JavaScript they only take the cores from the two threads doing the work, and add their
 * synchronization (issue 16, 5,000 modules, 12 alternated runs each: CPU 2.50 -> 2.41 s, wall 1.40
 * -> 1.35 s median; the helpers' CPU went from about 0.9 s to 0.6 s, with the compiler's). Each
 * thread still collects its own garbage, on its own thread, as often as before.
 *
 * Set from here, before the worker starts and before the bundle loads, because V8 reads its flags
 * process-wide: the worker's isolate gets them too. These flags are read at each collection and may
 * be changed while the process runs; `--single-threaded-gc` and `--no-parallel-marking` may not
 * (V8 aborts), so they are not used. A `check` that is not split (more cores: pool workers, or a
 * small checkout) keeps V8's defaults.
 *
 * With them, a four times larger interrupt budget (V8's default 67,584): a function is optimized
 * by TurboFan after four times as much work in the interpreter and the baseline compiler. A
 * one-shot `check` has many functions that are hot only for a while (each of the scan's steps, the
 * registry, each analysis); with both cores busy, compiling them (on V8's platform threads) cost
 * more than it won (issue 16, 5,000 modules, three sets of 10 to 12 alternated runs: wall 1.34 ->
 * 1.27 s, 1.30 -> 1.26 s, 1.34 -> 1.26 s, CPU ~4% less; twice the default no faster, six times the
 * same as four). Like the collector's flags it is read as the process runs (for each function's
 * budget), and it changes when code is optimized, never what it computes.
 */
export const SPLIT_V8_FLAGS: readonly string[] = ['--no-parallel-scavenge', '--no-concurrent-marking', '--no-parallel-compaction', '--no-concurrent-sweeping', '--no-parallel-pointer-update', '--interrupt-budget=270336'];

export function earlyStart(argv: readonly string[], cwd: string): void {
  try {
    const root = checkTarget(argv, cwd);
    if (root === null || !earlySplitLikely(root)) return;
    const script = workerScript();
    if (script === null) return;
    for (const flag of SPLIT_V8_FLAGS) v8.setFlagsFromString(flag);
    // check reads the checkout once (oneShot: a watched reader) and keeps the SQL side on the worker.
    startWaiting(script, root, true, true);
  } catch {
    // Nothing is lost: the scan starts its worker itself.
  }
}
