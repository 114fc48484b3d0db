import os from 'node:os';
import { defineConfig } from 'vitest/config';
import SpreadBrowserTests from './test/helpers/sequencer';

/**
 * Two test files at a time even on 2 cores (vitest's default there is one): most files wait on
 * child processes (the built CLI, `mwb serve`, git, PostgreSQL, Chromium), so a second file uses
 * the core the first leaves idle; the browser test files are spread among the others
 * (test/helpers/sequencer.ts). `VITEST_MAX_WORKERS=1` (or `--maxWorkers=1`) runs one at a time.
 * The timeouts only guard against a hang; they leave room for a loaded machine.
 */
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    maxWorkers: Math.max(2, cores - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: SpreadBrowserTests },
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    setupFiles: ['./test/helpers/libraries.ts'],
  },
});
