import { Worker } from 'node:worker_threads';
import { CheckoutFiles } from './checkout-reader';
import type { RemoteSql } from './remote-sql';
import { ReadAheadWorker, takeWaiting } from './read-ahead-worker';
import { scanSplit, type ReadAheadTuning } from './scan-split';
import { earlySplitLikely, splitWanted, workerCount, workerScript } from './scan-threads';
import { fromWire, scanModule, type ScannedModule, type ScanSettings, type WireModule } from './module-scan';

/**
 * Reads a checkout's module folders on every core: the main thread and a few worker threads
 * (scan-worker.ts) take batches of folders from one queue, so a slow batch never leaves a core
 * idle. The results are in folder order and the same as a single-threaded scan's (a test runs the
 * CLI both ways and compares the bytes). Small checkouts, and hosts where the worker script is not
 * there (tests running the TypeScript sources), scan on the main thread alone; a worker that fails
 * hands its batches back to the main thread.
 *
 * MWB_SCAN_THREADS sets the number of workers (0: none; by default the cores less two, at most
 * three: none on 2 cores); MWB_SCAN_PARALLEL_MIN the folder count from which workers are used.
 */

export interface ScanWorkerData extends ScanSettings {
  root: string;
}

export interface ScanRequest {
  start: number;
  folders: string[];
}

export interface ScanReply {
  start: number;
  results: (WireModule | null)[];
}

export interface ScanOptions extends ScanSettings {
  /** Called now and then with the folders done so far. */
  onProgress?(done: number, total: number): void;
  /** File access for the main thread's share (a caller may reuse its cached reads). */
  files?: CheckoutFiles;
  /** Other work for the main thread, done once the workers have started (they take more folders meanwhile). */
  alongside?(): void;
  /**
   * Work on one module scanned, that only its own manifest decides, for the main thread to do while
   * it waits for a split scan's worker (its results are cached by manifest: the checks that follow
   * the scan take them then instead of computing them).
   */
  whileWaiting?(scanned: ScannedModule): void;
  /**
   * Overrides the defaults (the environment, the built worker beside this bundle): tests use it.
   * `split`: with no pool workers, one worker reads ahead (listings, manifests and SQL texts) while
   * this thread parses (scan-split.ts); by default as splitWanted says (ReadAheadTuning: tests).
   */
  workers?: { script: string | null; count: number; split?: boolean | ReadAheadTuning };
  /** When the scan is split, the worker keeps the SQL side and is handed over here (scan-split.ts, sql-side.ts). */
  sqlOnWorker?(remote: RemoteSql): void;
  /** A read-ahead worker started before the folders were known (earlyReadAhead): used when the scan is split, else ended. */
  early?: ReadAheadWorker | null;
}

/** Folders per batch at most: big enough that messages cost little, small enough to share the tail. */
const MAX_BATCH = 16;
/** Batches a worker holds at once: one being scanned, one waiting, so it never waits for the main thread. */
const IN_FLIGHT = 2;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A read-ahead worker started before the checkout's folders are discovered, when a split scan is
 * likely (scan-threads.ts earlySplitLikely; `workers.split.early` for tests): its thread and script
 * load while this thread reads platform.yaml and discovers the folders. The one the executable
 * started for this checkout before the bundle loaded (cli/early-start.ts) is taken when there is
 * one. scanModules uses it or ends it (too few folders for a split). A small checkout starts none:
 * a worker started and ended cost its check ~0.05 s.
 */
export function earlyReadAhead(root: string, watched: boolean, sqlSide: boolean, workers?: ScanOptions['workers']): ReadAheadWorker | null {
  const waiting = takeWaiting(root, watched, sqlSide);
  if (workers === undefined && waiting) return waiting;
  waiting?.close();
  const script = workers ? workers.script : workerScript();
  if (script === null) return null;
  const wanted = workers ? typeof workers.split === 'object' && workers.split.early === true : earlySplitLikely(root);
  return wanted ? ReadAheadWorker.start(script, root, watched, sqlSide) : null;
}

/** Scans every folder (checkout-relative); null where a folder holds no manifest. */

export async function scanModules(root: string, folders: readonly string[], options: ScanOptions = {}): Promise<(ScannedModule | null)[]> {
  const settings: ScanSettings = { tenantColumn: options.tenantColumn, dialect: options.dialect };
  const total = folders.length;
  const results: (ScannedModule | null)[] = new Array(total).fill(null);
  const files = options.files ?? new CheckoutFiles(root);
  let next = 0;
  let done = 0;
  /** Batches a failed worker held, for the main thread. */
  const handedBack: number[] = [];
  const script = options.workers ? options.workers.script : workerScript();
  const count = script === null || total === 0 ? 0 : Math.min(options.workers ? options.workers.count : workerCount(total), total - 1);
  if (count <= 0 && script !== null && settings.tenantColumn !== undefined && total > 0 && (options.workers ? Boolean(options.workers.split) : splitWanted(total))) {
    const tuning = typeof options.workers?.split === 'object' ? options.workers.split : undefined;
    return scanSplit(root, folders, { script, files, tenantColumn: settings.tenantColumn, dialect: settings.dialect, onProgress: options.onProgress, alongside: options.alongside, whileWaiting: options.whileWaiting, tuning, sqlOnWorker: options.sqlOnWorker, early: options.early });
  }
  options.early?.close();
  // About eight batches per thread, so that no thread is left with a long tail.
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(total / ((count + 1) * 8))));
  const take = (): number | null => {
    if (handedBack.length > 0) return handedBack.pop() as number;
    if (next >= total) return null;
    const start = next;
    next += batch;
    return start;
  };
  const finished = (count: number) => {
    done += count;
    options.onProgress?.(done, total);
  };

  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  const inFlight = new Map<Worker, Set<number>>();

  const retire = (worker: Worker) => {
    const held = inFlight.get(worker);
    if (!held) return;
    inFlight.delete(worker);
    handedBack.push(...held);
    void worker.terminate();
    poke();
  };
  const feed = (worker: Worker) => {
    const held = inFlight.get(worker);
    while (held && held.size < IN_FLIGHT) {
      const start = take();
      if (start === null) break;
      held.add(start);
      const request: ScanRequest = { start, folders: folders.slice(start, start + batch) };
      worker.postMessage(request);
    }
  };

  for (let i = 0; i < count; i++) {
    let worker: Worker;
    try {
      worker = new Worker(script as string, { workerData: { root, ...settings } satisfies ScanWorkerData });
    } catch {
      break; // no threads here: the main thread does it all
    }
    inFlight.set(worker, new Set());
    worker.on('message', (reply: ScanReply) => {
      const held = inFlight.get(worker);
      if (!held?.delete(reply.start)) return;
      reply.results.forEach((r, j) => (results[reply.start + j] = r === null ? null : fromWire(r)));
      finished(reply.results.length);
      feed(worker);
      poke();
    });
    worker.on('error', () => retire(worker));
    worker.on('exit', () => retire(worker));
    feed(worker);
  }

  try {
    options.alongside?.();
    for (;;) {
      const start = take();
      if (start !== null) {
        const end = Math.min(total, start + batch);
        for (let i = start; i < end; i++) results[i] = scanModule(root, folders[i], settings, files);
        finished(end - start);
        await nextTurn(); // let workers' replies in, and keep a host's other requests moving
        continue;
      }
      let waiting = 0;
      for (const held of inFlight.values()) waiting += held.size;
      if (waiting === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    for (const worker of [...inFlight.keys()]) {
      inFlight.delete(worker);
      void worker.terminate();
    }
  }
  return results;
}
