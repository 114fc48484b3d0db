import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * How many threads a scan takes (scan-pool.ts) and where their script is: a file of its own, with
 * nothing but Node's modules, so that the executable can decide to start the read-ahead worker
 * before the CLI's bundle loads (cli/early-start.ts).
 *
 * MWB_SCAN_THREADS sets the number of pool workers (0: none; by default the cores less two, at most
 * three: none on 2 cores); MWB_SCAN_PARALLEL_MIN the folder count from which workers are used;
 * MWB_SCAN_SPLIT (1 or 0) whether a scan with migrations splits over a reading worker and the main thread.
 */

/** Below this many folders, starting workers costs more than it saves. */
const DEFAULT_PARALLEL_MIN = 200;
const MAX_WORKERS = 3;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * Workers leave one core to the main thread and one to the rest of the machine: on 2 cores a
 * worker did not pay (issue 16: 5,000 modules, check took the same wall time with and without one
 * and about 18% more CPU; the YAML fast path left little per-folder work to share).
 */
export function workerCount(folders: number): number {
  if (folders < (envInt('MWB_SCAN_PARALLEL_MIN') ?? DEFAULT_PARALLEL_MIN)) return 0;
  return poolThreads();
}

/** Pool workers for a large checkout: the cores less two, at most MAX_WORKERS (MWB_SCAN_THREADS overrides). */
export function poolThreads(): number {
  return envInt('MWB_SCAN_THREADS') ?? Math.max(0, Math.min(MAX_WORKERS, os.availableParallelism() - 2));
}

/**
 * Whether a scan with migrations and no pool workers splits its work over two threads, a reading
 * worker and this thread parsing (scan-split.ts): from 200 folders on 2 or more cores, unless the
 * machine is oversubscribed (the 1-minute load average at three times the cores or more). Issue 16,
 * 5,000 modules on 2 cores: at load 1.8 to 2.7 `check` took 3.2-4.0 s against 3.5-4.9 s (7
 * interleaved rounds, each faster); at load 5 to 10 no difference showed, and the process spends
 * about 6% more CPU in all. The threshold was twice the cores: but the 1-minute average lags, and a
 * few `check`s run one after the other on 2 cores leave it at 3 to 4 with the machine idle, so a
 * split was refused where it paid (2.3-2.5 s split against 3.5-4.3 s not, at load ~4 of that
 * kind). MWB_SCAN_SPLIT (1 or 0) decides instead of the load; MWB_SCAN_THREADS=0 turns it off.
 */
export function splitWanted(folders: number): boolean {
  if (folders < (envInt('MWB_SCAN_PARALLEL_MIN') ?? DEFAULT_PARALLEL_MIN)) return false;
  return splitAtAll();
}

/** splitWanted but for the number of folders. */
export function splitAtAll(): boolean {
  const forced = envInt('MWB_SCAN_SPLIT');
  if (forced !== undefined) return forced > 0;
  const cores = os.availableParallelism();
  return envInt('MWB_SCAN_THREADS') !== 0 && cores >= 2 && os.loadavg()[0] < cores * 3;
}

/** The built worker beside this bundle (out/main/scan-worker.js), or null when running from sources. */
export function workerScript(): string | null {
  for (const candidate of [path.join(__dirname, 'scan-worker.js'), path.join(__dirname, '..', 'scan-worker.js')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Whether the checkout's `modules` folder (the usual place of module folders) holds enough entries for a split scan. */
function likelyLarge(root: string): boolean {
  try {
    return fs.readdirSync(path.join(root, 'modules')).length >= (envInt('MWB_SCAN_PARALLEL_MIN') ?? DEFAULT_PARALLEL_MIN);
  } catch {
    return false;
  }
}

/**
 * Whether a read-ahead worker is worth starting before the checkout's folders are discovered: a
 * split scan is likely (2 or 3 cores, not loaded, not turned off, and a `modules` folder with
 * enough entries).
 */
export function earlySplitLikely(root: string): boolean {
  return poolThreads() === 0 && splitAtAll() && likelyLarge(root);
}
