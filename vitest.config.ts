import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import SpreadBrowserTests from './test/helpers/sequencer';

/**
 * Two test files at a time even on 2 cores (vitest's default there is one): most files wait on
 * child processes (the built CLI, `mwb serve`, git, PostgreSQL, Chromium), so a second file uses
 * the core the first leaves idle; the browser test files are spread among the others
 * (test/helpers/sequencer.ts). On a machine already loaded (1-minute load average at twice the
 * cores or more, the rule `check` uses for its read-ahead worker) one file at a time: there a
 * second file only competes for the same cores and stretches the browser tests' waits.
 * `VITEST_MAX_WORKERS=N` (or `--maxWorkers=N`) overrides both. The timeouts only guard against a
 * hang; they leave room for a loaded machine.
 *
 * The views on 2,000 modules (the heaviest browser test: a server and a page on 16,000 files) run
 * alone, after the others: beside another file on a loaded machine their waits ran out.
 */
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const loaded = os.loadavg()[0] >= cores * 2;
const INCLUDE = ['src-main/**/*.test.ts', 'test/**/*.test.ts'];
const ALONE = ['test/e2e/large-platform-views.test.ts'];
if (loaded && !process.env.VITEST_MAX_WORKERS) console.log(`vitest: load average ${os.loadavg()[0].toFixed(1)} on ${cores} cores: one test file at a time`);

export default defineConfig({
  test: {
    environment: 'node',
    maxWorkers: loaded ? 1 : Math.max(2, cores - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: SpreadBrowserTests },
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    setupFiles: ['./test/helpers/libraries.ts'],
    projects: [
      { extends: true, test: { name: 'tests', include: INCLUDE, exclude: [...configDefaults.exclude, ...ALONE] } },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1 } },
    ],
  },
});
