import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import SpreadBrowserTests from './test/helpers/sequencer';

/**
 * Test files run one at a time on 2 cores and on a loaded machine (1-minute load average at twice
 * the cores or more), else on the cores less one. Two at a time on 2 cores took vitest from 863 s
 * to 736 s in a fresh clone, but browser tests then timed out waiting (an editor pane not ready
 * within 60 s beside another file; the 2,000-module views beside another file on a loaded
 * machine), so the default stays one. `VITEST_MAX_WORKERS=N` (or `--maxWorkers=N`) overrides.
 * Where files do run side by side, the browser test files are spread among the others
 * (test/helpers/sequencer.ts). The timeouts only guard against a hang; they leave room for a
 * loaded machine.
 *
 * The views on 2,000 modules (the heaviest browser test: a server and a page on 16,000 files) run
 * alone, after the others.
 */
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const loaded = os.loadavg()[0] >= cores * 2;
const INCLUDE = ['src-main/**/*.test.ts', 'test/**/*.test.ts'];
const ALONE = ['test/e2e/large-platform-views.test.ts'];
if (loaded && cores > 2 && !process.env.VITEST_MAX_WORKERS) console.log(`vitest: load average ${os.loadavg()[0].toFixed(1)} on ${cores} cores: one test file at a time`);

export default defineConfig({
  test: {
    environment: 'node',
    maxWorkers: loaded ? 1 : Math.max(1, cores - 1),
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
