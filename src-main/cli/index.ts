import { runCli } from './main';

/**
 * Commands that leave nothing running once they return (they read the checkout and print): the
 * process exits as soon as their output is flushed. Left to exit by itself, Node tears the heap down first, which took 0.1 to 0.4 s after
 * a `check` of 5,000 modules (a heap of about 200 MB; issue 16).
 */
const EXIT_WHEN_DONE = new Set(['check', 'graph', 'list']);

/** The `module-workbench` / `mwb` executable. */
function main(): void {
  const out = process.stdout;
  const argv = process.argv.slice(2);
  void runCli(argv, {
    stdout: (text) => void out.write(text),
    stderr: (text) => void process.stderr.write(text),
    colour: Boolean(out.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    cwd: process.cwd(),
  }).then((code) => {
    // A negative code means the command keeps running (serve) and exits by itself.
    if (code < 0) return;
    process.exitCode = code;
    if (!EXIT_WHEN_DONE.has(argv[0])) return;
    // Each stream calls back once what was written before is handed over (or failed, a closed pipe).
    let pending = 2;
    const flushed = (): void => {
      if (--pending === 0) process.exit(code);
    };
    out.write('', flushed);
    process.stderr.write('', flushed);
  });
}

main();
