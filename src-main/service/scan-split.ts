import type { CheckoutFiles } from './checkout-reader';
import { scanModuleMigrations } from './migration-scan';
import { scanModuleManifest, type ScannedModule, type ScanSettings } from './module-scan';
import { AHEAD_BATCH, AHEAD_LEAD, parentsOf, readMigrationsFolder, type FolderAhead } from './read-ahead';
import { ReadAheadWorker } from './read-ahead-worker';
import { RemoteSql } from './remote-sql';
import { readerWith, type PendingModule } from './sql-side';

/**
 * A scan split over two threads by kind of work (issue 16: `check` on 2 cores): one worker thread
 * (scan-worker.ts) reads ahead, the main thread parses. The worker lists each module folder in
 * order, reads its manifest and, when the folder holds a `migrations` folder, lists that and reads
 * its SQL files; it sends back the listings and the texts (strings copy cheaply across threads).
 * The main thread takes them in folder order, parses and validates each manifest and classifies
 * its migrations; a folder the worker has not reached yet it reads itself, so it never waits (and
 * the worker skips ahead past what the main thread has done: `progress`). With the SQL side, the
 * main thread sends such a folder's listing and `migrations` folder along with the module to
 * classify, so that the worker never reads a folder the main thread read. A migrations folder other
 * than `migrations` (the manifest's `migrations:`) is read by the main thread.
 *
 * With the SQL side (`check`), the main thread waits for the worker's reads instead (lead 0,
 * `wait`): since manifests parse faster (engine/yaml-subset.ts) it caught up with the worker and
 * read a third to two thirds of the folders itself, and sent their SQL texts over to be classified;
 * the process spent about 0.1-0.2 s more CPU in all that way, on 2 cores what its time is made of
 * (issue 16, 5,000 modules, 2 x 12 alternated runs: CPU 2.80 -> 2.61 s, wall 1.50 -> 1.46 s median;
 * the main thread reading every 3rd or 5th folder itself was slower still).
 *
 * Measured before: copying classified migrations or parsed manifests across threads (hundreds of
 * thousands of small objects at 5,000 modules) cost more than computing them, so the folder-batch
 * pool (scan-pool.ts) did not pay on 2 cores; reading is what moves well.
 *
 * The worker reads through a CheckoutFiles of the same checkout as the main thread would (path
 * rule, listed regular files opened with O_NOFOLLOW and checked with fstat, the size limit before
 * reading), and only the listings' regular files; whatever else a folder holds (links, FIFOs) is
 * looked at by the main thread. The results are the single-threaded scan's (test/scan-parallel.test.ts
 * compares the bytes). Should the worker fail, the main thread reads everything itself.
 */

/**
 * Settings (tests'; the defaults are `lead` AHEAD_LEAD without `wait`, and with the SQL side `lead`
 * 0 and `wait`): `lead` 0 and `wait` (the main thread waits for the worker's reads instead of
 * reading itself) make the worker read every folder.
 */
export interface ReadAheadTuning {
  lead?: number;
  wait?: boolean;
  /** Started before discovery, as by default on 2 or 3 cores (scan-pool.ts, earlyReadAhead). */
  early?: boolean;
}

export interface SplitOptions extends ScanSettings {
  script: string;
  tuning?: ReadAheadTuning;
  files: CheckoutFiles;
  onProgress?(done: number, total: number): void;
  alongside?(): void;
  /** ScanOptions.whileWaiting: called for the modules scanned so far, a few at a time, whenever the scan waits for the worker's reads. */
  whileWaiting?(scanned: ScannedModule): void;
  /**
   * Given, the worker keeps the SQL side (sql-side.ts): the modules' migrations are classified
   * there, not here, and the worker is handed over (not ended) for the migrations and tables
   * analyses. Should the worker fail during the scan, this thread classifies as without it.
   */
  sqlOnWorker?(remote: RemoteSql): void;
  /** A worker started before the folders were known (ReadAheadWorker.start); without, one is started now. */
  early?: ReadAheadWorker | null;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How many modules whileWaiting takes before the scan looks for the worker's reads again. */
const WARM_BATCH = 8;

/** Scans every folder (checkout-relative) with a reading worker; null where a folder holds no manifest. */
export async function scanSplit(root: string, folders: readonly string[], options: SplitOptions): Promise<(ScannedModule | null)[]> {
  const { files, tenantColumn, dialect } = options;
  const settings: ScanSettings = { tenantColumn, dialect };
  const total = folders.length;
  const results: (ScannedModule | null)[] = new Array(total).fill(null);
  const ahead = new Map<number, FolderAhead>();
  const sqlSide = options.sqlOnWorker !== undefined && tenantColumn !== undefined;
  // One started early (before discovery) or one now; none when no thread can be made (this thread does it all).
  const started = options.early ?? ReadAheadWorker.start(options.script, root, files.watched, sqlSide);
  const at = started?.at ?? new Int32Array(new SharedArrayBuffer(4));

  let worker: ReadAheadWorker | null = started && !started.gone ? started : null;
  // With the SQL side the worker reads every folder and the main thread waits for its reads (see above).
  const lead = options.tuning?.lead ?? (sqlSide ? 0 : AHEAD_LEAD);
  const wait = options.tuning?.wait ?? (sqlSide && lead === 0);
  let remote: RemoteSql | null = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  if (worker) {
    const w = worker;
    const sql = sqlSide ? new RemoteSql(w) : null;
    remote = sql;
    w.onMessage = (reply) => {
      if ('kind' in reply) return sql?.received(reply);
      if (worker !== w) return;
      // Folders the main thread has passed already (it read them itself) are dropped.
      const at = Atomics.load(w.at, 0);
      reply.folders.forEach((f, j) => {
        if (reply.start + j >= at) ahead.set(reply.start + j, f);
      });
      poke();
    };
    // A worker that fails or ends leaves the rest to this thread (it reads what it has not been sent).
    w.onGone = () => {
      sql?.gone();
      if (worker === w) worker = null;
      poke();
    };
    w.begin({ kind: 'start', folders, parents: files.watched ? parentsOf(folders) : [], lead, tenantColumn, dialect, sqlSide });
  } else started?.close();

  let handedOver = false;
  /** Modules before this one were given to whileWaiting. */
  let warmed = 0;
  try {
    options.alongside?.();
    /** Modules whose migrations the worker classifies, sent a batch at a time. */
    let toSend: PendingModule[] = [];
    /** Modules sent to the worker: classified here after all, should it fail. */
    const sent: { index: number; pending: NonNullable<ReturnType<typeof scanModuleManifest>>['pending'] }[] = [];
    for (let i = 0; i < total; i++) {
      Atomics.store(at, 0, i);
      const folder = folders[i];
      while (wait && worker && !ahead.has(i)) {
        // Waiting: first some of the caller's work on modules scanned already (a message that comes meanwhile waits that long).
        if (options.whileWaiting && warmed < i) {
          for (const end = Math.min(i, warmed + WARM_BATCH); warmed < end; warmed++) {
            const r = results[warmed];
            if (r) options.whileWaiting(r);
          }
          await nextTurn();
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const got = ahead.get(i);
      if (got) {
        ahead.delete(i);
        if (got.entries !== undefined) files.adoptListing(folder, got.entries);
      }
      const r = scanModuleManifest(root, folder, settings, files, got ? got.source : undefined);
      if (r) {
        results[i] = r.scanned;
        if (r.pending && tenantColumn !== undefined) {
          const { mod, moduleDir, key } = r.pending;
          if (remote?.live) {
            // A folder read here: its listing and its migrations folder go along (the worker need not read them again).
            const own = !got && files.watched;
            const migrations = own && mod.dir === `${folder}/migrations` ? readMigrationsFolder(files, mod.dir, false) : undefined;
            toSend.push(got ? { index: i, key, mod, moduleDir } : { index: i, key, mod, moduleDir, entries: own ? files.list(folder) : undefined, migrations });
            sent.push({ index: i, pending: r.pending });
          } else {
            const reader = got?.migrations && mod.dir === `${folder}/migrations` ? readerWith(files, mod.dir, got.migrations) : files;
            r.scanned.migrations = { key, part: scanModuleMigrations(reader, mod, moduleDir, tenantColumn, dialect) };
          }
        }
      }
      if (i % AHEAD_BATCH === AHEAD_BATCH - 1) {
        remote?.pending(toSend);
        toSend = [];
        options.onProgress?.(i + 1, total);
        await nextTurn(); // let the worker's reads in, and keep a host's other requests moving
      }
    }
    remote?.pending(toSend);
    if (remote?.live && options.sqlOnWorker) {
      handedOver = true;
      options.sqlOnWorker(remote);
    } else if (tenantColumn !== undefined) {
      // The worker failed after modules were sent to it: their migrations are read here.
      for (const { index, pending } of sent) {
        const scanned = results[index];
        if (scanned && pending && !scanned.migrations) scanned.migrations = { key: pending.key, part: scanModuleMigrations(files, pending.mod, pending.moduleDir, tenantColumn, dialect) };
      }
    }
  } finally {
    const w = worker as ReadAheadWorker | null;
    worker = null;
    // What the worker read that the main thread read too (the worker's handler, handed over with it, keeps this map).
    ahead.clear();
    if (!handedOver) {
      remote?.close();
      w?.close();
    }
  }
  options.onProgress?.(total, total);
  return results;
}
