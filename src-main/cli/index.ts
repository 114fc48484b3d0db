import { runCli } from './main';

/** The `module-workbench` / `mwb` executable. */
function main(): void {
  const out = process.stdout;
  void runCli(process.argv.slice(2), {
    stdout: (text) => void out.write(text),
    stderr: (text) => void process.stderr.write(text),
    colour: Boolean(out.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
    cwd: process.cwd(),
  }).then((code) => {
    // A negative code means the command keeps running (serve) and exits by itself.
    if (code >= 0) process.exitCode = code;
  });
}

main();
